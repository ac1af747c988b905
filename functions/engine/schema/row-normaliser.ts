import * as z from 'zod';
import { type ErrorContext, SchemaDriftError } from '../errors.js';
import { type Column, type Row, type TableSchema, vendorField } from './table-schema.js';

export interface NormaliserOptions {
  /** Fields the vendor sends that the schema does not know: an error (default) or dropped. */
  unknownFields: 'error' | 'ignore';
  /** Fields of the schema the vendor may leave out; they become null. */
  mayBeAbsent?: readonly string[];
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const bigintValue = z
  .union([z.number(), z.string().regex(INTEGER_TEXT, 'expected an integer').transform(Number)])
  .refine((v) => Number.isSafeInteger(v), 'expected an integer within ±2^53');
const doubleValue = z
  .union([z.number(), z.string().regex(NUMBER_TEXT, 'expected a number').transform(Number)])
  .refine((v) => Number.isFinite(v), 'expected a finite number');
const dateValue = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD');
/** Timestamps without an offset are UTC (TUNE's "YYYY-MM-DD HH:MM:SS"); stored as ISO-8601 UTC. */
const timestampValue = z
  .string()
  .regex(TIMESTAMP_TEXT, 'expected an ISO-8601 timestamp')
  .transform((text, ctx) => {
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
    const millis = Date.parse(hasOffset ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    if (Number.isNaN(millis)) {
      ctx.addIssue({ code: 'custom', message: 'expected a valid timestamp' });
      return z.NEVER;
    }
    return new Date(millis).toISOString();
  });

const VALUE_SCHEMAS = {
  string: z.string(),
  bigint: bigintValue,
  double: doubleValue,
  boolean: z.boolean(),
  date: dateValue,
  timestamp: timestampValue,
} satisfies Record<Column['type'], z.ZodType>;

export function isCalendarDate(text: string): boolean {
  const match = DATE_TEXT.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export type RowNormaliser = (record: unknown, slice?: Record<string, unknown>) => Row;

/**
 * Builds the validator for one report from its schema. A record must carry every column
 * (nulls only where the column is nullable) and, unless told otherwise, nothing else: a vendor
 * that adds, drops or retypes a field is schema drift, reported with the field's name.
 */
export function createRowNormaliser(
  schema: TableSchema,
  options: NormaliserOptions,
  context: ErrorContext = {},
): RowNormaliser {
  const recordColumns = schema.columns.filter((c) => !c.fromSlice);
  const sliceColumns = schema.columns.filter((c) => c.fromSlice);
  const absentAllowed = new Set(options.mayBeAbsent ?? []);
  const shape: Record<string, z.ZodType> = {};
  for (const c of recordColumns) {
    let value: z.ZodType = VALUE_SCHEMAS[c.type];
    if (c.nullable) value = value.nullable();
    if (absentAllowed.has(c.name)) value = value.optional();
    shape[vendorField(c)] = value;
  }
  const recordSchema = options.unknownFields === 'error' ? z.strictObject(shape) : z.object(shape);
  const sliceShape: Record<string, z.ZodType> = {};
  for (const c of sliceColumns)
    sliceShape[vendorField(c)] = c.nullable ? VALUE_SCHEMAS[c.type].nullable() : VALUE_SCHEMAS[c.type];
  const sliceSchema = z.object(sliceShape);
  const columnsByField = new Map(schema.columns.map((c) => [vendorField(c), c]));

  return (record, slice = {}) => {
    const parsed = recordSchema.safeParse(record);
    if (!parsed.success) throw driftError(parsed.error, record, columnsByField, context);
    const fromSlice = sliceColumns.length > 0 ? sliceSchema.safeParse(slice) : undefined;
    if (fromSlice && !fromSlice.success) throw driftError(fromSlice.error, slice, columnsByField, context);
    const values = parsed.data as Record<string, unknown>;
    const sliceValues = (fromSlice?.data ?? {}) as Record<string, unknown>;
    const row: Row = {};
    for (const c of schema.columns) {
      const value = c.fromSlice ? sliceValues[vendorField(c)] : values[vendorField(c)];
      row[c.name] = (value ?? null) as Row[string];
    }
    return row;
  };
}

const EXPECTED: Record<Column['type'], string> = {
  string: 'a string',
  bigint: 'an integer',
  double: 'a number',
  boolean: 'true or false',
  date: 'a date YYYY-MM-DD',
  timestamp: 'an ISO-8601 timestamp',
};

function driftError(
  error: z.ZodError,
  record: unknown,
  columns: Map<string, Column>,
  context: ErrorContext,
): SchemaDriftError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    return new SchemaDriftError(
      `unexpected field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')} in a vendor record (not in the report schema)`,
      {
        field: keys[0],
        context,
      },
    );
  }
  if (issue.path.length === 0) {
    return new SchemaDriftError(`expected a JSON object for each record, got ${describeValue(record)}`, {
      context,
    });
  }
  const field = String(issue.path[0]);
  const actual =
    record && typeof record === 'object' ? (record as Record<string, unknown>)[field] : undefined;
  const what = actual === undefined ? 'missing' : `got ${describeValue(actual)}`;
  const column = columns.get(field);
  const generic = issue.code === 'invalid_type' || issue.code === 'invalid_union';
  const expected =
    generic && column
      ? `expected ${EXPECTED[column.type]}${column.nullable ? ' or null' : ''}`
      : issue.message;
  return new SchemaDriftError(`field "${field}": ${expected}, ${what}`, { field, context });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}
