import { type ErrorContext, SchemaDriftError } from '../errors.js';
import { type Column, type Row, type TableSchema, vendorField } from './table-schema.js';

export interface NormaliserOptions {
  /**
   * Fields the vendor sends that the schema does not know: an error (the `strict` contract) or
   * dropped and counted (`tolerant`, the default for sources: a vendor adding a field must not
   * stop a daily run).
   */
  unknownFields: 'error' | 'ignore';
}

/** What the schema contract let through, per vendor field: rows where it was absent or extra. */
export interface FieldObservations {
  absent: Record<string, number>;
  extra: Record<string, number>;
  /** Rows left out because this timestamp was past the partition's day (`dayTimestamp`). */
  pastDay?: Record<string, number>;
}

const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(text: string): boolean {
  if (!DATE_TEXT.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/** Returned by a value parser for a value of the wrong type. */
const INVALID = Symbol('invalid');
type Parsed = string | number | boolean | typeof INVALID;
type ValueParser = (value: unknown) => Parsed;

/**
 * One parser per column type. Lossless coercions only: integer or numeric text (some vendors
 * quote numbers), and timestamps to ISO-8601 UTC; one without an offset is UTC (TUNE's
 * "YYYY-MM-DD HH:MM:SS").
 */
const PARSERS: Record<Column['type'], ValueParser> = {
  string: (v) => (typeof v === 'string' ? v : INVALID),
  bigint: (v) => {
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && INTEGER_TEXT.test(v) ? Number(v) : Number.NaN;
    return Number.isSafeInteger(n) ? n : INVALID;
  },
  double: (v) => {
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && NUMBER_TEXT.test(v) ? Number(v) : Number.NaN;
    return Number.isFinite(n) ? n : INVALID;
  },
  boolean: (v) => (typeof v === 'boolean' ? v : INVALID),
  date: (v) => (typeof v === 'string' && isCalendarDate(v) ? v : INVALID),
  timestamp: (v) => {
    if (typeof v !== 'string' || !TIMESTAMP_TEXT.test(v)) return INVALID;
    const iso = v.replace(' ', 'T');
    const millis = Date.parse(HAS_OFFSET.test(v) ? iso : `${iso}Z`);
    return Number.isNaN(millis) ? INVALID : new Date(millis).toISOString();
  },
};

/**
 * For columns whose vendor document shows no example value (`temporal: 'either'`): a date may
 * arrive as a timestamp and the reverse, and the declared type is stored. A date keeps the
 * calendar day as the vendor wrote it; a date-only timestamp is midnight UTC.
 */
const EITHER: Partial<Record<Column['type'], ValueParser>> = {
  date: (v) => {
    if (typeof v !== 'string') return INVALID;
    const day = v.slice(0, 10);
    if (v.length > 10 && PARSERS.timestamp(v) === INVALID) return INVALID;
    return isCalendarDate(day) ? day : INVALID;
  },
  timestamp: (v) =>
    typeof v === 'string' && isCalendarDate(v) ? `${v}T00:00:00.000Z` : PARSERS.timestamp(v),
};

const EXPECTED: Record<Column['type'], string> = {
  string: 'a string',
  bigint: 'an integer',
  double: 'a number',
  boolean: 'true or false',
  date: 'a date YYYY-MM-DD',
  timestamp: 'an ISO-8601 timestamp',
};

export interface RowNormaliser {
  (record: unknown, slice?: Record<string, unknown>): Row;
  /** Absent nullable fields and ignored extra fields seen so far (the contract's tolerance). */
  observed(): FieldObservations;
}

interface CompiledColumn {
  name: string;
  field: string;
  fromSlice: boolean;
  nullable: boolean;
  parse: ValueParser;
  expected: string;
}

/**
 * Builds the validator for one report from its schema: the one definition of the report's
 * columns drives this, the Parquet schema and the Glue table. The schema contract:
 * - a required column (ids, the date) must be present and not null, else schema drift;
 * - a nullable column the vendor left out becomes null, counted in `observed().absent`;
 * - a field the schema does not know is dropped and counted in `observed().extra`, or is schema
 *   drift under `unknownFields: 'error'` (strict);
 * - a value of the wrong type is schema drift. Every drift names the field.
 *
 * Compiled to plain checks rather than a zod schema: it runs once per row of every report
 * (zod cost ~38 µs per 42-column row, this ~2 µs), and its rules are few and fixed.
 */
export function createRowNormaliser(
  schema: TableSchema,
  options: NormaliserOptions,
  context: ErrorContext = {},
): RowNormaliser {
  const columns: CompiledColumn[] = schema.columns.map((c) => ({
    name: c.name,
    field: vendorField(c),
    fromSlice: !!c.fromSlice,
    nullable: c.nullable,
    parse: (c.temporal === 'either' ? EITHER[c.type] : undefined) ?? PARSERS[c.type],
    expected: `expected ${EXPECTED[c.type]}${c.nullable ? ' or null' : ''}`,
  }));
  const known = new Set(columns.filter((c) => !c.fromSlice).map((c) => c.field));
  const strict = options.unknownFields === 'error';
  // Every row starts as a copy of this template, so rows share one hidden class and keep fast
  // properties: 42 keyed stores into `{}` would turn each row into a slow dictionary object
  // (V8 does that past a dozen properties added by key), which every later step (staging,
  // digest, Parquet) then pays for. JSON.parse builds the template with fast properties.
  const template: Row = JSON.parse(JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, null]))));
  const observations: FieldObservations = { absent: {}, extra: {} };

  const normalise = (record: unknown, slice: Record<string, unknown> = {}): Row => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new SchemaDriftError(`expected a JSON object for each record, got ${describeValue(record)}`, {
        context,
      });
    }
    const fields = record as Record<string, unknown>;
    let keys = 0;
    for (const _ in fields) keys++;
    let present = 0;
    const row: Row = { ...template };
    for (const column of columns) {
      const source = column.fromSlice ? slice : fields;
      const value = source[column.field];
      if (value === undefined) {
        if (!column.nullable) throw drift(column, 'missing', context);
        observations.absent[column.field] = (observations.absent[column.field] ?? 0) + 1;
        row[column.name] = null;
        continue;
      }
      if (!column.fromSlice) present++;
      if (value === null) {
        if (!column.nullable) throw drift(column, 'got null', context);
        row[column.name] = null;
        continue;
      }
      const parsed = column.parse(value);
      if (parsed === INVALID) throw drift(column, `got ${describeValue(value)}`, context);
      row[column.name] = parsed;
    }
    // Every known field present was counted; more keys than that means one the schema lacks.
    if (keys > present) {
      if (strict) throw unexpectedFields(fields, known, context);
      for (const key of Object.keys(fields)) {
        if (!known.has(key)) observations.extra[key] = (observations.extra[key] ?? 0) + 1;
      }
    }
    return row;
  };
  return Object.assign(normalise, { observed: () => observations });
}

function unexpectedFields(
  fields: Record<string, unknown>,
  known: Set<string>,
  context: ErrorContext,
): SchemaDriftError {
  const unknown = Object.keys(fields).filter((key) => !known.has(key));
  return new SchemaDriftError(
    `unexpected field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in a vendor record (not in the report schema; the source's schemaContract is "strict")`,
    { field: unknown[0], context },
  );
}

function drift(column: CompiledColumn, what: string, context: ErrorContext): SchemaDriftError {
  const origin = column.fromSlice ? ' (from the slice)' : '';
  return new SchemaDriftError(`field "${column.field}"${origin}: ${column.expected}, ${what}`, {
    field: column.field,
    context,
  });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}
