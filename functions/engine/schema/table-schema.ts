import { ConfigError, InputError } from '../errors.js';

/**
 * A report's schema, written once in its connector, drives row normalisation, the Parquet
 * writer and the Glue table. Types are the ones SQL users expect:
 * - `bigint` for counts and ids (INT64 / BIGINT),
 * - `double` for money: the vendors send binary floats, so DOUBLE stores exactly what they sent
 *   and a DECIMAL would only pretend to a precision that never existed,
 * - `date` (INT32 DATE) for calendar dates, `timestamp` (INT64 micros, UTC-adjusted, never INT96).
 */
export type ColumnType = 'string' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp';

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The vendor's field name when the column is renamed for analysts. */
  from?: string;
  /** Filled from the slice being fetched (e.g. the campaign a report belongs to), not the record. */
  fromSlice?: boolean;
  description?: string;
  /**
   * `either`: the vendor document shows no example of this value, so a date-only string is
   * accepted where a timestamp is declared and the reverse; the declared type is stored.
   */
  temporal?: 'either';
  /**
   * A measure that adds up over the rows (a count or an amount of money): each commit records
   * its sum and a restatement reports how it moved (`partitions/partition-profile.ts`). Only
   * `bigint` and `double` columns can be metrics.
   */
  metric?: true;
}

export type Row = Record<string, string | number | boolean | null>;

export interface TableSchema {
  columns: readonly Column[];
}

type ColumnOptions = Pick<Column, 'from' | 'fromSlice' | 'description' | 'temporal' | 'metric'> & {
  nullable?: boolean;
};

function column(type: ColumnType) {
  return (name: string, options: ColumnOptions = {}): Column => ({
    name,
    type,
    nullable: options.nullable ?? false,
    ...(options.from ? { from: options.from } : {}),
    ...(options.fromSlice ? { fromSlice: true } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.temporal ? { temporal: options.temporal } : {}),
    ...(options.metric ? { metric: true as const } : {}),
  });
}

/** Column builders: `col.bigint('clicks')`, `col.string('publisher', { nullable: true })`. */
export const col = {
  string: column('string'),
  bigint: column('bigint'),
  double: column('double'),
  boolean: column('boolean'),
  date: column('date'),
  timestamp: column('timestamp'),
};

export function tableSchema(columns: readonly Column[]): TableSchema {
  const seen = new Set<string>();
  for (const c of columns) {
    if (!/^[a-z][a-z0-9_]*$/.test(c.name))
      throw new ConfigError(`column name "${c.name}" is not a lower_snake identifier`);
    if (seen.has(c.name)) throw new ConfigError(`column "${c.name}" is declared twice`);
    if (c.metric && c.type !== 'bigint' && c.type !== 'double')
      throw new ConfigError(`column "${c.name}" is a metric but not a bigint or double`);
    seen.add(c.name);
  }
  return { columns };
}

/** The columns whose sums a commit records (counts and money), in schema order. */
export function metricColumns(schema: TableSchema): Column[] {
  return schema.columns.filter((c) => c.metric);
}

/** The vendor field a column is read from. */
export function vendorField(column: Column): string {
  return column.from ?? column.name;
}

/** The vendor fields a report asks for by name: every column read from the record, not the slice. */
export function recordFields(schema: TableSchema): string[] {
  return schema.columns.filter((c) => !c.fromSlice).map(vendorField);
}

/**
 * Field names a source puts into a vendor query (fields, filters, sort) must be the schema's:
 * vendors answer an unknown one with an opaque 500 (TUNE), a 400 (MediaMath) or by silently
 * dropping the column, so it is refused here, by name, before any request.
 */
export function assertKnownFields(schema: TableSchema, names: Iterable<string>, where: string): void {
  const known = new Set(recordFields(schema));
  for (const name of names) {
    if (!known.has(name)) {
      throw new InputError(
        `unknown field "${name}" in ${where} (the report's fields are: ${[...known].join(', ')})`,
      );
    }
  }
}
