import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diskScratch } from '../adapters/local/disk-scratch.js';
import { FileLakeStore } from '../adapters/local/file-lake-store.js';
import { FileStagingStore } from '../adapters/local/file-staging-store.js';
import { FileTokenCache } from '../adapters/local/file-token-cache.js';
import type { ReportFetcherConfig, SourceConfig } from '../config/config-schema.js';
import { resolveLocalCredentials } from '../config/credentials.js';
import { toSourceSettings } from '../config/source-settings.js';
import { CONNECTORS } from '../connectors/index.js';
import {
  type DeferredPartition,
  type EngineDeps,
  InputError,
  type LocalRunOptions,
  newRunId,
  type PartitionResult,
  partitionsFor,
  runLocally,
  SourceRuntime,
  scheduledPartitions,
} from '../engine/index.js';
import { cleanLeftovers, markRunFinished, markRunLive } from './housekeeping.js';

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
  // `--source x --source x` runs x once, with one rate limiter.
  return [...new Set(names)].map((name) => {
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
    scratch: diskScratch(),
  };
}

/** The local job: every selected source, its dates, into the local lake. */
export async function runLocal(
  request: LocalRunRequest,
  options: LocalRunOptions = {},
): Promise<PartitionResult[]> {
  await checkOutDir(request.outDir);
  const sources = selectSources(request.config, request.sources);
  // One clock reading for the whole run: its id, every source's window and the snapshot day agree
  // even when the run starts a moment before midnight in a source's zone.
  const now = request.now ?? new Date();
  const runId = newRunId(now);
  const stateDir = request.stateDir ?? '.report-fetcher';
  const deps = { ...localDeps(request.outDir, stateDir), ...request.deps };
  const work = [];
  const deferred: PartitionResult[] = [];
  for (const source of sources) {
    const credentials = await resolveLocalCredentials(
      source,
      CONNECTORS[source.connector]!,
      request.configDir,
      request.env,
    );
    const settings = toSourceSettings(source, credentials);
    const runtime = new SourceRuntime(settings, deps);
    if (request.dates) {
      work.push({ runtime, partitions: partitionsFor(settings, request.dates, runId, now) });
      continue;
    }
    // The scheduled window: a date whose day has not ended in its report's data zone is left to a later run.
    const scheduled = scheduledPartitions(settings, runId, now);
    work.push({ runtime, partitions: scheduled.partitions });
    deferred.push(...scheduled.deferred.map((d) => deferredResult(runtime, d)));
  }
  // What earlier runs of these sources left (failed runs' staging, a killed process's temporary
  // files) goes now; this run's own staging is marked live so a concurrent run leaves it alone.
  const stagingRoot = join(request.outDir, '_staging');
  await cleanLeftovers({
    outDir: request.outDir,
    tokenDir: join(stateDir, 'tokens'),
    sources: sources.map((s) => ({
      name: s.name,
      tables: Object.values(CONNECTORS[s.connector]!.reports).map((r) => r.table),
    })),
    currentRunId: runId,
  });
  await markRunLive(stagingRoot, runId);
  let results: PartitionResult[];
  try {
    results = await runLocally(work, options);
  } finally {
    await markRunFinished(stagingRoot, runId);
  }
  if (!request.keepStaging && results.every((r) => r.status === 'written')) {
    await rm(join(stagingRoot, runId), { recursive: true, force: true });
  }
  return [...results, ...deferred];
}

/** A deferred partition as the run reports it: nothing fetched, and when its day ends. */
function deferredResult(runtime: SourceRuntime, d: DeferredPartition): PartitionResult {
  return {
    source: d.source,
    report: d.report,
    table: runtime.report(d.report).table,
    date: d.date,
    status: 'deferred',
    rows: 0,
    pages: 0,
    requests: 0,
    retries: 0,
    throttled: 0,
    bytes: 0,
    seconds: 0,
    deferred: { zone: d.zone, until: d.endsAt },
  };
}

/** `--out` names a directory (or one to create); never "" (the current directory) nor a file. */
export async function checkOutDir(outDir: string): Promise<void> {
  if (outDir.trim() === '') throw new InputError('--out must name a directory (it was empty)');
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new InputError(`--out ${outDir} is not a directory`);
}
