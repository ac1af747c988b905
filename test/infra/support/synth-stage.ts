import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../../bin/app.js';
import type { ReportFetcherConfig } from '../../../functions/config/config-schema.js';
import type { LakeStack } from '../../../lib/lake-stack.js';
import type { PipelineStack } from '../../../lib/pipeline-stack.js';

/** CloudFormation properties: free-form JSON that the tests navigate by name. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped by nature; tests assert on it
export type CfnProperties = Record<string, any>;

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: CfnProperties; DeletionPolicy?: string }>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

export interface SynthesizedStage {
  app: App;
  stage: string;
  lake: LakeStack;
  pipeline: PipelineStack;
  directory: string;
  /** Every template of the stage, top-level and nested, by file name. */
  templates: Record<string, CfnTemplate>;
}

/**
 * Synthesizes one stage of the app. Bundling is skipped (the tests read templates; `npx cdk
 * synth` bundles for real); cdk-nag runs unless `nag: false`.
 */
export async function synthStage(
  options: { stage?: string; config?: ReportFetcherConfig; nag?: boolean } = {},
): Promise<SynthesizedStage> {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      config: 'report-fetcher.config.example.json',
      ...(options.stage ? { stage: options.stage } : {}),
    },
  });
  const built = await buildApp(app, { config: options.config, nag: options.nag });
  const assembly = app.synth();
  const templates: Record<string, CfnTemplate> = {};
  for (const file of readdirSync(assembly.directory).filter((f) => f.endsWith('.template.json')))
    templates[file] = JSON.parse(readFileSync(join(assembly.directory, file), 'utf8'));
  return { ...built, app, directory: assembly.directory, templates };
}

/** All resources of all templates of a stage, with the template they are in. */
export function allResources(stage: SynthesizedStage) {
  return Object.entries(stage.templates).flatMap(([file, template]) =>
    Object.entries(template.Resources).map(([id, resource]) => ({ file, id, ...resource })),
  );
}

/**
 * A CloudFormation value as a string with every reference counted at `tokenChars` characters:
 * what a value's length will be once deployed, without knowing the account or the names.
 */
export function flattenValue(value: unknown, tokenChars = 64): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => flattenValue(v, tokenChars)));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === 'Fn::Join') {
      const [separator, parts] = entries[0]![1] as [string, unknown[]];
      return parts.map((p) => flattenValue(p, tokenChars)).join(separator);
    }
    if (entries.length === 1 && (entries[0]![0] === 'Ref' || entries[0]![0].startsWith('Fn::')))
      return 'x'.repeat(tokenChars);
    return JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, flattenDeep(v, tokenChars)])));
  }
  return '';
}

/** Like flattenValue, but keeps objects and arrays as structures (for JSON sizes). */
export function flattenDeep(value: unknown, tokenChars = 64): unknown {
  if (Array.isArray(value)) return value.map((v) => flattenDeep(v, tokenChars));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && (entries[0]![0] === 'Ref' || entries[0]![0].startsWith('Fn::')))
      return flattenValue(value, tokenChars);
    return Object.fromEntries(entries.map(([k, v]) => [k, flattenDeep(v, tokenChars)]));
  }
  return value;
}
