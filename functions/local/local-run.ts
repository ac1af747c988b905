import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileLakeStore } from '../adapters/local/file-lake-store.js';
import { FileStagingStore } from '../adapters/local/file-staging-store.js';
import { FileTokenCache } from '../adapters/local/file-token-cache.js';
import type { ReportFetcherConfig, SourceConfig } from '../config/config-schema.js';
import { resolveLocalCredentials } from '../config/credentials.js';
import { toSourceSettings } from '../config/source-settings.js';
import { CONNECTORS } from '../connectors/index.js';
import { InputError } from '../engine/errors.js';
import { type LocalRunOptions, type PartitionResult, runLocally } from '../engine/run/local-runner.js';
import { scheduledDates } from '../engine/run/report-dates.js';
import { partitionsFor } from '../engine/run/run-plan.js';
import { type EngineDeps, SourceRuntime } from '../engine/run/source-runtime.js';
import { newRunId } from '../engine/run/tasks.js';

export interface LocalRunRequest {
  config: ReportFetcherConfig;
  configDir: string;
  /** Source names; all configured sources when empty. */
  sources?: readonly string[];
  /** Explicit report dates; the scheduled window (yesterday + look-back) when absent. */
  dates?: readonly string[];
  outDir: string;
  /** Token cache directory (git-ignored); default `.report-fetcher/tokens`. */
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Keep staged pages after the run (debugging); removed by default once a run succeeds. */
  keepStaging?: boolean;
  deps?: Partial<EngineDeps>;
}

export function selectSources(config: ReportFetcherConfig, names: readonly string[] = []): SourceConfig[] {
  if (names.length === 0) return config.sources;
  return names.map((name) => {
    const source = config.sources.find((s) => s.name === name);
    if (!source) {
      throw new InputError(
        `unknown source "${name}" (configured: ${config.sources.map((s) => s.name).join(', ')})`,
      );
    }
    return source;
  });
}

export function localDeps(outDir: string, stateDir: string): EngineDeps {
  return {
    tokenCache: new FileTokenCache(join(stateDir, 'tokens')),
    staging: new FileStagingStore(join(outDir, '_staging')),
    lake: new FileLakeStore(outDir),
  };
}

/** The local job: every selected source, its dates, into the local lake. */
export async function runLocal(
  request: LocalRunRequest,
  options: LocalRunOptions = {},
): Promise<PartitionResult[]> {
  const sources = selectSources(request.config, request.sources);
  const runId = newRunId(request.now);
  const deps = { ...localDeps(request.outDir, request.stateDir ?? '.report-fetcher'), ...request.deps };
  const work = [];
  for (const source of sources) {
    const credentials = await resolveLocalCredentials(
      source,
      CONNECTORS[source.connector]!,
      request.configDir,
      request.env,
    );
    const settings = toSourceSettings(source, credentials);
    const dates = request.dates ?? scheduledDates(settings.timezone, settings.lookbackDays, request.now);
    work.push({
      runtime: new SourceRuntime(settings, deps),
      partitions: partitionsFor(settings, dates, runId, request.now),
    });
  }
  const results = await runLocally(work, options);
  if (!request.keepStaging && results.every((r) => r.status === 'written')) {
    await rm(join(request.outDir, '_staging', runId), { recursive: true, force: true });
  }
  return results;
}
