import type { Column, TableSchema } from './table-schema.js';

const GLUE_TYPES: Record<Column['type'], string> = {
  string: 'string',
  bigint: 'bigint',
  double: 'double',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
};

export interface GlueColumn {
  name: string;
  type: string;
  comment?: string;
}

/** The Glue/Athena column list for a report, derived from the same schema as the Parquet files. */
export function glueColumns(schema: TableSchema): GlueColumn[] {
  return schema.columns.map((c) => ({
    name: c.name,
    type: GLUE_TYPES[c.type],
    ...(c.description ? { comment: c.description } : {}),
  }));
}

/** DuckDB's names for the same types, used by local tests and the NDJSON reader. */
export function duckdbType(type: Column['type']): string {
  return {
    string: 'VARCHAR',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    boolean: 'BOOLEAN',
    date: 'DATE',
    timestamp: 'TIMESTAMPTZ',
  }[type];
}
