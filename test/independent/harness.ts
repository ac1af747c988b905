/**
 * Drives the real CLI (bin/cli.ts `main`, the same function the published binary calls) against an
 * independent server, and reads the lake back with DuckDB directly (not through product code).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../../bin/cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

export function workspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rf-indep-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a config with one source and runs `report-fetcher run --config … --from … --to … --out …`. */
export async function runCli(
  dir: string,
  source: Record<string, unknown>,
  env: Record<string, string>,
  from: string,
  to: string,
  extraArgs: string[] = [],
): Promise<CliResult> {
  const configPath = join(dir, 'report-fetcher.config.json');
  writeFileSync(configPath, JSON.stringify({ sources: [source] }, null, 2));
  const out = join(dir, 'data');
  const state = join(dir, 'state');
  mkdirSync(state, { recursive: true });
  let stdout = '';
  let stderr = '';
  const stderrStream = new Writable({
    write(chunk, _encoding, callback) {
      stderr += String(chunk);
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  const code = await main(
    ['run', '--config', configPath, '--from', from, '--to', to, '--out', out, ...extraArgs],
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: stderrStream,
      env: { PATH: process.env.PATH, REPORT_FETCHER_STATE_DIR: state, ...env },
    },
  );
  return { code, stdout, stderr, out };
}

/**
 * A source's `limits` for a run against a server serving faults (servers/common.ts
 * TransportFaults): a hang is given up after 2 s of silence (default 30 s), and a rate-limit
 * refusal that names no wait holds the source 0.2 s (default 60 s). Without faults: none.
 */
export function faultLimits(faults: unknown): { limits?: Record<string, number> } {
  return faults ? { limits: { idleTimeoutSeconds: 2, rateLimitWaitSeconds: 0.2 } } : {};
}

export type LakeRow = Record<string, unknown>;

/** Every row of `<out>/<table>/source=<source>/dt=*`, with `dt` from the partition path. */
export async function readTable(out: string, table: string, source: string): Promise<LakeRow[]> {
  const dir = join(out, table, `source=${source}`);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).flatMap((dt) =>
    readdirSync(join(dir, dt))
      .filter((f) => f.endsWith('.parquet') || f.endsWith('.ndjson') || f.endsWith('.json'))
      .map((f) => ({ dt: dt.replace(/^dt=/, ''), path: join(dir, dt, f) })),
  );
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows: LakeRow[] = [];
  try {
    for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
      const reader = file.path.endsWith('.parquet')
        ? `read_parquet('${file.path}')`
        : `read_json_auto('${file.path}', format='newline_delimited')`;
      const result = await connection.runAndReadAll(`SELECT * FROM ${reader}`);
      for (const row of result.getRowObjectsJS()) rows.push({ ...row, __dt: file.dt });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return rows;
}

/** Column names and DuckDB types of a lake table (from the first partition found). */
export async function describeTable(
  out: string,
  table: string,
  source: string,
): Promise<Record<string, string>> {
  const dir = join(out, table, `source=${source}`);
  const dt = readdirSync(dir)[0]!;
  const file = readdirSync(join(dir, dt)).find((f) => f.endsWith('.parquet'))!;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_parquet('${join(dir, dt, file)}')`,
    );
    return Object.fromEntries(
      result.getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]),
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A lake value as plain JSON-ish data: DATE → 'YYYY-MM-DD', TIMESTAMP → ISO string, BIGINT → number. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return value;
}

export function partitionsOf(out: string, table: string, source: string): string[] {
  const dir = join(out, table, `source=${source}`);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * Compares the server's rows with the lake's, row by row and column by column. `columns` maps each
 * vendor field to the lake column that should hold it (identity unless the product renames it).
 * Returns human-readable differences (empty when identical); rows are matched by `key`.
 */
export function diffRows(
  expected: Record<string, unknown>[],
  actual: LakeRow[],
  key: (row: Record<string, unknown>) => string,
  columns: Record<string, string>,
): string[] {
  const problems: string[] = [];
  if (expected.length !== actual.length)
    problems.push(`row count: server ${expected.length}, lake ${actual.length}`);
  const byKey = new Map<string, LakeRow>();
  for (const row of actual) {
    const plainRow = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]));
    const k = key(plainRow);
    if (byKey.has(k)) problems.push(`duplicate key in lake: ${k}`);
    byKey.set(k, plainRow);
  }
  for (const row of expected) {
    const k = key(row);
    const got = byKey.get(k);
    if (!got) {
      problems.push(`missing in lake: ${k}`);
      continue;
    }
    byKey.delete(k);
    for (const [field, column] of Object.entries(columns)) {
      if (!(column in got)) {
        problems.push(`${k}: lake has no column ${column} (vendor field ${field})`);
        continue;
      }
      const want = row[field] === undefined ? null : row[field];
      if (!Object.is(want, got[column]) && JSON.stringify(want) !== JSON.stringify(got[column]))
        problems.push(
          `${k}: ${field}→${column}: server ${JSON.stringify(want)}, lake ${JSON.stringify(got[column])}`,
        );
    }
  }
  for (const k of byKey.keys()) problems.push(`extra in lake: ${k}`);
  return problems.slice(0, 40);
}
