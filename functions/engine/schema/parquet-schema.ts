import type { SchemaElement } from 'hyparquet';
import type { Column, Row, TableSchema } from './table-schema.js';

const DAY_MS = 86_400_000;

function element(column: Column): SchemaElement {
  const repetition_type = column.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (column.type) {
    case 'string':
      return {
        name: column.name,
        type: 'BYTE_ARRAY',
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
        repetition_type,
      };
    case 'bigint':
      return { name: column.name, type: 'INT64', repetition_type };
    case 'double':
      return { name: column.name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name: column.name, type: 'BOOLEAN', repetition_type };
    case 'date':
      return {
        name: column.name,
        type: 'INT32',
        converted_type: 'DATE',
        logical_type: { type: 'DATE' },
        repetition_type,
      };
    case 'timestamp':
      return {
        name: column.name,
        type: 'INT64',
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
        repetition_type,
      };
  }
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
