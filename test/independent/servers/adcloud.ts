/**
 * Adcloud Reports API, written from ../shared/vendor-docs/adcloud-reports-api.txt only
 * (cited below as "adcloud:LINE").
 */
import {
  datesBetween,
  type LoggedRequest,
  listen,
  type RunningServer,
  refusingWith,
  seeded,
  send,
  type TransportFaults,
} from './common.js';

export const ADCLOUD_CLIENT_ID = 'indep-adcloud-client';
export const ADCLOUD_CLIENT_SECRET = 'indep-adcloud-secret-0123456789';

/** adcloud:63-106, in the document's order, with the document's types. */
export const ADCLOUD_FIELDS = [
  ['date', 'date'],
  ['website_id', 'int'],
  ['website', 'varchar'],
  ['topic_id', 'int'],
  ['topic', 'varchar'],
  ['ad_placement_id', 'int'],
  ['position', 'varchar'],
  ['product_id', 'int'],
  ['product', 'varchar'],
  ['ad_id', 'int'],
  ['ad', 'varchar'],
  ['booking_id', 'int'],
  ['booking', 'varchar'],
  ['page_type', 'varchar'],
  ['publisher', 'varchar'],
  ['language', 'varchar'],
  ['country', 'varchar'],
  ['currency', 'varchar'],
  ['design_id', 'int'],
  ['design', 'varchar'],
  ['ad_position', 'int'],
  ['ad_count', 'int'],
  ['ad_impressions', 'int'],
  ['ad_impressions_costs', 'float'],
  ['clicks', 'int'],
  ['clicks_overdelivered', 'int'],
  ['clicks_filtered', 'int'],
  ['clicks_image', 'int'],
  ['clicks_head', 'int'],
  ['clicks_txt', 'int'],
  ['clicks_link', 'int'],
  ['clicks_costs', 'float'],
  ['postclick_conversions', 'int'],
  ['postclick_conversions_overdelivered', 'int'],
  ['postclick_conversions_filtered', 'int'],
  ['postclick_conversions_costs', 'float'],
  ['postview_conversions', 'int'],
  ['postview_conversions_overdelivered', 'int'],
  ['postview_conversions_filtered', 'int'],
  ['postview_conversions_costs', 'float'],
  ['cancellations', 'int'],
  ['costs', 'float'],
] as const;

export type AdcloudRow = Record<string, string | number>;

export interface AdcloudOptions {
  /** Generic HTTP failures on the data endpoints (common.ts TransportFaults; no document line). */
  faults?: TransportFaults;
  /** Rows served per date (a few hundred by default). */
  rowsPerDate?: number;
  /**
   * adcloud:108 says per_page's maximum is 200 but not what a larger value does. 'clamp' serves
   * 200 (the common REST behaviour); 'reject' answers 400 "Parameters missing or wrong" (adcloud:122).
   */
  perPageAbove200?: 'clamp' | 'reject';
  /**
   * adcloud:23 "access tokens expires after 2 hours": after this many report requests every token
   * issued so far is refused with 401 (adcloud:123), as it would be two hours into a long run.
   */
  expireAfterRequests?: number;
  /** A field the document does not list, added to every row (a vendor extending its API). */
  extraField?: string;
  /** Serve exactly these rows for every date (the document's literal example). */
  fixedRows?: (date: string) => AdcloudRow[];
  /** Serve this exact body text for every report page (the document's example, byte for byte). */
  literalBody?: string;
}

/** Seeded rows; unique per date on the grouping tuple of adcloud:110-117. */
export function adcloudRows(date: string, count: number): AdcloudRow[] {
  const rng = seeded(Number(date.replaceAll('-', '')));
  const rows: AdcloudRow[] = [];
  for (let i = 0; i < count; i++) {
    const row: AdcloudRow = {};
    for (const [name, type] of ADCLOUD_FIELDS) {
      if (name === 'date')
        row[name] = date; // adcloud:65 Format "YYYY-MM-DD"
      else if (type === 'int') row[name] = rng.int(0, 50_000);
      else if (type === 'float') row[name] = rng.money(900);
      else row[name] = `${name} ${rng.int(1, 99)} «ü»`;
    }
    row.language = rng.pick(['de', 'fr', 'en']); // adcloud:80 ISO 639-1
    row.country = rng.pick(['DE', 'FR', 'AT']); // adcloud:81
    row.currency = rng.pick(['EUR', 'CHF']); // adcloud:82
    // adcloud:110-117: the data is grouped by this tuple, so it is unique per date.
    row.ad_placement_id = 1000 + i;
    row.topic_id = (i % 7) + 1;
    row.booking_id = 500 + (i % 13);
    row.ad_id = 9000 + i;
    row.ad_count = (i % 3) + 1;
    row.ad_position = (i % 4) + 1;
    rows.push(row);
  }
  return rows;
}

export async function startAdcloud(options: AdcloudOptions = {}): Promise<
  RunningServer & {
    rowsFor: (date: string) => AdcloudRow[];
    tokensIssued: () => number;
  }
> {
  const rowsPerDate = options.rowsPerDate ?? 333;
  const cache = new Map<string, AdcloudRow[]>();
  const rowsFor = (date: string) => {
    if (!cache.has(date)) cache.set(date, options.fixedRows?.(date) ?? adcloudRows(date, rowsPerDate));
    return cache.get(date)!;
  };
  const tokens = new Set<string>();
  let issued = 0;
  let reportRequests = 0;

  // adcloud:119-123 lists 200, 400 and 401 only: a refusal for rate is 429 in the envelope's
  // shape, no Retry-After.
  const faults = refusingWith(options.faults, (res) =>
    send(res, 429, '{"status":429,"message":"Too Many Requests"}'),
  );
  const server = await listen((req, res) => {
    if (req.path === '/v1/oauth/access_token') {
      // adcloud:25-28: POST, form body client_id, client_secret, grant_type=none.
      const form = new URLSearchParams(req.body);
      if (
        req.method !== 'POST' ||
        form.get('client_id') !== ADCLOUD_CLIENT_ID ||
        form.get('client_secret') !== ADCLOUD_CLIENT_SECRET ||
        form.get('grant_type') !== 'none'
      )
        return send(res, 401, '{"status":401,"message":"Unauthorized"}'); // adcloud:123
      issued++;
      const token = `adcloud-token-${issued}`;
      tokens.add(token);
      // adcloud:32, verbatim shape: no expires_in (adcloud:23 says 2 hours in prose only).
      return send(res, 200, JSON.stringify({ access_token: token, scope: '' }));
    }
    if (req.path === '/v1/reports/advertiser' && req.method === 'GET') {
      reportRequests++;
      if (reportRequests === options.expireAfterRequests) tokens.clear();
      return report(req, res);
    }
    return send(res, 404, '{"status":404,"message":"Not Found"}');
  }, faults);

  function report(req: LoggedRequest, res: Parameters<Parameters<typeof listen>[0]>[1]) {
    // adcloud:39 (access_token parameter) or adcloud:43 (Authorization: Bearer).
    const queryToken = req.query.get('access_token');
    const header = req.headers.authorization;
    const token =
      queryToken ?? (typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null);
    if (token === null || !tokens.has(token))
      return send(res, 401, '{"status":401,"message":"Unauthorized"}');
    const date = req.query.get('filter[date]'); // adcloud:39 filter[date]=<FILTER_DATE>
    if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      return send(res, 400, '{"status":400,"message":"Bad Request"}'); // adcloud:122
    if (options.literalBody !== undefined) return send(res, 200, options.literalBody);
    // adcloud:108: default 50, maximum 200 per page.
    let perPage = Number(req.query.get('per_page') ?? '50');
    const page = Number(req.query.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || !Number.isInteger(page) || page < 1)
      return send(res, 400, '{"status":400,"message":"Bad Request"}');
    if (perPage > 200) {
      if (options.perPageAbove200 === 'reject')
        return send(res, 400, '{"status":400,"message":"Bad Request"}');
      perPage = 200;
    }
    const rows = rowsFor(date);
    const lastPage = Math.max(1, Math.ceil(rows.length / perPage));
    // adcloud:49-52: the navigation urls repeat the request (access_token included when it was a
    // parameter) with filter%5Bdate%5D encoded and the page number last.
    const urlFor = (p: number) => {
      const q = new URLSearchParams();
      if (queryToken !== null) q.set('access_token', queryToken);
      q.set('filter[date]', date);
      if (req.query.has('per_page')) q.set('per_page', String(perPage));
      q.set('page', String(p));
      return `${server.origin}/v1/reports/advertiser?${q.toString()}`;
    };
    const body = {
      collection: {
        first_url: urlFor(1),
        last_url: urlFor(lastPage),
        next_url: page < lastPage ? urlFor(page + 1) : null,
        prev_url: page > 1 ? urlFor(page - 1) : null, // adcloud:52 "prev_url" : null on page 1
        per_page: perPage,
        size: rows.length, // adcloud:108 "the overall size of the collection"
      },
      result: rows
        .slice((page - 1) * perPage, page * perPage)
        .map((row) => (options.extraField ? { ...row, [options.extraField]: 'added by the vendor' } : row)),
      status: 200,
    };
    return send(res, 200, JSON.stringify(body));
  }

  return { ...server, rowsFor, tokensIssued: () => issued };
}

export { datesBetween };
