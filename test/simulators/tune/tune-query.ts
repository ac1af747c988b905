/**
 * Validation and interpretation of the find/count parameters fields, filter, sort, limit, page
 * (tune-management-api.txt, "Understanding Action's Parameters" and "Importance of Providing
 * Valid Fields": an unknown name in `fields` is dropped from the export; in sort/filter it makes
 * the service build an invalid query and fail with an Internal Service Error).
 */
import { positiveIntParam } from '../base/pagination.js';
import type { TuneRow } from './tune-data.js';
import type { TuneEntityName } from './tune-fields.js';
import { allFieldsOf, TUNE_ENTITY_FIELDS } from './tune-fields.js';
import type { Predicate } from './tune-filter.js';
import { FilterSyntaxError, parseTuneFilter } from './tune-filter.js';

export interface TuneQueryError {
  status: 400 | 500;
  message: string;
}

/** "Parameters 'limit' and 'page'": default 10. The 1000 cap is our choice (the doc is silent). */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;
const INTERNAL_SERVICE_ERROR: TuneQueryError = { status: 500, message: 'Internal Service Error' };

export function isTuneQueryError(value: unknown): value is TuneQueryError {
  return typeof value === 'object' && value !== null && 'status' in value && 'message' in value;
}

function knownFields(entity: TuneEntityName): Set<string> {
  return new Set(allFieldsOf(entity).map((field) => field.name));
}

/** Requested fields in request order, unknown ones silently dropped; default fields when absent. */
export function selectedFields(entity: TuneEntityName, raw: string | null): string[] {
  if (raw === null || raw.trim() === '')
    return TUNE_ENTITY_FIELDS[entity].defaultFields.map((field) => field.name);
  const known = knownFields(entity);
  const requested = raw.split(',').map((name) => name.trim());
  return [...new Set(requested.filter((name) => known.has(name)))];
}

export function filterPredicate(entity: TuneEntityName, raw: string | null): Predicate | TuneQueryError {
  if (raw === null || raw.trim() === '') return () => true;
  try {
    const { predicate, fields } = parseTuneFilter(raw);
    const known = knownFields(entity);
    return fields.every((name) => known.has(name)) ? predicate : INTERNAL_SERVICE_ERROR;
  } catch (error) {
    if (error instanceof FilterSyntaxError)
      return { status: 400, message: `Invalid filter: ${error.message}` };
    throw error;
  }
}

/** `sort=advertiser_id,name:desc`; ties are broken by id so pages never overlap. */
export function sortComparator(
  entity: TuneEntityName,
  raw: string | null,
): ((a: TuneRow, b: TuneRow) => number) | TuneQueryError {
  const known = knownFields(entity);
  const keys: Array<{ name: string; direction: number }> = [];
  for (const part of (raw ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter(Boolean)) {
    const [name = '', direction = 'asc'] = part.split(':').map((text) => text.trim());
    if (!known.has(name)) return INTERNAL_SERVICE_ERROR;
    if (!/^(asc|desc)$/i.test(direction))
      return { status: 400, message: `Invalid sort direction: ${direction}` };
    keys.push({ name, direction: direction.toLowerCase() === 'desc' ? -1 : 1 });
  }
  keys.push({ name: 'id', direction: 1 });
  return (a, b) => {
    for (const { name, direction } of keys) {
      const order = compareValues(a[name] ?? null, b[name] ?? null);
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}

/** NULLs sort first, as in MySQL ascending order. */
function compareValues(a: TuneRow[string], b: TuneRow[string]): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export function limitAndPage(query: URLSearchParams): { limit: number; page: number } | TuneQueryError {
  const limit = positiveIntParam(query.get('limit'), DEFAULT_LIMIT);
  if (limit === undefined || limit > MAX_LIMIT)
    return { status: 400, message: `Invalid parameter 'limit': must be 1..${MAX_LIMIT}` };
  const page = positiveIntParam(query.get('page'), 1);
  if (page === undefined)
    return { status: 400, message: "Invalid parameter 'page': must be a positive integer" };
  return { limit, page };
}
