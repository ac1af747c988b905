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

/** "Parameters 'limit' and 'page'" (tune-management-api.txt:145-146): default 10, no maximum given. */
const DEFAULT_LIMIT = 10;
/** The largest limit the simulator serves in full unless told otherwise: our choice, the doc is silent. */
export const DEFAULT_MAX_LIMIT = 1000;

/**
 * What find.json does with a `limit` above what the server serves. The document names a default
 * (10) and no maximum (:145-146), and find.json's answer carries no total (:231-252), so each of
 * these is plausible and a client cannot tell them apart from one page:
 * - 'reject': HTTP 400 in TUNE's error envelope (:197-201, "invalid parameters") above `max`;
 * - 'cap': silently serves at most `max` rows a page and numbers pages by that smaller size, so a
 *   page shorter than the limit asked is not the last one;
 * - 'honour': serves any limit in full.
 */
export type TuneLimitPolicy = { over: 'reject' | 'cap'; max: number } | { over: 'honour' };
export const DEFAULT_LIMIT_POLICY: TuneLimitPolicy = { over: 'reject', max: DEFAULT_MAX_LIMIT };

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

/** The page window asked for, with the limit as the server applies it under `policy`. */
export function limitAndPage(
  query: URLSearchParams,
  policy: TuneLimitPolicy = DEFAULT_LIMIT_POLICY,
): { limit: number; page: number } | TuneQueryError {
  const asked = positiveIntParam(query.get('limit'), DEFAULT_LIMIT);
  if (asked === undefined)
    return { status: 400, message: "Invalid parameter 'limit': must be a positive integer" };
  if (policy.over === 'reject' && asked > policy.max)
    return { status: 400, message: `Invalid parameter 'limit': must be 1..${policy.max}` };
  const limit = policy.over === 'cap' ? Math.min(asked, policy.max) : asked;
  const page = positiveIntParam(query.get('page'), 1);
  if (page === undefined)
    return { status: 400, message: "Invalid parameter 'page': must be a positive integer" };
  return { limit, page };
}
