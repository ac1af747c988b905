import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CONNECTORS } from '../connectors/index.js';
import { duckdbType, InputError, RESTATEMENTS_TABLE, type TableSchema } from '../engine/index.js';

function schemaOf(table: string): TableSchema | undefined {
  for (const connector of Object.values(CONNECTORS)) {
    for (const report of Object.values(connector.reports)) if (report.table === table) return report.schema;
  }
  return undefined;
}

/** A table's data objects: `<source=…>/<dt=…>/data.<ext>` paths relative to the table folder. */
function dataFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) =>
    /(^|[/\\])data\.(parquet|ndjson)$/.test(f),
  );
}

/**
 * The format a table is written in now: that of its most recently committed object. A table has
 * one format (config load enforces it) and a commit removes the other format's object of its
 * partition; partitions not committed since a switch still hold the old format, which Athena's
 * one-SerDe Glue table cannot read either, so DuckDB reads only the current format, as Athena
 * does (switching a table's format: docs/deploy.md).
 */
function currentFormat(dir: string, files: string[]): 'parquet' | 'ndjson' {
  let newest = { at: -1, format: 'parquet' as 'parquet' | 'ndjson' };
  for (const file of files) {
    const at = statSync(join(dir, file)).mtimeMs;
    if (at > newest.at) newest = { at, format: file.endsWith('.ndjson') ? 'ndjson' : 'parquet' };
  }
  return newest.format;
}

/** SQL views over the local lake: one per table, hive columns `source` and `dt` included. */
export function lakeViews(outDir: string): { table: string; sql: string }[] {
  if (!existsSync(outDir)) return [];
  const views: { table: string; sql: string }[] = [];
  for (const table of readdirSync(outDir)) {
    const dir = join(outDir, table);
    if (table.startsWith('_') || table.startsWith('.') || !/^[a-z][a-z0-9_]*$/.test(table)) continue;
    const hive = "hive_partitioning = true, hive_types = {'source': VARCHAR, 'dt': VARCHAR}";
    if (table === RESTATEMENTS_TABLE) {
      // A log, not a replaced partition: one object per restatement (<table>-<run id>.parquet).
      const records = `'${join(dir, '*', '*', '*.parquet').replaceAll("'", "''")}'`;
      if ((readdirSync(dir, { recursive: true }) as string[]).some((f) => f.endsWith('.parquet')))
        views.push({
          table,
          sql: `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${records}, ${hive})`,
        });
      continue;
    }
    const files = dataFiles(dir);
    if (files.length === 0) continue;
    const glob = (ext: string) => `'${join(dir, '*', '*', `data.${ext}`).replaceAll("'", "''")}'`;
    const schema = schemaOf(table);
    const format = schema ? currentFormat(dir, files) : 'parquet';
    if (format === 'parquet') {
      views.push({
        table,
        sql: `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${glob('parquet')}, ${hive})`,
      });
    } else {
      const columns = schema!.columns.map((c) => `'${c.name}': '${duckdbType(c.type)}'`).join(', ');
      views.push({
        table,
        sql: `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_json(${glob('ndjson')}, format = 'newline_delimited', columns = {${columns}}, ${hive})`,
      });
    }
  }
  return views;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Runs SQL over the local lake with DuckDB (in memory; reads the files in place). */
export async function queryLake(outDir: string, sql: string): Promise<QueryResult> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const view of lakeViews(outDir)) await connection.run(view.sql);
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJS() as Record<string, unknown>[] };
  } catch (cause) {
    throw new InputError(`query failed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
