import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { connectorOf, reportsOf } from '../functions/config/load-config.js';
import {
  ConfigError,
  type GlueColumn,
  glueColumns,
  type OutputFormat,
  RESTATEMENTS_SCHEMA,
  RESTATEMENTS_TABLE,
} from '../functions/engine/index.js';

/** One Glue table: a lake table (one connector report), one format, and the sources writing it. */
export interface LakeTable {
  /** Glue/Athena table name. */
  name: string;
  /** Folder in the bucket (the report's table name). */
  folder: string;
  connector: string;
  report: string;
  description: string;
  format: OutputFormat;
  /** Sources whose partitions this table projects (the `source` partition's enum values). */
  sources: string[];
  columns: GlueColumn[];
}

/**
 * The Glue tables a config needs: exactly one per connector report that some source runs, named
 * as the report's table, whatever the formats. A Glue table has one SerDe, so the config loader
 * refuses sources that write one table in two formats (checkOneFormatPerTable): Athena and the
 * local DuckDB views then read the same rows.
 */
export function lakeTables(config: ReportFetcherConfig): LakeTable[] {
  const byKey = new Map<string, LakeTable>();
  for (const source of config.sources) {
    const connector = connectorOf(source);
    for (const report of reportsOf(source)) {
      const definition = connector.reports[report]!;
      const key = definition.table;
      let table = byKey.get(key);
      if (!table) {
        table = {
          name: definition.table,
          folder: definition.table,
          connector: connector.name,
          report,
          description: definition.description,
          format: source.format,
          sources: [],
          columns: glueColumns(definition.schema),
        };
        byKey.set(key, table);
      }
      // Sources may choose different fields of one report: the table has them all (Parquet
      // columns are read by name, so a source's files without a column read it as null).
      for (const column of glueColumns(definition.schema)) {
        if (!table.columns.some((c) => c.name === column.name)) table.columns.push(column);
      }
      table.sources.push(source.name);
    }
  }
  if (config.sources.length > 0) {
    // What re-fetches changed (docs/guarantees.md § 11): one object per restatement, same layout.
    byKey.set(RESTATEMENTS_TABLE, {
      name: RESTATEMENTS_TABLE,
      folder: RESTATEMENTS_TABLE,
      connector: 'report-fetcher',
      report: 'restatements',
      description: 'Partitions a re-fetch found changed: rows, keys and metric sums before and after',
      format: 'parquet',
      sources: config.sources.map((s) => s.name),
      columns: glueColumns(RESTATEMENTS_SCHEMA),
    });
  }
  const tables = [...byKey.values()];
  for (const table of tables) {
    if (table.name === RESTATEMENTS_TABLE) continue; // always Parquet, whatever the sources write
    const other = config.sources.find((s) => s.format !== table.format && table.sources.includes(s.name));
    // parseConfig refuses this already; a config built in code must not slip past it.
    if (other)
      throw new ConfigError(`table ${table.name} is written in two formats (see source "${other.name}")`);
  }
  return tables.sort((a, b) => a.name.localeCompare(b.name));
}
