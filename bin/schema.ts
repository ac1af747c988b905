import { existsSync } from 'node:fs';
import { connectorOf, loadConfigFile, reportsOf } from '../functions/config/load-config.js';
import { CONNECTORS } from '../functions/connectors/index.js';
import {
  type Column,
  columnDescription,
  columnSource,
  glueColumns,
  InputError,
  type ReportDefinition,
} from '../functions/engine/index.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './cli-io.js';
import { formatTable } from './format-table.js';

interface TableInfo {
  table: string;
  description: string;
  sources: string[];
  key: readonly string[];
  columns: Column[];
}

/**
 * The tables a config writes (or, without a config, every report every connector offers with its
 * default fields): columns with type, nullability, vendor field and the same description the Glue
 * column comment carries. Sources that choose different fields of one table add up, as in Glue.
 */
export async function schemaCommand(
  values: { config?: string },
  positionals: string[],
  io: CliIo,
): Promise<number> {
  const path = values.config ?? 'report-fetcher.config.json';
  const tables = new Map<string, TableInfo>();
  const add = (report: ReportDefinition, source: string) => {
    const info = tables.get(report.table) ?? {
      table: report.table,
      description: report.description,
      sources: [],
      key: report.uniqueKey,
      columns: [],
    };
    for (const column of report.schema.columns)
      if (!info.columns.some((c) => c.name === column.name)) info.columns.push(column);
    info.sources.push(source);
    tables.set(report.table, info);
  };
  if (values.config || existsSync(path)) {
    const { config } = await loadConfigFile(path);
    for (const source of config.sources)
      for (const report of reportsOf(source)) add(connectorOf(source).reports[report]!, source.name);
  } else {
    for (const connector of Object.values(CONNECTORS))
      for (const report of Object.values(connector.reports)) add(report, `(${connector.name} defaults)`);
  }
  const [wanted] = positionals;
  const selected = [...tables.values()]
    .filter((t) => !wanted || t.table === wanted)
    .sort((a, b) => a.table.localeCompare(b.table));
  if (wanted && selected.length === 0)
    throw new InputError(`no table "${wanted}" (tables: ${[...tables.keys()].sort().join(', ')})`);
  const blocks = selected.map((t) => {
    const glue = new Map(glueColumns({ columns: t.columns }).map((c) => [c.name, c.type]));
    const rows = t.columns.map((c) => [
      c.name,
      glue.get(c.name) ?? c.type,
      c.nullable ? 'yes' : 'no',
      columnSource(c),
      columnDescription(c) ?? '',
    ]);
    return [
      `${t.table}: ${t.description}`,
      `  sources: ${t.sources.join(', ')}; unique per partition: (${t.key.join(', ')}); partitions: source, dt`,
      formatTable(['column', 'type', 'nullable', 'vendor field', 'description'], rows),
    ].join('\n');
  });
  io.stdout(`${blocks.join('\n\n')}\n`);
  return EXIT.ok;
}
