import type { SchemaElement } from 'hyparquet';
import type { Column, Row, TableSchema } from './table-schema.js';

const DAY_MS = 86_400_000;

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

type ColumnArray = (string | number | bigint | boolean | null)[];

/** Turns normalised rows into physical column arrays (INT64 as bigint, dates as day numbers). */
export function toColumnData(
  schema: TableSchema,
  rows: readonly Row[],
): { name: string; data: ColumnArray }[] {
  return schema.columns.map((column) => {
    const data: ColumnArray = new Array(rows.length);
    const convert = PHYSICAL[column.type];
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i]![column.name];
      data[i] = value === null || value === undefined ? null : convert(value);
    }
    return { name: column.name, data };
  });
}

const PHYSICAL: Record<
  Column['type'],
  (value: string | number | boolean) => string | number | bigint | boolean
> = {
  string: (v) => v,
  bigint: (v) => BigInt(v as number),
  double: (v) => v,
  boolean: (v) => v,
  date: (v) => Date.parse(`${v as string}T00:00:00Z`) / DAY_MS,
  timestamp: (v) => BigInt(Date.parse(v as string)) * 1000n,
};
