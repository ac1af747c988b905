/**
 * MediaMath Reporting API v2 simulator (mediamath-reporting-api-v2.txt).
 *
 *   POST /oauth/token                  JSON {grant_type: client_credentials, client_id, client_secret, audience} → JWT
 *   POST /reporting/v2/performance     Authorization: Bearer <jwt>; paginated (body has `pagination`)
 *                                      or streamed as NDJSON (no `pagination`)
 */
import { randomBytes } from 'node:crypto';
import { authorizationToken, seededSecret } from '../base/credentials.js';
import { dateToEpochMs, MS_PER_DAY, MS_PER_HOUR } from '../base/dates.js';
import { isJsonObject, parseForm, parseJson, stringField } from '../base/request-body.js';
import type { BufferedResponse, SimResponse } from '../base/responses.js';
import { jsonResponse } from '../base/responses.js';
import { Restatements } from '../base/restatements.js';
import type { RouteRequest, VendorProfile } from '../base/simulator-server.js';
import { startSimulator } from '../base/simulator-server.js';
import { TokenRegistry } from '../base/token-registry.js';
import type { CommonOptions, Restatable, SimulatorHandle } from '../types.js';
import { groupRows, needsGrouping } from './aggregate.js';
import type { RunningDay } from './day-so-far.js';
import { JwtSigner } from './jwt.js';
import { MediaMathDataset } from './mediamath-data.js';
import { BadRequestError, mediaMathError } from './mediamath-errors.js';
import { AGG_TIMESTAMP, type MediaMathRow, type Rollup } from './mediamath-fields.js';
import type { PerformanceQuery } from './performance-query.js';
import { parsePerformanceQuery } from './performance-query.js';
import { PerformanceResult } from './performance-result.js';
import { streamPerformance } from './performance-stream.js';
import type { EndTimeReading } from './time-range.js';

export interface MediaMathOptions extends CommonOptions {
  /**
   * The dataset's fields, when it has fewer than the simulated catalogue (the document lists no
   * fields at all): asking for another answers 400 "field does not exist in this dataset: X",
   * the document's error example. `DOCUMENTED_FIELDS` is the dataset the document alone shows.
   */
  datasetFields?: readonly string[];
  /** Rows per day (default 300); by_hour spreads the same rows over the day's 24 hours. */
  rowsPerDay?: number | ((date: string) => number);
  /** The organization the credentials may query (default 100048). */
  organizationId?: number;
  /** Streaming header says total_items_count -1 ("couldn't be calculated"). Default false. */
  unknownTotal?: boolean;
  /**
   * Whether end_time is included, which the document does not say (mm:97-98): 'exclusive'
   * (default) serves buckets starting in [start_time, end_time), 'inclusive' those in
   * [start_time, end_time], so a query ending at midnight also gets the next day's first bucket.
   */
  endTime?: EndTimeReading;
  /**
   * The zone whose days by_day buckets (and whose hours by_hour buckets) follow, which the
   * document does not say (mm:33 RFC 3339 times, every example in UTC; mm:37 "truncated datetime
   * values based on the rollup value"): 0 (default) buckets UTC days; an account zone as whole
   * hours from UTC (e.g. -5) buckets the account's days, each stamped with the account's
   * midnight as a UTC instant ("2026-11-10T05:00:00Z"). `rows(date, …)` is then the account's day.
   */
  bucketUtcOffsetHours?: number;
  /**
   * With a `clock`, a day that has not ended at its now serves only what has happened so far
   * (day-so-far.ts, mm:43-46): 'ended-hours' (default) the rows of its ended hours, 'so-far' also
   * the hour under way's rows so far (the document is silent on it). The clock also places the
   * relative time windows. Without a clock every day is served whole, as if it had ended.
   */
  runningDay?: RunningDay;
}

export interface MediaMathSimulator extends SimulatorHandle, Restatable {
  organizationId: number;
  /**
   * Every row of `date` (all fields + agg_timestamp) in natural order, generated lazily; with
   * `fields`, summed per distinct tuple of those dimensions as a query for them is answered.
   * The whole day, as served once it has ended, whatever the clock says.
   */
  rows(date: string, rollup: Rollup, fields?: readonly string[]): Iterable<MediaMathRow>;
  count(date: string, rollup: Rollup): number;
  setUnknownTotal(unknown: boolean): void;
}

/** The only performance fields the document shows (its examples' fields and filters). */
export const DOCUMENTED_FIELDS = [
  'organization_id',
  'advertiser_id',
  'campaign_id',
  'campaign_name',
  'impressions',
] as const;

const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
const DEFAULT_ROWS_PER_DAY = 300;
const DEFAULT_ORGANIZATION_ID = 100_048;
const AUDIENCE = 'https://api.mediamath.com/';

export async function startMediaMath(options: MediaMathOptions = {}): Promise<MediaMathSimulator> {
  const seed = options.seed ?? 1;
  const organizationId = options.organizationId ?? DEFAULT_ORGANIZATION_ID;
  const rowsPerDay = options.rowsPerDay ?? DEFAULT_ROWS_PER_DAY;
  const restatements = new Restatements(seed);
  const dataset = new MediaMathDataset(
    seed,
    organizationId,
    (date) => (typeof rowsPerDay === 'function' ? rowsPerDay(date) : rowsPerDay),
    restatements,
    (options.bucketUtcOffsetHours ?? 0) * MS_PER_HOUR,
    options.runningDay,
  );
  const tokens = new TokenRegistry(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const signer = new JwtSigner();
  let unknownTotal = options.unknownTotal ?? false;
  const credentials = {
    client_id: seededSecret(seed, 'mediamath', 'client_id', 32),
    client_secret: seededSecret(seed, 'mediamath', 'client_secret', 64),
    audience: AUDIENCE,
  };

  const accessDenied = (): BufferedResponse => ({
    ...jsonResponse(401, { error: 'access_denied', error_description: 'Unauthorized' }),
    authFailure: true,
  });

  /**
   * Auth0-style client-credentials grant; JSON body (a form body is accepted too, as Auth0 does).
   * The document says only that authentication is by JWT ("Authentication is only done via JWT
   * tokens", sent as "Authorization: Bearer $JWT_TOKEN" in its cURL example), not how one is
   * obtained: the endpoint is configurable (`authUrl`), this one is our choice.
   */
  function grantToken(request: RouteRequest): BufferedResponse {
    const isForm = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const parsed = isForm ? { ok: true as const, value: parseForm(request.body) } : parseJson(request.body);
    if (!parsed.ok || !isJsonObject(parsed.value)) {
      return jsonResponse(400, { error: 'invalid_request', error_description: 'body must be a JSON object' });
    }
    const body = parsed.value;
    if (stringField(body, 'grant_type') !== 'client_credentials') {
      // Auth0's answer to a grant type the client may not use.
      return {
        ...jsonResponse(403, {
          error: 'unauthorized_client',
          error_description: 'Grant type not allowed for the client.',
        }),
        authFailure: true,
      };
    }
    const valid = (['client_id', 'client_secret', 'audience'] as const).every(
      (name) => stringField(body, name) === credentials[name],
    );
    if (!valid) return accessDenied();
    const iat = Math.floor(Date.now() / 1000);
    const jwt = signer.sign({
      iss: `${request.baseUrl}/`,
      sub: `${credentials.client_id}@clients`,
      aud: AUDIENCE,
      iat,
      exp: iat + tokens.lifetimeSeconds,
      gty: 'client-credentials',
      jti: randomBytes(8).toString('hex'),
    });
    tokens.issueAccessToken(jwt);
    return {
      ...jsonResponse(200, { access_token: jwt, token_type: 'Bearer', expires_in: tokens.lifetimeSeconds }),
      grant: 'client_credentials',
    };
  }

  function performance(request: RouteRequest): SimResponse {
    const jwt = authorizationToken(request.headers, 'Bearer');
    if (jwt === undefined || signer.verify(jwt) === undefined || !tokens.isAccessTokenValid(jwt)) {
      return { ...mediaMathError(401, 'invalid or expired token'), authFailure: true };
    }
    const parsed = parseJson(request.body);
    if (!parsed.ok) return mediaMathError(400, 'request body is not valid JSON');
    // Only a simulator given a clock answers as of its now; otherwise every day is whole.
    const asOfMs = options.clock?.now();
    let query: PerformanceQuery;
    try {
      query = parsePerformanceQuery(parsed.value, organizationId, options.endTime, asOfMs);
      const missing = query.rowFields.find(
        (f) => f !== AGG_TIMESTAMP && options.datasetFields?.includes(f) === false,
      );
      if (missing) throw new BadRequestError(`field does not exist in this dataset: ${missing}`);
    } catch (error) {
      if (error instanceof BadRequestError) return mediaMathError(400, error.message);
      throw error;
    }
    const result = new PerformanceResult(dataset, query, asOfMs);
    if (query.pagination !== undefined) return paginatedResponse(result, query.pagination);
    const fault = request.takeStreamFault();
    return {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson' },
      stream: (res) => streamPerformance(res, query, result, { unknownTotal, fault }),
    };
  }

  const profile: VendorProfile = {
    routes: [
      { method: 'POST', path: /^\/oauth\/token$/, kind: 'auth', handle: grantToken },
      { method: 'POST', path: /^\/reporting\/v2\/performance$/, kind: 'data', handle: performance },
    ],
    credentials,
    secretCredentialNames: ['client_secret'],
    tokens,
    errorResponse: mediaMathError,
    // The doc names no rate limit and no refusal; 429 + Retry-After in the documented error
    // shape is our choice, and `refusal` offers it without Retry-After.
    rateLimitRefusal: { status: 429, message: 'rate limit exceeded', retryAfter: true },
  };
  const base = await startSimulator(profile, options);
  const wholeDay = (date: string): [number, number] => {
    const startMs = dateToEpochMs(date) - (options.bucketUtcOffsetHours ?? 0) * MS_PER_HOUR;
    return [startMs, startMs + MS_PER_DAY];
  };
  return {
    ...base,
    organizationId,
    rows: (date, rollup, fields) => {
      const all = dataset.rows(dataset.segments(rollup, ...wholeDay(date)), rollup);
      return fields && needsGrouping(fields) ? groupRows(all, fields) : all;
    },
    count: (date) => dataset.rowCount(date),
    restate: (date) => restatements.restate(date),
    restateLate: (date) => restatements.restateLate(date),
    setUnknownTotal: (unknown) => {
      unknownTotal = unknown;
    },
  };
}

/** Paginated mode: {"meta": {page_index, total_pages, items_count, total_items_count, status}, "results": [...]}. */
function paginatedResponse(
  result: PerformanceResult,
  { pageSize, pageIndex }: { pageSize: number; pageIndex: number },
): BufferedResponse {
  const results: Array<ReturnType<PerformanceResult['project']>> = [];
  for (const row of result.rows(pageIndex * pageSize)) {
    if (results.length === pageSize) break;
    results.push(result.project(row));
  }
  const total = result.total();
  return jsonResponse(200, {
    meta: {
      page_index: pageIndex,
      // An empty result has 0 pages (the doc only shows a non-empty example).
      total_pages: Math.ceil(total / pageSize),
      items_count: results.length,
      total_items_count: total,
      status: 'OK',
    },
    results,
  });
}
