import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { CONNECTORS } from '../connectors/index.js';
import { ConfigError, type ConnectorDefinition, type ReportDefinition } from '../engine/index.js';
import {
  configSchema,
  hideIfSecret,
  PROTOTYPE_NAMES,
  quoted,
  type ReportFetcherConfig,
  type SourceConfig,
} from './config-schema.js';

export interface LoadedConfig {
  path: string;
  dir: string;
  config: ReportFetcherConfig;
}

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      `cannot read config file ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return { path: absolute, dir: dirname(absolute), config: parseConfig(json, path) };
}

/** Validates a config object; the error names the first offending key by its path. */
export function parseConfig(json: unknown, origin = 'config'): ReportFetcherConfig {
  const polluting = prototypeKeyPath(json);
  if (polluting) {
    throw new ConfigError(
      `${origin}: ${polluting}: a JavaScript property name such as __proto__ or constructor is not a valid key`,
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${origin}: ${formatIssue(parsed.error, json)}`);
  const config = parsed.data;
  for (const [index, source] of config.sources.entries()) checkConnector(source, index, origin);
  checkOneFormatPerTable(config, origin);
  return config;
}

/**
 * A lake table has one format: Athena reads it through one Glue table with one SerDe, and every
 * object under the table's folder must be readable by it. Sources that write the same table
 * must therefore agree on `format` (switching a table's format: docs/deploy.md).
 */
function checkOneFormatPerTable(config: ReportFetcherConfig, origin: string): void {
  const writers = new Map<string, SourceConfig>();
  for (const source of config.sources) {
    const connector = connectorOf(source);
    for (const report of reportsOf(source)) {
      const table = connector.reports[report]!.table;
      const first = writers.get(table);
      if (!first) writers.set(table, source);
      else if (first.format !== source.format)
        throw new ConfigError(
          `${origin}: sources "${first.name}" (${first.format}) and "${source.name}" (${source.format}) both write table ${table}; a table has one format, so give them the same "format" (switching a table's format: docs/deploy.md)`,
        );
    }
  }
}

function checkConnector(source: SourceConfig, index: number, origin: string): void {
  const where = `${origin}: sources[${index}] (${quoted(source.name)})`;
  const connector = CONNECTORS[source.connector];
  if (!connector) {
    throw new ConfigError(
      `${where}.connector: unknown connector ${quoted(source.connector)} (known: ${Object.keys(CONNECTORS).join(', ')})`,
    );
  }
  if (connector.options) {
    const options = connector.options.safeParse(source.options);
    if (!options.success)
      throw new ConfigError(`${where}.options: ${formatIssue(options.error, source.options)}`);
    source.options = options.data;
  }
  let reports: Record<string, ReportDefinition>;
  try {
    reports = connectorOf(source).reports;
  } catch (error) {
    throw new ConfigError(`${where}.options: ${(error as Error).message}`);
  }
  for (const report of source.reports ?? []) {
    if (!reports[report]) {
      throw new ConfigError(
        `${where}.reports: connector ${connector.name} has no report ${quoted(report)} (it has: ${Object.keys(reports).join(', ')})`,
      );
    }
  }
  for (const report of reportsOf(source)) {
    try {
      reports[report]!.validate?.(source.options);
    } catch (error) {
      throw new ConfigError(`${where}.options (report ${report}): ${(error as Error).message}`);
    }
  }
}

const configured = new WeakMap<object, ConnectorDefinition>();

/**
 * The connector as this source uses it: its reports shaped by the source's options (fields
 * chosen, entities added). The same for every caller: run, Glue tables, IAM, `schema`.
 */
export function connectorOf(source: SourceConfig): ConnectorDefinition {
  const connector = CONNECTORS[source.connector]!;
  if (!connector.configure) return connector;
  let resolved = configured.get(source.options);
  if (!resolved) {
    resolved = { ...connector, reports: connector.configure(source.options) };
    configured.set(source.options, resolved);
  }
  return resolved;
}

/** The reports a source runs: those it lists, or every public report of its connector. */
export function reportsOf(source: SourceConfig): string[] {
  const connector = connectorOf(source);
  return (
    source.reports ??
    Object.entries(connector.reports)
      .filter(([, r]) => !r.internal)
      .map(([name]) => name)
  );
}

function formatIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0]!;
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${hideIfSecret(String(p))}`))
    .join('')
    .replace(/^\./, '');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    return `${path ? `${path}: ` : ''}unknown key${keys.length > 1 ? 's' : ''} ${keys.map(quoted).join(', ')}`;
  }
  void input;
  return `${path || '(top level)'}: ${issue.message}`;
}

/** The path of the first key anywhere in `json` that names an Object prototype member. */
function prototypeKeyPath(json: unknown, path = ''): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  for (const key of Object.keys(json)) {
    const here = Array.isArray(json)
      ? `${path}[${key}]`
      : path
        ? `${path}.${hideIfSecret(key)}`
        : hideIfSecret(key);
    if (!Array.isArray(json) && PROTOTYPE_NAMES.has(key.toLowerCase())) return here;
    const inner = prototypeKeyPath((json as Record<string, unknown>)[key], here);
    if (inner) return inner;
  }
  return undefined;
}
