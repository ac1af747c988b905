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

/** Where a column's value comes from: the vendor field, or the request for slice columns. */
export function columnSource(column: Column): string {
  return column.fromSlice ? `(request: ${column.from ?? column.name})` : (column.from ?? column.name);
}

/**
 * A column's description as `report-fetcher schema` prints it and Glue stores it as the column
 * comment: the connector's words, plus the vendor field when the column is renamed.
 */
export function columnDescription(column: Column): string | undefined {
  const renamed =
    column.from && !column.fromSlice ? `vendor field "${column.from}", renamed for SQL` : undefined;
  const text = [column.description, renamed].filter(Boolean).join('; ');
  return text || undefined;
}

/** The Glue/Athena column list for a report, derived from the same schema as the Parquet files. */
export function glueColumns(schema: TableSchema): GlueColumn[] {
  return schema.columns.map((c) => {
    const comment = columnDescription(c);
    return { name: c.name, type: GLUE_TYPES[c.type], ...(comment ? { comment } : {}) };
  });
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
