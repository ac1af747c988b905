import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CONNECTORS } from '../connectors/index.js';
import { ReportFetcherError } from '../engine/errors.js';
import { duckdbType } from '../engine/schema/glue-columns.js';
import type { TableSchema } from '../engine/schema/table-schema.js';

function schemaOf(table: string): TableSchema | undefined {
  for (const connector of Object.values(CONNECTORS)) {
    for (const report of Object.values(connector.reports)) if (report.table === table) return report.schema;
  }
  return undefined;
}

function hasFiles(dir: string, extension: string): boolean {
  return (readdirSync(dir, { recursive: true }) as string[]).some((f) => f.endsWith(`data.${extension}`));
}

/** SQL views over the local lake: one per table, hive columns `source` and `dt` included. */
export function lakeViews(outDir: string): { table: string; sql: string }[] {
  if (!existsSync(outDir)) return [];
  const views: { table: string; sql: string }[] = [];
  for (const table of readdirSync(outDir)) {
    const dir = join(outDir, table);
    if (table.startsWith('_') || table.startsWith('.') || !/^[a-z][a-z0-9_]*$/.test(table)) continue;
    const glob = (ext: string) => `'${join(dir, '*', '*', `data.${ext}`).replaceAll("'", "''")}'`;
    const hive = "hive_partitioning = true, hive_types = {'source': VARCHAR, 'dt': VARCHAR}";
    const parts: string[] = [];
    if (hasFiles(dir, 'parquet')) parts.push(`SELECT * FROM read_parquet(${glob('parquet')}, ${hive})`);
    const schema = schemaOf(table);
    if (schema && hasFiles(dir, 'ndjson')) {
      const columns = schema.columns.map((c) => `'${c.name}': '${duckdbType(c.type)}'`).join(', ');
      parts.push(
        `SELECT * FROM read_json(${glob('ndjson')}, format = 'newline_delimited', columns = {${columns}}, ${hive})`,
      );
    }
    if (parts.length > 0)
      views.push({ table, sql: `CREATE OR REPLACE VIEW ${table} AS ${parts.join(' UNION ALL BY NAME ')}` });
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
    throw new ReportFetcherError(
      'INPUT_INVALID',
      `query failed: ${(cause as Error).message.split('\n')[0]}`,
      { cause },
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
