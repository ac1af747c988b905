/**
 * TUNE Management API v2 simulator (tune-management-api.txt).
 *
 *   GET /v2/<entity>/find.json    api_key, fields, filter, sort, limit, page
 *   GET /v2/<entity>/count.json   api_key, filter
 * for entity in advertiser/campaigns, advertiser/sites, advertiser/publishers, account/users,
 * advertiser and countries (root data consumers of "Layout of API Endpoints").
 *
 * Every answer is {"status_code", "response_size", "data"}, encoded as PHP does and with
 * response_size the byte length of the whole body (see php-json.ts for the document's lines).
 */
import { itemAt } from '../base/arrays.js';
import { seededSecret } from '../base/credentials.js';
import { pageWindow } from '../base/pagination.js';
import { roundTo } from '../base/prng.js';
import type { BufferedResponse } from '../base/responses.js';
import { Restatements } from '../base/restatements.js';
import type { RouteRequest, VendorProfile } from '../base/simulator-server.js';
import { startSimulator } from '../base/simulator-server.js';
import { TokenRegistry } from '../base/token-registry.js';
import type { CommonOptions, SimulatorHandle } from '../types.js';
import { type TuneStatusField, tuneBody } from './php-json.js';
import type { TuneRow } from './tune-data.js';
import { generateTuneEntities, type TuneDateStyle } from './tune-data.js';
import type { TuneEntityName } from './tune-fields.js';
import { TUNE_ENTITY_NAMES } from './tune-fields.js';
import type { TuneLimitPolicy, TuneQueryError } from './tune-query.js';
import {
  filterPredicate,
  isTuneQueryError,
  limitAndPage,
  selectedFields,
  sortComparator,
} from './tune-query.js';

export interface TuneOptions extends CommonOptions {
  /** Rows per entity (defaults: campaigns 150, sites 20, publishers 80, users 12, countries 6). */
  entityCounts?: Partial<Record<TuneEntityName, number>>;
  /** Campaign start_date/end_date as "YYYY-MM-DD HH:MM:SS" (default) or "YYYY-MM-DD": the document is silent. */
  dateStyle?: TuneDateStyle;
  /**
   * The HTTP status an error travels with. "JSON Transformation for Error Result" shows the
   * error's body ("status_pre":401, "errors": [...]) but not its HTTP status: 'mirror' (default)
   * sends the body's status as the HTTP status, 'always200' sends HTTP 200 with the error in the
   * body only (as PHP services behind a front that always answers 200 do). Faults injected as
   * statuses follow the same switch.
   */
  errorHttpStatus?: 'mirror' | 'always200';
  /** "status_code" (the users example) or "status_pre" (the transformation examples). */
  statusField?: TuneStatusField;
  /**
   * A `limit` above what the server serves (tune-query.ts TuneLimitPolicy; the document gives no
   * maximum, :145-146): rejected with 400 above 1000 (default), silently capped, or honoured.
   */
  limitPolicy?: TuneLimitPolicy;
}

export interface TuneSimulator extends SimulatorHandle {
  /** Full rows (every default and extra field) in id order. */
  entities(name: TuneEntityName): TuneRow[];
  /**
   * TUNE serves entity lists, not dated data: its reports are snapshots keyed by the day they are
   * taken, so what a re-run of that day can see change is the list itself. A late round (base/
   * restatements.ts) changes the campaigns, the entity with a metric: some budgets grow, a few
   * campaigns appear, a few are deleted. Rounds add up whatever `date` is given.
   */
  restateLate(date: string): void;
}

/** TUNE's envelope: status_code, response_size (bytes of the whole body, as a string), data. */
export function tuneEnvelope(
  status: number,
  data: unknown,
  wire: Pick<TuneOptions, 'errorHttpStatus' | 'statusField'> = {},
): BufferedResponse {
  return {
    status: wire.errorHttpStatus === 'always200' ? 200 : status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(tuneBody(status, data, undefined, wire.statusField), 'utf8'),
  };
}

/** The key of TUNE's late rounds: one list, not dated rows. */
const SNAPSHOT = 'snapshot';

const ENTITY_PATTERN = TUNE_ENTITY_NAMES.map((name) => name.replace('/', '\\/')).join('|');

export async function startTune(options: TuneOptions = {}): Promise<TuneSimulator> {
  // "JSON Transformation for Error Result": the error's message sits in data.errors.
  const tuneError = (status: number, message: string): BufferedResponse =>
    tuneEnvelope(status, { errors: [{ message }] }, options);
  const queryError = (error: TuneQueryError): BufferedResponse => tuneError(error.status, error.message);
  const seed = options.seed ?? 1;
  const entities = generateTuneEntities(seed, options.entityCounts ?? {}, options.dateStyle);
  const restatements = new Restatements(seed);
  const originalCampaigns = entities['advertiser/campaigns'];
  const lateCampaigns = (): TuneRow[] => {
    const nextId = Math.max(0, ...originalCampaigns.map((row) => Number(row.id))) + 1;
    return restatements.lateRows(SNAPSHOT, originalCampaigns, {
      grow: (row, rng) => ({
        ...row,
        budget: roundTo(((row.budget as number | null) ?? 0) + rng.decimal(10, 2_000, 2), 2),
      }),
      fresh: (n, rng) => ({
        ...rng.pick(originalCampaigns),
        id: nextId + n,
        name: `Late campaign ${nextId + n}`,
      }),
    });
  };
  // API keys are permanent ("API Keys are generated on a per-user basis, are permanent"): no
  // tokens are ever issued, so expireTokens() and the revoke-tokens fault change nothing here.
  const tokens = new TokenRegistry(options.tokenTtlSeconds ?? 0);
  const credentials = { api_key: seededSecret(seed, 'tune', 'api_key', 32) };

  /** Shared by find and count: api_key check, entity rows, filter. */
  function filteredRows(request: RouteRequest): TuneRow[] | BufferedResponse {
    if (request.url.searchParams.get('api_key') !== credentials.api_key) {
      return { ...tuneError(401, 'API key is missing or invalid.'), authFailure: true };
    }
    const entity = itemAt(request.params, 0) as TuneEntityName;
    const predicate = filterPredicate(entity, request.url.searchParams.get('filter'));
    return isTuneQueryError(predicate) ? queryError(predicate) : entities[entity].filter(predicate);
  }

  function find(request: RouteRequest): BufferedResponse {
    const rows = filteredRows(request);
    if (!Array.isArray(rows)) return rows;
    const entity = itemAt(request.params, 0) as TuneEntityName;
    const query = request.url.searchParams;
    const comparator = sortComparator(entity, query.get('sort'));
    if (isTuneQueryError(comparator)) return queryError(comparator);
    const paging = limitAndPage(query, options.limitPolicy);
    if (isTuneQueryError(paging)) return queryError(paging);
    const fields = selectedFields(entity, query.get('fields'));
    const { start, end } = pageWindow(rows.length, paging.page, paging.limit);
    const data = rows
      .sort(comparator)
      .slice(start, end)
      .map((row) => Object.fromEntries(fields.map((name) => [name, row[name] ?? null])));
    return tuneEnvelope(200, data, options);
  }

  function count(request: RouteRequest): BufferedResponse {
    const rows = filteredRows(request);
    return Array.isArray(rows) ? tuneEnvelope(200, rows.length, options) : rows;
  }

  const profile: VendorProfile = {
    routes: [
      {
        method: 'GET',
        path: new RegExp(`^/v2/(${ENTITY_PATTERN})/find\\.json$`),
        kind: 'data',
        handle: find,
      },
      {
        method: 'GET',
        path: new RegExp(`^/v2/(${ENTITY_PATTERN})/count\\.json$`),
        kind: 'data',
        handle: count,
      },
    ],
    credentials,
    secretCredentialNames: ['api_key'],
    tokens,
    errorResponse: tuneError,
    // The doc names no rate limit and no refusal; 429 + Retry-After in TUNE's error envelope is
    // our choice, and `refusal` offers it without Retry-After.
    rateLimitRefusal: { status: 429, message: 'API rate limit exceeded', retryAfter: true },
  };
  const base = await startSimulator(profile, options);
  return {
    ...base,
    entities: (name) => entities[name].map((row) => ({ ...row })),
    restateLate: () => {
      restatements.restateLate(SNAPSHOT);
      entities['advertiser/campaigns'] = lateCampaigns();
    },
  };
}
