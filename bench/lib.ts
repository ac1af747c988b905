import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, type ReportFetcherConfig } from '../functions/config/config-schema.js';
import { defaultEnvName } from '../functions/config/credentials.js';
import { CONNECTORS } from '../functions/connectors/index.js';
import { credentialKeysOf } from '../functions/engine/auth/auth-spec.js';

/** One line of the results table. */
export interface BenchRow {
  benchmark: string;
  metric: string;
  value: string;
  target: string;
  /** undefined: informational, no target. */
  pass?: boolean;
  /** Why a target was missed / what would fix it, or what the figure means. */
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const REPO_DIR = resolve(BENCH_DIR, '..');
/** Scratch space (git-ignored: bench/tmp/). */
export const TMP_DIR = join(BENCH_DIR, 'tmp');

export async function tempDir(prefix: string): Promise<string> {
  await mkdir(TMP_DIR, { recursive: true });
  return mkdtemp(join(TMP_DIR, `${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function fmt(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function mb(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024, 1)} MB`;
}

export function kb(bytes: number): string {
  return `${fmt(bytes / 1024, 1)} KB`;
}

/** A one-source config pointing at a simulator, plus the environment holding its credentials. */
export function simulatorConfig(
  source: {
    name: string;
    connector: string;
    baseUrl: string;
    authUrl?: string;
    concurrency?: number;
    rateLimit?: { requests: number; windowSeconds: number };
    format?: 'parquet' | 'ndjson';
    options?: Record<string, unknown>;
    reports?: string[];
  },
  credentials: Record<string, string>,
): { config: ReportFetcherConfig; env: NodeJS.ProcessEnv } {
  const config = configSchema.parse({ sources: [{ timezone: 'UTC', lookbackDays: 0, ...source }] });
  const env: NodeJS.ProcessEnv = {};
  const connector = CONNECTORS[source.connector];
  if (!connector) throw new Error(`no connector ${source.connector}`);
  for (const key of credentialKeysOf(connector.auth)) {
    env[defaultEnvName(source.name, key)] = credentials[key];
  }
  return { config, env };
}

export function elapsedSeconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}
