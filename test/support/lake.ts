import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { canonical, digestRows } from '../../functions/engine/partitions/row-digest.js';
import type { Row, TableSchema } from '../../functions/engine/schema/table-schema.js';

export async function tempDir(prefix = 'rf-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Reads a written partition back with DuckDB, as an analyst would, in the engine's row form. */
export async function readPartition(file: string, schema: TableSchema): Promise<Row[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = file.endsWith('.parquet')
      ? await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)
      : await connection.runAndReadAll(
          `SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${schema.columns.map((c) => `'${c.name}': '${{ string: 'VARCHAR', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMPTZ' }[c.type]}'`).join(', ')}})`,
        );
    return (reader.getRowObjectsJS() as Record<string, unknown>[]).map((raw) => {
      const row: Row = {};
      for (const column of schema.columns) {
        const value = raw[column.name];
        row[column.name] =
          value === null || value === undefined
            ? null
            : typeof value === 'bigint'
              ? Number(value)
              : value instanceof Date
                ? column.type === 'date'
                  ? value.toISOString().slice(0, 10)
                  : value.toISOString()
                : (value as Row[string]);
      }
      return row;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Row count, per-column sums of numeric columns and an order-independent digest. */
export function fingerprint(rows: readonly Record<string, unknown>[], schema: TableSchema) {
  const columns = schema.columns.map((c) => c.name);
  const sums: Record<string, number> = {};
  for (const column of schema.columns) {
    if (column.type === 'bigint' || column.type === 'double') {
      sums[column.name] = Number(
        rows.reduce((sum, row) => sum + Number(row[column.name] ?? 0), 0).toFixed(6),
      );
    }
  }
  return { count: rows.length, sums, digest: digestRows(rows as Row[], columns) };
}

export function duplicatesBy(rows: readonly Row[], key: readonly string[]): number {
  const seen = new Set(rows.map((row) => canonical(row, key)));
  return rows.length - seen.size;
}

/** Every file under a directory as text (for leak scans). */
export async function allFileContents(dir: string): Promise<{ path: string; text: string }[]> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return Promise.all(
    entries.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return { path, text: (await readFile(path)).toString('latin1') };
    }),
  );
}

export function findSecrets(texts: readonly string[], secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= 6 && texts.some((text) => text.includes(secret)));
}

/** Decompressors for reading the lake's Parquet with hyparquet (which has no GZIP of its own). */
export const PARQUET_DECOMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
};
