import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'vitest';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { canonical, digestRows } from '../../functions/engine/partitions/row-digest.js';
import type { Row, TableSchema } from '../../functions/engine/schema/table-schema.js';
import type { Truth } from './truth.js';

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

/** Where a test reads committed partitions from. */
export interface LakeReader {
  /** A local file holding the partition: the local lake's own, or one downloaded from S3. */
  file(table: string, date: string): Promise<string>;
  /** The table's report as the source configures it (schema and unique key). */
  report(table: string): ReportDefinition;
}

/** The partitions a local run wrote under `outDir` for `source`. */
export function localLake(
  outDir: string,
  source: string,
  report: (table: string) => ReportDefinition,
  format: 'parquet' | 'ndjson' = 'parquet',
): LakeReader {
  return {
    file: async (table, date) => join(outDir, partitionObjectKey({ table, source, date }, format)),
    report,
  };
}

export interface CheckedPartition {
  table: string;
  date: string;
  rows: Row[];
  truth: Row[];
}

/**
 * The one lake assertion: every partition equals the vendor's truth (row count, per-column sums,
 * order-independent digest) and holds no duplicate key; and every column of its table is a
 * field the truth knows, so a column read from a wrong vendor field cannot pass as null on both
 * sides.
 */
export async function expectLakeEqualsTruth(
  lake: LakeReader,
  partitions: readonly { table: string; date: string }[],
  truth: Truth,
): Promise<CheckedPartition[]> {
  const checked: CheckedPartition[] = [];
  for (const { table, date } of partitions) {
    const report = lake.report(table);
    const where = `${table} ${date}`;
    const rows = await readPartition(await lake.file(table, date), report.schema);
    const expected = truth(table, date);
    if (expected.length > 0) {
      const known = new Set(expected.flatMap((row) => Object.keys(row)));
      expect(
        report.schema.columns.map((c) => c.name).filter((name) => !known.has(name)),
        `${where}: columns the truth does not know`,
      ).toEqual([]);
    }
    expect(fingerprint(rows, report.schema), where).toEqual(fingerprint(expected, report.schema));
    expect(duplicatesBy(rows, report.uniqueKey), where).toBe(0);
    checked.push({ table, date, rows, truth: expected });
  }
  return checked;
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
