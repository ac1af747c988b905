/**
 * MediaMath Reporting API v2, written from ../shared/vendor-docs/mediamath-reporting-api-v2.txt
 * only (cited as "mm:LINE").
 */
import type { ServerResponse } from 'node:http';
import {
  type LoggedRequest,
  listen,
  type RunningServer,
  refusingWith,
  seeded,
  send,
  sortedBy,
  type TransportFaults,
} from './common.js';

export const MM_CLIENT_ID = 'indep-mm-client';
export const MM_CLIENT_SECRET = 'indep-mm-secret-0987654321';
export const MM_ORGANIZATION = 100048;

export type MmRow = Record<string, string | number>;

/**
 * The dataset's fields. The document lists none; these are every field its examples use
 * (mm:229-245: campaign_id, impressions, organization_id, advertiser_id, campaign_name) plus
 * agg_timestamp, "included in the response" for any rollup but all (mm:37).
 */
export const MM_FIELDS = [
  'organization_id',
  'advertiser_id',
  'campaign_id',
  'campaign_name',
  'impressions',
] as const;
const DIMENSIONS = ['organization_id', 'advertiser_id', 'campaign_id', 'campaign_name'];

export interface MediamathOptions {
  /** A field the document does not show, added to every row (a vendor extending its API). */
  extraField?: string;
  /** Generic HTTP failures on the data endpoints (common.ts TransportFaults; no document line). */
  faults?: TransportFaults;
  /** Dates (UTC) the dataset has hourly data for. */
  dates: string[];
  campaignsPerOrganization?: number;
  /**
   * mm:96-98 gives start_time and end_time but not whether end_time is included. 'exclusive'
   * serves [start, end); 'inclusive' serves [start, end]. Both are plausible.
   */
  endTime?: 'exclusive' | 'inclusive';
  /**
   * mm:37 says agg_timestamp is included in the response and available for ordering, not whether
   * it may also be asked for in `fields`. 'accept' serves it once; 'reject' answers mm:160's 400.
   */
  aggTimestampInFields?: 'accept' | 'reject';
  /** mm:196: the streaming header's total_items_count is the count, or -1 when not calculated. */
  streamTotal?: 'count' | 'unknown';
  /**
   * mm:180, mm:208-210: "In case of failure, a special error message will be returned and the
   * stream will finish." When set, the first stream of each query fails after this many rows.
   */
  streamFailsOnceAfter?: number;
  /** Serve these exact bodies (the document's literal examples) instead of the dataset. */
  literal?: { paginated?: string; streaming?: string };
  /**
   * mm:17 says only that authentication is by JWT, not how long one lives: every JWT issued so far
   * stops being accepted (401, mm:369) at this data request, as an expired one would.
   */
  expireAfterRequests?: number;
}

const HOUR = 3_600_000;

/** Hourly rows for two organizations; a campaign has a row only in hours it served (sparse). */
function hourlyRows(dates: string[], campaigns: number): MmRow[] {
  const rows: MmRow[] = [];
  for (const organization of [MM_ORGANIZATION, 200077]) {
    const rng = seeded(organization);
    const names = Array.from({ length: campaigns }, (_, i) => `Test Campaign ${organization}-${i + 1}`);
    for (const date of dates) {
      for (let h = 0; h < 24; h++) {
        const ts = new Date(Date.parse(`${date}T00:00:00Z`) + h * HOUR).toISOString().replace('.000Z', 'Z');
        for (let c = 0; c < campaigns; c++) {
          if (rng.next() > 0.12) continue;
          rows.push({
            organization_id: organization,
            advertiser_id: organization * 10 + (c % 5),
            campaign_id: organization * 1000 + c + 1,
            campaign_name: names[c]!,
            impressions: rng.int(1, 100_000),
            agg_timestamp: ts, // mm:33 RFC3339, mm:205 "2023-07-27T12:00:00Z"
          });
        }
      }
    }
  }
  return rows;
}

/** by_day: the hourly rows summed per campaign and day, agg_timestamp truncated to the day (mm:37, mm:58). */
function dailyRows(hourly: MmRow[]): MmRow[] {
  const byKey = new Map<string, MmRow>();
  for (const row of hourly) {
    const day = `${String(row.agg_timestamp).slice(0, 10)}T00:00:00Z`;
    const key = `${row.campaign_id}|${day}`;
    const existing = byKey.get(key);
    if (existing) existing.impressions = Number(existing.impressions) + Number(row.impressions);
    else byKey.set(key, { ...row, agg_timestamp: day });
  }
  return [...byKey.values()];
}

type Filter = { field?: string; op?: string; value?: unknown; filters?: Filter[] };

function error(res: ServerResponse, status: number, code: string, message: string) {
  // mm:157-161, one line (mm:149).
  return send(
    res,
    status,
    JSON.stringify({ error_code: code, request_id: '74K33s47Yd1ns97E9RZsfFhn1Gj0ehYs', message }),
  );
}

export async function startMediamath(
  options: MediamathOptions,
): Promise<RunningServer & { hourly: MmRow[]; daily: MmRow[]; tokensIssued: () => number }> {
  const hourly = hourlyRows(options.dates, options.campaignsPerOrganization ?? 200);
  const daily = dailyRows(hourly);
  const tokens = new Set<string>();
  const failedOnce = new Set<string>();
  let issued = 0;
  let dataRequests = 0;

  // The document shows no rate limit and no refusal: 429 in its error shape, no Retry-After.
  const faults = refusingWith(options.faults, (res) =>
    error(res, 429, 'TooManyRequests', 'rate limit exceeded'),
  );
  const server = await listen((req, res) => {
    // The document says only "Authentication is only done via JWT tokens" (mm:17) sent as
    // "Authorization: Bearer $JWT_TOKEN" (mm:369); it does not say where a JWT comes from. This
    // server grants one for client credentials at POST …/oauth/token (the OAuth 2.0 client
    // credentials grant), JSON or form body.
    if (req.method === 'POST' && req.path.endsWith('/oauth/token')) {
      let body: Record<string, unknown> = {};
      try {
        body = req.headers['content-type']?.includes('json')
          ? JSON.parse(req.body)
          : Object.fromEntries(new URLSearchParams(req.body));
      } catch {
        return send(res, 400, '{"error":"invalid_request"}');
      }
      if (
        body.grant_type !== 'client_credentials' ||
        body.client_id !== MM_CLIENT_ID ||
        body.client_secret !== MM_CLIENT_SECRET
      )
        return send(res, 401, '{"error":"access_denied","error_description":"Unauthorized"}');
      issued++;
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const jwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: MM_CLIENT_ID, n: issued })}.c2lnbmF0dXJl`;
      tokens.add(jwt);
      return send(res, 200, JSON.stringify({ access_token: jwt, token_type: 'Bearer', expires_in: 86400 }));
    }
    const route = /^\/reporting\/v2\/([a-z_]+)$/.exec(req.path); // mm:64
    if (route && ++dataRequests === options.expireAfterRequests) tokens.clear();
    if (!route) return error(res, 404, 'NotFound', `not found: ${req.path}`);
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ') || !tokens.has(header.slice(7)))
      return error(res, 401, 'Unauthorized', 'invalid or missing token'); // mm:17, mm:369
    if (req.method !== 'POST') return error(res, 405, 'MethodNotAllowed', 'use POST'); // mm:18, mm:66
    if (route[1] !== 'performance') return error(res, 404, 'NotFound', `dataset does not exist: ${route[1]}`);
    return query(req, res);
  }, faults);

  function query(req: LoggedRequest, res: ServerResponse) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return error(res, 400, 'BadRequest', 'invalid JSON body');
    }
    const rollup = (body.rollup as string | undefined) ?? 'all';
    if (!['all', 'by_hour', 'by_day', 'by_week', 'by_month'].includes(rollup))
      // mm:52-60
      return error(res, 400, 'BadRequest', `invalid rollup: ${rollup}`);
    if (rollup !== 'by_hour' && rollup !== 'by_day')
      return error(res, 400, 'BadRequest', `rollup not supported by this dataset: ${rollup}`);
    const known = new Set<string>(MM_FIELDS);
    const orderable = new Set<string>([...MM_FIELDS, 'agg_timestamp']); // mm:37
    // mm:19, mm:69-73: "fields" names dimensions and metrics; an unknown one is mm:160's 400.
    const fields = body.fields;
    if (!Array.isArray(fields) || fields.length === 0)
      return error(res, 400, 'BadRequest', 'fields is required');
    for (const f of fields) {
      if (f === 'agg_timestamp' && options.aggTimestampInFields !== 'reject') continue;
      if (!known.has(String(f)))
        return error(res, 400, 'BadRequest', `field does not exist in this dataset: ${f}`);
    }
    // mm:101 time_window and start_time: one is required; time_window wins.
    if (body.time_window !== undefined)
      return error(res, 400, 'BadRequest', 'time_window is not served by this test server');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/; // mm:33-35
    if (typeof body.start_time !== 'string' || !rfc3339.test(body.start_time))
      return error(res, 400, 'BadRequest', 'start_time must be RFC3339');
    if (body.end_time !== undefined && (typeof body.end_time !== 'string' || !rfc3339.test(body.end_time)))
      return error(res, 400, 'BadRequest', 'end_time must be RFC3339');
    const start = Date.parse(body.start_time);
    const end = body.end_time === undefined ? Number.POSITIVE_INFINITY : Date.parse(body.end_time as string);
    const inclusive = options.endTime === 'inclusive';

    // mm:103-145 filters (nesting with and/or).
    const check = (f: Filter): string | null => {
      if (f.op === 'and' || f.op === 'or') {
        if (!Array.isArray(f.filters)) return 'filters is required with and/or'; // mm:128
        for (const inner of f.filters) {
          const problem = check(inner);
          if (problem) return problem;
        }
        return null;
      }
      if (!known.has(String(f.field))) return `field does not exist in this dataset: ${f.field}`;
      if (f.op !== undefined && !['=', '!=', '>', '>=', '<', '<=', '=~'].includes(f.op))
        return `invalid op: ${f.op}`;
      return null;
    };
    const test = (row: MmRow, f: Filter): boolean => {
      if (f.op === 'and') return f.filters!.every((g) => test(row, g));
      if (f.op === 'or') return f.filters!.some((g) => test(row, g));
      const v = row[f.field!]!;
      const want = f.value;
      switch (f.op ?? '=') {
        case '=':
          return Array.isArray(want) ? want.some((w) => String(w) === String(v)) : String(want) === String(v); // mm:110
        case '!=':
          return String(want) !== String(v);
        case '>':
          return Number(v) > Number(want);
        case '>=':
          return Number(v) >= Number(want);
        case '<':
          return Number(v) < Number(want);
        case '<=':
          return Number(v) <= Number(want);
        default:
          return String(v).toLowerCase().includes(String(want).toLowerCase()); // mm:116
      }
    };
    const filters = (body.filters ?? []) as Filter[];
    if (!Array.isArray(filters)) return error(res, 400, 'BadRequest', 'filters must be an array');
    for (const f of filters) {
      const problem = check(f);
      if (problem) return error(res, 400, 'BadRequest', problem);
    }
    const order = (body.order ?? []) as { field: string; desc?: boolean }[];
    for (const o of order)
      if (!orderable.has(o.field))
        return error(res, 400, 'BadRequest', `field does not exist in this dataset: ${o.field}`);

    const source = rollup === 'by_hour' ? hourly : daily;
    const requested = (fields as string[]).filter((f) => f !== 'agg_timestamp');
    // Dimensions not requested are aggregated away (mm:19, mm:25); metrics summed.
    const groupBy = requested.filter((f) => DIMENSIONS.includes(f));
    const grouped = new Map<string, MmRow>();
    for (const row of source) {
      const t = Date.parse(String(row.agg_timestamp));
      if (t < start || (inclusive ? t > end : t >= end)) continue;
      if (!filters.every((f) => test(row, f))) continue;
      const key = [...groupBy.map((g) => row[g]), row.agg_timestamp].join('|');
      const out = grouped.get(key);
      if (out) {
        if (requested.includes('impressions'))
          out.impressions = Number(out.impressions) + Number(row.impressions);
      } else {
        // mm:275-277: the requested fields in request order, then agg_timestamp.
        const shaped: MmRow = {};
        for (const f of requested) shaped[f] = row[f]!;
        shaped.agg_timestamp = row.agg_timestamp!;
        if (options.extraField) shaped[options.extraField] = 0.5;
        grouped.set(key, shaped);
      }
    }
    let rows = [...grouped.values()];
    if (order.length > 0) rows = sortedBy(rows, order);

    const pagination = body.pagination as { page_size?: unknown; page_index?: unknown } | undefined;
    if (pagination !== undefined) {
      // mm:165-168: page_size 1..1000, page_index from 0.
      const size = pagination.page_size;
      const index = pagination.page_index;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 1000)
        return error(res, 400, 'BadRequest', 'page_size must be between 1 and 1000');
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0)
        return error(res, 400, 'BadRequest', 'page_index must be 0 or more');
      if (options.literal?.paginated !== undefined) return send(res, 200, options.literal.paginated);
      const page = rows.slice(index * size, (index + 1) * size);
      // mm:265-290, compact on one line (mm:149).
      return send(
        res,
        200,
        JSON.stringify({
          meta: {
            page_index: index,
            total_pages: Math.ceil(rows.length / size),
            items_count: page.length,
            total_items_count: rows.length,
            status: 'OK',
          },
          results: page,
        }),
      );
    }
    // mm:178-219, mm:330-363: streaming, one JSON object per line: the header (agg_timestamp
    // first, mm:185-194), the rows, and metadata lines {"meta":{}} at any time (mm:180, mm:356).
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    if (options.literal?.streaming !== undefined) return res.end(options.literal.streaming);
    const lines = [
      JSON.stringify({
        fields: [{ name: 'agg_timestamp' }, ...requested.map((name) => ({ name }))],
        total_items_count: options.streamTotal === 'unknown' ? -1 : rows.length,
      }),
    ];
    const failAfter = options.streamFailsOnceAfter;
    const queryKey = `${rollup}|${body.start_time}`;
    const failNow = failAfter !== undefined && !failedOnce.has(queryKey);
    for (const [i, row] of rows.entries()) {
      if (failNow && i === failAfter) {
        failedOnce.add(queryKey);
        lines.push(
          JSON.stringify({
            error_code: 'InternalError',
            request_id: 'QmVjYXVzZUl0RmFpbGVkT25jZQ',
            message: 'query failed',
          }),
        );
        break;
      }
      if (i === 2 || (i > 0 && i % 250 === 0)) lines.push('{"meta":{}}');
      lines.push(JSON.stringify(row));
    }
    res.end(`${lines.join('\n')}\n`);
  }

  return { ...server, hourly, daily, tokensIssued: () => issued };
}
