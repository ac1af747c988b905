/**
 * Adcloud Reports API simulator (adcloud-reports-api.txt).
 *
 *   POST /v1/oauth/access_token   form: client_id, client_secret, grant_type=none
 *   GET  /v1/reports/advertiser   filter[date], page, per_page; token via Bearer header or access_token
 */

import { authorizationToken, seededSecret } from '../base/credentials.js';
import { isIsoDate } from '../base/dates.js';
import { pageWindow, positiveIntParam } from '../base/pagination.js';
import { type Prng, roundTo } from '../base/prng.js';
import { parseForm } from '../base/request-body.js';
import type { BufferedResponse } from '../base/responses.js';
import { jsonResponse } from '../base/responses.js';
import { Restatements } from '../base/restatements.js';
import type { RouteRequest, VendorProfile } from '../base/simulator-server.js';
import { startSimulator } from '../base/simulator-server.js';
import { TokenRegistry } from '../base/token-registry.js';
import type { CommonOptions, Restatable, SimulatorHandle } from '../types.js';
import type { AdcloudRow } from './adcloud-data.js';
import { AdcloudCatalog, withMetricGaps, withNullNames } from './adcloud-data.js';

export interface AdcloudOptions extends CommonOptions {
  /** Rows per report date (default 450). */
  rowsPerDate?: number | ((date: string) => number);
  /**
   * Navigation URLs (first/last/next/prev) leave out per_page (default true), so a client that
   * follows next_url silently falls back to 50-row pages. The doc's sample URLs carry no
   * per_page either, although its sample response has per_page 200.
   */
  dropPerPageInNextUrl?: boolean;
  /**
   * Which varchar attributes may be null. The attribute table ("A report_data_item consists of
   * the following attributes") gives types without saying whether a value can be missing:
   * 'publisher' (default) nulls only `publisher` (~5% of rows); 'any' nulls any varchar
   * attribute (~5% of rows each), as a vendor with unnamed websites, topics or ads would.
   */
  nullNames?: 'publisher' | 'any';
  /**
   * Whether metrics are always there. The attribute table types them ("int", "float") without
   * saying: false (default) serves every metric in every row; true makes one metric null in ~4%
   * of rows and leaves one out in another ~4% (`rowsFor` returns the rows as served).
   */
  metricGaps?: boolean;
}

export interface AdcloudSimulator extends SimulatorHandle, Restatable {
  /** Exactly the rows served for `date`, in page order. */
  rowsFor(date: string): AdcloudRow[];
}

/** "At the moment access tokens expires after 2 hours." */
const DEFAULT_TOKEN_TTL_SECONDS = 7200;
const DEFAULT_ROWS_PER_DATE = 450;
/** "The default is 50 records and the the maximum is 200 records per page." */
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 200;
const REPORT_PATH = '/v1/reports/advertiser';

export async function startAdcloud(options: AdcloudOptions = {}): Promise<AdcloudSimulator> {
  const seed = options.seed ?? 1;
  const catalog = new AdcloudCatalog(seed);
  const restatements = new Restatements(seed);
  const tokens = new TokenRegistry(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const dropPerPage = options.dropPerPageInNextUrl ?? true;
  const rowsPerDate = options.rowsPerDate ?? DEFAULT_ROWS_PER_DATE;
  const rowCount = (date: string): number =>
    typeof rowsPerDate === 'function' ? rowsPerDate(date) : rowsPerDate;
  const rowAt = (date: string, index: number): AdcloudRow => {
    const row = catalog.row(date, index, restatements.version(date));
    const named = options.nullNames === 'any' ? withNullNames(row, seed, date, index) : row;
    return options.metricGaps ? withMetricGaps(named, seed, date, index) : named;
  };
  /** Late conversions: a row gains 1-3 post-click conversions and their cost. */
  const growRow = (row: AdcloudRow, rng: Prng): AdcloudRow => {
    const extra = rng.int(1, 3);
    const postclickCosts = roundTo(row.postclick_conversions_costs + extra * rng.decimal(1, 15, 2), 2);
    return {
      ...row,
      postclick_conversions: row.postclick_conversions + extra,
      postclick_conversions_costs: postclickCosts,
      costs: roundTo(
        row.ad_impressions_costs + row.clicks_costs + postclickCosts + row.postview_conversions_costs,
        2,
      ),
    };
  };
  /** The date's rows after its late rounds; undefined when it has none (rows are made one by one). */
  const lateRowsOf = (date: string): AdcloudRow[] | undefined =>
    restatements.rounds(date) === 0
      ? undefined
      : restatements.lateRows(
          date,
          Array.from({ length: rowCount(date) }, (_, index) => rowAt(date, index)),
          { grow: growRow, fresh: (n) => rowAt(date, rowCount(date) + n) },
        );
  const credentials = {
    client_id: `adcloud-client-${seededSecret(seed, 'adcloud', 'client_id', 8)}`,
    client_secret: seededSecret(seed, 'adcloud', 'client_secret'),
  };

  // "Status Codes" lists 200, 400 and 401 without an error body: the envelope's own `status`
  // ("status" : 200 in the sample response) with a message is our choice.
  const error = (status: number, message: string): BufferedResponse =>
    jsonResponse(status, { status, message });

  function grantToken(request: RouteRequest): BufferedResponse {
    const form = parseForm(request.body);
    if (form.grant_type !== 'none') return error(400, 'grant_type must be "none"');
    if (form.client_id !== credentials.client_id || form.client_secret !== credentials.client_secret) {
      return { ...error(401, 'invalid client credentials'), authFailure: true };
    }
    // The doc's response has no expires_in: clients must know the 2-hour lifetime themselves.
    return { ...jsonResponse(200, { access_token: tokens.issueAccessToken(), scope: '' }), grant: 'none' };
  }

  function advertiserReport(request: RouteRequest): BufferedResponse {
    const query = request.url.searchParams;
    const token = authorizationToken(request.headers, 'Bearer') ?? query.get('access_token') ?? undefined;
    if (token === undefined || !tokens.isAccessTokenValid(token)) {
      return { ...error(401, 'access token invalid or expired'), authFailure: true };
    }
    const date = query.get('filter[date]');
    if (!isIsoDate(date)) return error(400, 'filter[date] is missing or not a date in format YYYY-MM-DD');
    const page = positiveIntParam(query.get('page'), 1);
    if (page === undefined) return error(400, 'page must be a positive integer');
    const perPage = positiveIntParam(query.get('per_page'), DEFAULT_PER_PAGE);
    // Above the documented maximum the document does not say what happens: 400 "Parameters
    // missing or wrong" here; the independent server (test/independent/servers/adcloud.ts) also
    // clamps. The connector always asks for 200.
    if (perPage === undefined || perPage > MAX_PER_PAGE)
      return error(400, `per_page must be between 1 and ${MAX_PER_PAGE}`);

    const late = lateRowsOf(date);
    const size = late?.length ?? rowCount(date);
    const { start, end, pageCount } = pageWindow(size, page, perPage);
    const pageUrl = (target: number): string => {
      const params = new URLSearchParams({ access_token: token, 'filter[date]': date, page: String(target) });
      if (!dropPerPage) params.set('per_page', String(perPage));
      return `${request.baseUrl}${REPORT_PATH}?${params}`;
    };
    const result: AdcloudRow[] = [];
    for (let index = start; index < end; index++) result.push(late?.[index] ?? rowAt(date, index));
    return jsonResponse(200, {
      collection: {
        first_url: pageUrl(1),
        last_url: pageUrl(pageCount),
        next_url: page < pageCount ? pageUrl(page + 1) : null,
        prev_url: page > 1 ? pageUrl(Math.min(page - 1, pageCount)) : null,
        per_page: perPage,
        size,
      },
      result,
      status: 200,
    });
  }

  const profile: VendorProfile = {
    routes: [
      { method: 'POST', path: /^\/v1\/oauth\/access_token$/, kind: 'auth', handle: grantToken },
      { method: 'GET', path: /^\/v1\/reports\/advertiser$/, kind: 'data', handle: advertiserReport },
    ],
    credentials,
    secretCredentialNames: ['client_secret'],
    tokens,
    errorResponse: error,
    // The doc lists no rate limit and no refusal (its status codes are 200, 400 and 401,
    // adcloud-reports-api.txt:119-122); 429 + Retry-After in the doc's error shape is our
    // choice, and `refusal` offers it without Retry-After.
    rateLimitRefusal: { status: 429, message: 'rate limit exceeded', retryAfter: true },
  };
  const base = await startSimulator(profile, options);
  return {
    ...base,
    rowsFor: (date) =>
      lateRowsOf(date) ?? Array.from({ length: rowCount(date) }, (_, index) => rowAt(date, index)),
    restate: (date) => restatements.restate(date),
    restateLate: (date) => restatements.restateLate(date),
  };
}
