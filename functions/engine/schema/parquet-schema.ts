import type { SchemaElement } from 'hyparquet';
import type { Column, TableSchema } from './table-schema.js';

/** Physical and logical Parquet type per column type (Athena reads all of these natively). */
const PARQUET_TYPES: Record<Column['type'], Omit<SchemaElement, 'name' | 'repetition_type'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  bigint: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
  timestamp: {
    type: 'INT64',
    converted_type: 'TIMESTAMP_MICROS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
  },
};

function element(column: Column): SchemaElement {
  return {
    name: column.name,
    ...PARQUET_TYPES[column.type],
    repetition_type: column.nullable ? 'OPTIONAL' : 'REQUIRED',
  };
}

/** The Parquet schema (flat, root first) for a report. */
export function parquetSchema(schema: TableSchema): SchemaElement[] {
  return [{ name: 'root', num_children: schema.columns.length }, ...schema.columns.map(element)];
}
