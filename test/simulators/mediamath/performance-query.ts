/**
 * Validation of a POST /reporting/v2/performance body into a query the dataset can answer.
 * Every problem throws BadRequestError (answered 400 BadRequest).
 */
import { isJsonObject } from '../base/request-body.js';
import { BadRequestError } from './mediamath-errors.js';
import type { MediaMathRow, MediaMathValue, Rollup } from './mediamath-fields.js';
import { AGG_TIMESTAMP, SUPPORTED_ROLLUPS } from './mediamath-fields.js';
import type { RowPredicate } from './mediamath-filter.js';
import { compileFilter, requireKnownField } from './mediamath-filter.js';
import type { EndTimeReading, TimeRange } from './time-range.js';
import { resolveTimeRange } from './time-range.js';

export interface PerformanceQuery extends TimeRange {
  /** Keys of each data object, in order: requested fields, then agg_timestamp unless requested. */
  rowFields: string[];
  /** Names in the streaming header: agg_timestamp first unless requested (as in the doc's example). */
  headerFields: string[];
  rollup: Rollup;
  /** Undefined when the only filter is the organization one (every row matches). */
  predicate: RowPredicate | undefined;
  /** Undefined when the order is the natural one (agg_timestamp, strategy_id, exchange_name). */
  comparator: ((a: MediaMathRow, b: MediaMathRow) => number) | undefined;
  pagination: { pageSize: number; pageIndex: number } | undefined;
}

const NATURAL_ORDER = [AGG_TIMESTAMP, 'strategy_id', 'exchange_name'];
/** "The minimum value is 1 and the maximum value is 1000." */
const MAX_PAGE_SIZE = 1000;

export function parsePerformanceQuery(
  body: unknown,
  organizationId: number,
  endTime: EndTimeReading = 'exclusive',
  /** The simulator's now, for relative windows and an open end_time (default the system clock). */
  nowMs?: number,
): PerformanceQuery {
  if (!isJsonObject(body)) throw new BadRequestError('request body must be a JSON object');
  const requested = parseFields(body.fields);
  const rollup = parseRollup(body.rollup);
  return {
    rowFields: requested.includes(AGG_TIMESTAMP) ? requested : [...requested, AGG_TIMESTAMP],
    headerFields: requested.includes(AGG_TIMESTAMP) ? requested : [AGG_TIMESTAMP, ...requested],
    rollup,
    predicate: parseFilters(body.filters, organizationId),
    comparator: parseOrder(body.order),
    pagination: parsePagination(body.pagination),
    ...resolveTimeRange(body, endTime, nowMs),
  };
}

function parseFields(fields: unknown): string[] {
  if (!Array.isArray(fields) || fields.length === 0)
    throw new BadRequestError('fields must be a non-empty array');
  return [...new Set(fields.map(requireKnownField))];
}

/** Only by_day and by_hour are simulated; all, by_week and by_month are refused. */
function parseRollup(rollup: unknown): Rollup {
  const supported = SUPPORTED_ROLLUPS.find((candidate) => candidate === rollup);
  if (supported === undefined)
    throw new BadRequestError(`rollup not supported by this dataset: ${String(rollup)}`);
  return supported;
}

/**
 * Every filter is validated; an organization_id = <configured org> filter is mandatory (the API
 * scopes every query to an organization). Filters are ANDed.
 */
function parseFilters(filters: unknown, organizationId: number): RowPredicate | undefined {
  if (!Array.isArray(filters))
    throw new BadRequestError('filters must be an array with an organization_id filter');
  const predicates = filters.map(compileFilter);
  const organizationFilters = filters.filter(
    (filter) => isJsonObject(filter) && filter.field === 'organization_id' && (filter.op ?? '=') === '=',
  );
  if (organizationFilters.length === 0) throw new BadRequestError('an organization_id filter is required');
  const allowed = organizationFilters.every((filter) => {
    const value = (filter as { value?: unknown }).value;
    const values = Array.isArray(value) ? value : [value];
    return values.length > 0 && values.every((entry) => Number(entry) === organizationId);
  });
  if (!allowed) throw new BadRequestError(`organization_id must be ${organizationId} for these credentials`);
  if (organizationFilters.length === filters.length) return undefined;
  return (row) => predicates.every((predicate) => predicate(row));
}

function parseOrder(order: unknown): PerformanceQuery['comparator'] {
  if (order === undefined) return undefined;
  if (!Array.isArray(order)) throw new BadRequestError('order must be an array');
  const keys = order.map((entry) => {
    if (!isJsonObject(entry)) throw new BadRequestError('each order entry must be an object');
    return {
      field: requireKnownField(entry.field),
      desc: entry.desc === true,
      nullsLast: entry.nulls_last !== false,
    };
  });
  const natural = keys.every((key, position) => !key.desc && key.field === NATURAL_ORDER[position]);
  if (natural) return undefined;
  // Array.prototype.sort is stable, so rows equal on every key keep the natural order.
  return (a, b) => {
    for (const { field, desc, nullsLast } of keys) {
      const order = compareValues(a[field] ?? null, b[field] ?? null, desc, nullsLast);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function compareValues(a: MediaMathValue, b: MediaMathValue, desc: boolean, nullsLast: boolean): number {
  if (a === b) return 0;
  if (a === null) return nullsLast ? 1 : -1;
  if (b === null) return nullsLast ? -1 : 1;
  const ascending = typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
  return desc ? -ascending : ascending;
}

function parsePagination(pagination: unknown): PerformanceQuery['pagination'] {
  if (pagination === undefined || pagination === null) return undefined;
  if (!isJsonObject(pagination)) throw new BadRequestError('pagination must be an object');
  const { page_size: pageSize, page_index: pageIndex } = pagination;
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > MAX_PAGE_SIZE) {
    throw new BadRequestError(`pagination.page_size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(pageIndex) || (pageIndex as number) < 0) {
    throw new BadRequestError('pagination.page_index must be an integer >= 0');
  }
  return { pageSize: pageSize as number, pageIndex: pageIndex as number };
}
