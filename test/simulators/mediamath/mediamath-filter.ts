/**
 * MediaMath filter objects (mediamath-reporting-api-v2.txt, "Filter"):
 *   { "field": "...", "op": "=", "value": ... } with op = != > >= < <= =~ (text contains,
 *   case-insensitive), and / or (with nested `filters`). `=` with an array value means "contains".
 */
import { isJsonObject } from '../base/request-body.js';
import { BadRequestError } from './mediamath-errors.js';
import type { MediaMathRow, MediaMathValue } from './mediamath-fields.js';
import { MEDIAMATH_FIELD_NAMES } from './mediamath-fields.js';

export type RowPredicate = (row: MediaMathRow) => boolean;

const COMPARISONS: Record<string, (difference: number) => boolean> = {
  '!=': (d) => d !== 0,
  '>': (d) => d > 0,
  '>=': (d) => d >= 0,
  '<': (d) => d < 0,
  '<=': (d) => d <= 0,
};

export function requireKnownField(name: unknown): string {
  if (typeof name !== 'string' || !MEDIAMATH_FIELD_NAMES.has(name)) {
    throw new BadRequestError(`field does not exist in this dataset: ${String(name)}`);
  }
  return name;
}

/** Numbers compare numerically (a numeric string filter value is accepted), everything else as text. */
function compare(value: MediaMathValue, wanted: unknown): number | undefined {
  if (value === null || wanted === null || wanted === undefined) return undefined;
  if (typeof value === 'number') {
    const number = Number(wanted);
    return Number.isNaN(number) ? undefined : value - number;
  }
  const text = String(wanted);
  return value < text ? -1 : value > text ? 1 : 0;
}

export function compileFilter(filter: unknown): RowPredicate {
  if (!isJsonObject(filter)) throw new BadRequestError('each filter must be an object');
  const op = filter.op ?? '=';
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(filter.filters) || filter.filters.length === 0) {
      throw new BadRequestError(`filters is required when op is ${op}`);
    }
    const parts = filter.filters.map(compileFilter);
    return op === 'and'
      ? (row) => parts.every((part) => part(row))
      : (row) => parts.some((part) => part(row));
  }
  const field = requireKnownField(filter.field);
  const wanted = filter.value;
  const fieldValue = (row: MediaMathRow): MediaMathValue => row[field] ?? null;
  if (op === '=') {
    const options = Array.isArray(wanted) ? wanted : [wanted];
    return (row) => options.some((option) => compare(fieldValue(row), option) === 0);
  }
  if (op === '=~') {
    const needle = String(wanted).toLowerCase();
    return (row) =>
      String(fieldValue(row) ?? '')
        .toLowerCase()
        .includes(needle);
  }
  const test = typeof op === 'string' ? COMPARISONS[op] : undefined;
  if (test === undefined) throw new BadRequestError(`invalid filter operator: ${String(op)}`);
  return (row) => {
    const difference = compare(fieldValue(row), wanted);
    return difference !== undefined && test(difference);
  };
}
