/**
 * AdMaster TrackMaster publisher API, written from ../shared/vendor-docs/admaster-trackmaster-publisher-api.md
 * ("tm:LINE") and the AdMaster protocol ../shared/vendor-docs/admaster-api-protocol.txt ("proto:LINE") only.
 * Two servers, as the document has two hosts: the OAuth host (tm:25 open.admaster.com.cn) and the
 * API host (tm:61 track.admasterapi.com).
 */
import type { ServerResponse } from 'node:http';
import {
  type LoggedRequest,
  listen,
  type RunningServer,
  refusingWith,
  seeded,
  send,
  type TransportFaults,
} from './common.js';

export const TM_CREDENTIALS = {
  client_id: 'indep-tm-client',
  client_secret: 'indep-tm-secret-abcdef',
  email: 'qa@example.com',
  password: 'indep-tm-password-123',
};

export interface TmCampaign {
  id: number;
  name: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
}
export interface TmReportRow {
  time: string;
  imp: number;
  uimp: number | null;
  clk: number;
  uclk: number | null;
}

export interface TrackmasterOptions {
  /** Generic HTTP failures on the data endpoints (common.ts TransportFaults; no document line). */
  faults?: TransportFaults;
  mediaIds?: number[];
  campaignsPerMedia?: number;
  /**
   * proto:22 "Blank fields are included as null instead of being omitted": when true, some
   * campaigns have no end date (end_date null) and some report rows have no unique counts.
   */
  blankFields?: boolean;
  /**
   * proto:88: requests that need authentication "will return 404, instead of 403, in some places".
   * A bad token is answered 404 ('404') or 401 ('401'); both are plausible.
   */
  badTokenStatus?: 401 | 404;
  /**
   * proto:98-99 prints the rel values with typographic quotes (rel=”next”). 'straight' is what an
   * RFC 8288 server sends; 'typographic' is the document byte for byte.
   */
  linkQuotes?: 'straight' | 'typographic';
  /**
   * After this many API requests every access token issued so far stops working (tm:41 gives
   * tokens a lifetime, expires_in; tm:47 says to use the refresh token then). Off by default.
   */
  expireAfterRequests?: number;
  /** A field the documents do not show, added to every campaign and report row (a vendor extending its API). */
  extraField?: string;
  /** Serve exactly these campaigns / rows (the document's literal examples). */
  fixed?: { campaigns: TmCampaign[]; rows: (campaignId: number) => TmReportRow[] };
}

export interface TrackmasterServer {
  auth: RunningServer;
  api: RunningServer;
  campaigns: Map<number, TmCampaign[]>;
  rows: (mediaId: number, campaignId: number) => TmReportRow[];
  grants: () => { password: number; refresh: number };
  close: () => Promise<void>;
}

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Campaigns around `center` (some live on every day of a three-day window, some on part of it, some never). */
function makeCampaigns(mediaId: number, count: number, center: string, blank: boolean): TmCampaign[] {
  const rng = seeded(mediaId * 7919);
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(center, rng.int(-40, 3));
    const end = blank && i % 17 === 5 ? null : addDays(start, rng.int(0, 60));
    return {
      id: mediaId * 1000 + i + 1, // tm:73 "id": 1 (an integer)
      name: `Campaign ${mediaId}-${i + 1} 测试`,
      start_date: start, // tm:75 "2012-01-03"
      end_date: end, // tm:76 (null when blank: proto:22)
      created_at: `${addDays(start, -rng.int(1, 30))}T${String(rng.int(0, 23)).padStart(2, '0')}:39:23Z`, // tm:77, proto:24
    };
  });
}

export async function startTrackmaster(
  options: TrackmasterOptions = {},
  center = '2024-05-02',
): Promise<TrackmasterServer> {
  const mediaIds = options.mediaIds ?? [101, 102];
  const campaigns = new Map<number, TmCampaign[]>(
    mediaIds.map((m) => [
      m,
      options.fixed?.campaigns ??
        makeCampaigns(m, options.campaignsPerMedia ?? 160, center, options.blankFields ?? false),
    ]),
  );
  const rowCache = new Map<string, TmReportRow[]>();
  /** One row per day the campaign is live (start_date ≤ day ≤ end_date), within ±5 days of center. */
  const rows = (mediaId: number, campaignId: number): TmReportRow[] => {
    if (options.fixed) return options.fixed.rows(campaignId);
    const k = `${mediaId}/${campaignId}`;
    if (!rowCache.has(k)) {
      const campaign = campaigns.get(mediaId)!.find((c) => c.id === campaignId)!;
      const rng = seeded(campaignId);
      const out: TmReportRow[] = [];
      for (let d = -5; d <= 5; d++) {
        const day = addDays(center, d);
        if (day < campaign.start_date || (campaign.end_date !== null && day > campaign.end_date)) continue;
        const imp = rng.int(0, 90_000);
        const clk = rng.int(0, Math.floor(imp / 10));
        const blank = (options.blankFields ?? false) && rng.int(0, 9) === 0;
        // tm:104-108: time, imp, uimp, clk, uclk
        out.push({
          time: day,
          imp,
          uimp: blank ? null : rng.int(0, imp),
          clk,
          uclk: blank ? null : rng.int(0, clk),
        });
      }
      rowCache.set(k, out);
    }
    return rowCache.get(k)!;
  };

  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  let password = 0;
  let refresh = 0;
  let serial = 0;
  const hex = (n: number, salt: string) => `${salt}${n.toString(16).padStart(8, '0')}`.padEnd(40, '0');

  const auth = await listen((req, res) => {
    if (req.path !== '/oauth/access_token' || req.method !== 'POST')
      return send(res, 404, '{"message":"Not Found"}');
    // tm:29-35 shows JSON parameters and proto:7 "All data is sent and received as JSON".
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return send(res, 400, '{"message":"Problems parsing JSON"}'); // proto:30-34
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return send(res, 400, '{"message":"Body should be a JSON Hash"}'); // proto:36-40
    const b = body as Record<string, unknown>;
    const required =
      b.grant_type === 'refresh_token'
        ? ['client_id', 'client_secret', 'refresh_token'] // tm:51-56
        : ['client_id', 'client_secret', 'email', 'password']; // tm:29-35
    const missing = required.find((f) => typeof b[f] !== 'string' || b[f] === '');
    if (missing !== undefined)
      // proto:42-56
      return send(
        res,
        422,
        JSON.stringify({
          message: 'Validation Failed',
          errors: [{ resource: 'AccessToken', field: missing, code: 'missing_field' }],
        }),
      );
    if (b.client_id !== TM_CREDENTIALS.client_id || b.client_secret !== TM_CREDENTIALS.client_secret)
      return send(res, 401, '{"message":"Bad credentials"}'); // document silent on status
    if (b.grant_type === 'password') {
      if (b.email !== TM_CREDENTIALS.email || b.password !== TM_CREDENTIALS.password)
        return send(res, 401, '{"message":"Bad credentials"}');
      password++;
    } else if (b.grant_type === 'refresh_token') {
      if (!refreshTokens.delete(String(b.refresh_token)))
        return send(res, 401, '{"message":"Bad credentials"}');
      refresh++;
    } else {
      return send(
        res,
        422,
        JSON.stringify({
          message: 'Validation Failed',
          errors: [{ resource: 'AccessToken', field: 'grant_type', code: 'invalid' }],
        }),
      );
    }
    serial++;
    const access = hex(serial, 'a');
    const refreshToken = hex(serial, 'r');
    accessTokens.add(access);
    refreshTokens.add(refreshToken);
    // tm:39-43: expires_in is a string.
    return send(
      res,
      200,
      JSON.stringify({ access_token: access, expires_in: '18000', refresh_token: refreshToken }),
    );
  });

  let remaining = 5000;
  /**
   * proto:105-114 gives the limit and the headers of an answer, not the refusal: this one is the
   * GitHub API's, which the protocol copies (403 with a message), with the document's two
   * headers only, no reset and no Retry-After.
   */
  const faults = refusingWith(options.faults, (res) =>
    send(res, 403, '{"message":"API rate limit exceeded"}', {
      'X-RateLimit-Limit': '5000',
      'X-RateLimit-Remaining': '0',
    }),
  );
  let apiRequests = 0;
  const api = await listen((req, res) => {
    apiRequests++;
    if (apiRequests === options.expireAfterRequests) accessTokens.clear();
    // proto:107-114 rate-limit headers on every response (5000 an hour; enforcement is "Planning").
    remaining = Math.max(0, remaining - 1);
    const rate = { 'X-RateLimit-Limit': '5000', 'X-RateLimit-Remaining': String(remaining) };
    // proto:80-86: "Authorization: token X" header or access_token parameter (tm:65-67).
    const header = req.headers.authorization;
    const token =
      req.query.get('access_token') ??
      (typeof header === 'string' && header.toLowerCase().startsWith('token ') ? header.slice(6) : null);
    if (token === null || !accessTokens.has(token))
      return send(res, options.badTokenStatus ?? 404, '{"message":"Not Found"}', rate); // proto:88
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 404, '{"message":"Not Found"}', rate);
    const list = /^\/medias\/(\d+)\/campaigns$/.exec(req.path); // tm:61
    const report = /^\/medias\/(\d+)\/campaigns\/(\d+)\/daily_reports$/.exec(req.path); // tm:84
    if (list) {
      const items = campaigns.get(Number(list[1]));
      if (!items) return send(res, 404, '{"message":"Not Found"}', rate);
      return paginate(req, res, items, rate);
    }
    if (report) {
      const mediaId = Number(report[1]);
      const campaignId = Number(report[2]);
      if (!campaigns.get(mediaId)?.some((c) => c.id === campaignId))
        return send(res, 404, '{"message":"Not Found"}', rate);
      // tm:92-93 start_time / end_time YYYY-MM-DD, optional: the rows of days in [start, end].
      const start = req.query.get('start_time');
      const end = req.query.get('end_time');
      for (const d of [start, end])
        if (d !== null && !/^\d{4}-\d{2}-\d{2}$/.test(d))
          return send(
            res,
            422,
            JSON.stringify({
              message: 'Validation Failed',
              errors: [{ resource: 'DailyReport', field: 'start_time', code: 'invalid' }],
            }),
            rate,
          );
      const items = rows(mediaId, campaignId).filter(
        (r) => (start === null || r.time >= start) && (end === null || r.time <= end),
      );
      return paginate(req, res, items, rate);
    }
    return send(res, 404, '{"message":"Not Found"}', rate);
  }, faults);

  /** proto:92-99: 30 per page by default, ?page, ?per_page up to 100, Link header with next/last. */
  function paginate(req: LoggedRequest, res: ServerResponse, items: unknown[], rate: Record<string, string>) {
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? '30') || 30));
    const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const q = (rel: string, p: number) => {
      const params = new URLSearchParams(req.query);
      params.set('page', String(p));
      params.set('per_page', String(perPage));
      const quote = options.linkQuotes === 'typographic' ? ['”', '”'] : ['"', '"'];
      return `<${api.origin}${req.path}?${params.toString()}>; rel=${quote[0]}${rel}${quote[1]}`;
    };
    const links: string[] = [];
    if (page < last) links.push(q('next', page + 1));
    links.push(q('last', last));
    if (page > 1) links.push(q('first', 1), q('prev', page - 1));
    // A header carries bytes: the typographic quotes go out as their UTF-8 bytes, as a server that
    // copied the document would send them.
    const link = Buffer.from(links.join(', '), 'utf8').toString('latin1');
    const served = items
      .slice((page - 1) * perPage, page * perPage)
      .map((item) => (options.extraField ? { ...(item as object), [options.extraField]: 0.25 } : item));
    return send(res, 200, JSON.stringify(served), {
      ...rate,
      Link: link,
    });
  }

  return {
    auth,
    api,
    campaigns,
    rows,
    grants: () => ({ password, refresh }),
    close: async () => {
      await auth.close();
      await api.close();
    },
  };
}
