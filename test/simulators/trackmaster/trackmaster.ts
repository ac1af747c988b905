/**
 * AdMaster TrackMaster publisher API simulator
 * (admaster-trackmaster-publisher-api.md + admaster-api-protocol.txt).
 *
 *   POST /oauth/access_token                               JSON; grant_type password | refresh_token
 *   GET  /medias/:media_id/campaigns                       page, per_page; Link header
 *   GET  /medias/:media_id/campaigns/:campaign_id/daily_reports   start_time, end_time, page, per_page
 *
 * Data endpoints take the token as `Authorization: token <t>` or `?access_token=` (protocol doc,
 * "Authentication"); a missing, invalid or expired token gets 404 {"message":"Not Found"}, the same
 * answer as an unknown media or campaign ("Requests that require authentication will return 404,
 * instead of 403, in some places").
 */
import { itemAt } from '../base/arrays.js';
import { authorizationToken, seededSecret } from '../base/credentials.js';
import { datesBetween, earlierDate, isIsoDate, laterDate, todayUtc } from '../base/dates.js';
import { pageWindow, positiveIntParam } from '../base/pagination.js';
import { isJsonObject, parseJson, stringField } from '../base/request-body.js';
import type { BufferedResponse } from '../base/responses.js';
import { jsonResponse } from '../base/responses.js';
import { Restatements } from '../base/restatements.js';
import type { RouteRequest, VendorProfile } from '../base/simulator-server.js';
import { startSimulator } from '../base/simulator-server.js';
import { TokenRegistry } from '../base/token-registry.js';
import type { CommonOptions, Restatable, SimulatorHandle } from '../types.js';
import { paginationLinkHeader } from './link-header.js';
import type { TrackMasterCampaign, TrackMasterDailyReport, TrackMasterDailyRow } from './trackmaster-data.js';
import { dailyReport, generateCampaigns } from './trackmaster-data.js';

export interface TrackMasterOptions extends CommonOptions {
  /** media_id → number of campaigns (default {101: 40, 102: 25}). */
  medias?: Record<number, number>;
  /**
   * Page size of daily_reports when the request has no per_page (default 30, like every list:
   * "paginated to 30 items by default"). Lower it to exercise Link-header pagination of reports
   * with short date ranges. On both lists per_page above 100 is clamped to 100 ("up to 100").
   */
  reportPageSize?: number;
  /**
   * The "today" that campaign lives are placed around and after which no report data exists
   * (default: the real current UTC date). Pin it for reproducible tests.
   */
  referenceDate?: string;
  /**
   * What a refresh grant does with its refresh token. Step One shows the refresh request
   * (publisher-api.md:49-56) but not its response: 'rotate' (default) spends the refresh token
   * and answers like the password grant with a new one (single use, the harder case for
   * clients); 'reuse' keeps it valid and answers only access_token and expires_in.
   */
  refreshTokens?: 'rotate' | 'reuse';
  /**
   * Whether X-RateLimit-Reset goes with X-RateLimit-Limit and -Remaining on every answer. The
   * protocol shows only those two (admaster-api-protocol.txt:113-114, and the CORS lists of
   * exposed headers, :132 and :142, have no Reset); GitHub's API, which the protocol copies,
   * sends Reset as epoch seconds. true (default) sends it; false serves the document's headers
   * only, so a client learns nothing of when the window ends.
   */
  rateLimitReset?: boolean;
}

export interface TrackMasterSimulator extends SimulatorHandle, Restatable {
  referenceDate: string;
  campaigns(mediaId: number): TrackMasterCampaign[];
  /** Campaigns whose life (start_date..end_date, inclusive) contains `date`. */
  liveCampaigns(mediaId: number, date: string): TrackMasterCampaign[];
  /** The rows served for `date` over all campaigns of the media (none after referenceDate). */
  dailyRows(mediaId: number, date: string): TrackMasterDailyRow[];
}

const DEFAULT_MEDIAS: Record<number, number> = { 101: 40, 102: 25 };
/** Step one's sample response: "expires_in": "18000" (a string). */
const DEFAULT_TOKEN_TTL_SECONDS = 18_000;
/** "We limit requests to 5,000 per hour." */
const DEFAULT_RATE_LIMIT = { limit: 5000, windowMs: 3_600_000 };
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;

export async function startTrackMaster(options: TrackMasterOptions = {}): Promise<TrackMasterSimulator> {
  const seed = options.seed ?? 1;
  const referenceDate = options.referenceDate ?? todayUtc();
  const restatements = new Restatements(seed);
  const tokens = new TokenRegistry(options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const reportPageSize = options.reportPageSize ?? DEFAULT_PAGE_SIZE;
  const campaignsByMedia = new Map(
    Object.entries(options.medias ?? DEFAULT_MEDIAS).map(([mediaId, count]) => [
      Number(mediaId),
      generateCampaigns(seed, Number(mediaId), count, referenceDate),
    ]),
  );
  const credentials = {
    client_id: `tm-${seededSecret(seed, 'trackmaster', 'client_id', 12)}`,
    client_secret: seededSecret(seed, 'trackmaster', 'client_secret', 40),
    email: 'reports@example.com',
    password: `pw-${seededSecret(seed, 'trackmaster', 'password', 16)}`,
  };

  const message = (status: number, text: string): BufferedResponse => jsonResponse(status, { message: text });
  const notFound = (): BufferedResponse => message(404, 'Not Found');
  const oauthError = (status: number, body: Record<string, string>): BufferedResponse => ({
    ...jsonResponse(status, body),
    authFailure: status === 401,
  });

  /** Data rows exist up to and including the reference date, within the campaign's life. */
  const reportDates = (campaign: TrackMasterCampaign, first: string, last: string): string[] => {
    const lastServed = earlierDate(campaign.end_date, referenceDate);
    return [...datesBetween(laterDate(first, campaign.start_date), earlierDate(last, lastServed))];
  };
  const reportOf = (mediaId: number, campaignId: number, date: string): TrackMasterDailyReport =>
    dailyReport(seed, mediaId, campaignId, date, restatements.version(date));
  const rowOf = (mediaId: number, campaign: TrackMasterCampaign, date: string): TrackMasterDailyRow => ({
    media_id: mediaId,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
    ...reportOf(mediaId, campaign.id, date),
  });
  /**
   * The media's rows of a date: one per campaign that has data that day, after the date's late
   * rounds (base/restatements.ts). Late data grows impressions and clicks; a campaign's day can be
   * withdrawn, and a campaign outside its nominal life can report (the document's own example
   * row is dated after its campaign's end_date).
   */
  const rowsOfDate = (mediaId: number, date: string): TrackMasterDailyRow[] => {
    const campaigns = campaignsByMedia.get(mediaId) ?? [];
    const reporting = campaigns.filter((campaign) => reportDates(campaign, date, date).length > 0);
    const rows = reporting.map((campaign) => rowOf(mediaId, campaign, date));
    if (restatements.rounds(date) === 0 || date > referenceDate) return rows;
    const silent = campaigns.filter((campaign) => !reporting.includes(campaign));
    return restatements.lateRows(
      date,
      rows,
      {
        grow: (row, rng) => {
          const imp = rng.int(1, 5_000);
          const clk = rng.int(1, 50);
          return {
            ...row,
            imp: (row.imp ?? 0) + imp,
            uimp: row.uimp === null ? null : row.uimp + Math.floor(imp / 2),
            clk: (row.clk ?? 0) + clk,
            uclk: row.uclk === null ? null : row.uclk + Math.floor(clk / 2),
          };
        },
        fresh: (n) => (n < silent.length ? rowOf(mediaId, silent[n]!, date) : undefined),
      },
      String(mediaId),
    );
  };

  function grantToken(request: RouteRequest): BufferedResponse {
    const parsed = parseJson(request.body);
    if (!parsed.ok) return message(400, 'Problems parsing JSON');
    if (!isJsonObject(parsed.value)) return message(400, 'Body should be a JSON Hash');
    const body = parsed.value;
    const grantType = stringField(body, 'grant_type');
    if (grantType !== 'password' && grantType !== 'refresh_token')
      return oauthError(400, { error: 'unsupported_grant_type' });
    const clientOk =
      stringField(body, 'client_id') === credentials.client_id &&
      stringField(body, 'client_secret') === credentials.client_secret;
    if (grantType === 'password') {
      const userOk =
        stringField(body, 'email') === credentials.email &&
        stringField(body, 'password') === credentials.password;
      if (!clientOk || !userOk) return oauthError(401, { error: 'invalid_grant' });
    } else {
      if (!clientOk) return oauthError(401, { error: 'invalid_grant' });
      const refreshToken = stringField(body, 'refresh_token');
      if (options.refreshTokens === 'reuse') {
        if (!tokens.isRefreshTokenLive(refreshToken))
          return oauthError(401, { error: 'invalid_grant', message: 'unknown refresh token' });
        return {
          ...jsonResponse(200, {
            access_token: tokens.issueAccessToken(),
            expires_in: String(tokens.lifetimeSeconds),
          }),
          grant: grantType,
        };
      }
      // Rotated: this refresh token dies now and a new one is issued below.
      if (!tokens.consumeRefreshToken(refreshToken)) {
        return oauthError(401, { error: 'invalid_grant', message: 'refresh token already used or unknown' });
      }
    }
    // A new grant leaves every other live access token working.
    return {
      ...jsonResponse(200, {
        access_token: tokens.issueAccessToken(),
        expires_in: String(tokens.lifetimeSeconds),
        refresh_token: tokens.issueRefreshToken(),
      }),
      grant: grantType,
    };
  }

  /** Auth, media and campaign lookups; every failure is the same 404. */
  function resolve(
    request: RouteRequest,
  ): { campaigns: TrackMasterCampaign[]; mediaId: number } | BufferedResponse {
    const token =
      authorizationToken(request.headers, 'token') ??
      request.url.searchParams.get('access_token') ??
      undefined;
    if (!tokens.isAccessTokenValid(token)) return { ...notFound(), authFailure: true };
    const mediaId = Number(itemAt(request.params, 0));
    const campaigns = campaignsByMedia.get(mediaId);
    return campaigns === undefined ? notFound() : { campaigns, mediaId };
  }

  /** Like GitHub, a malformed page or per_page falls back to the default instead of failing. */
  function paginated<T>(request: RouteRequest, items: T[], defaultPageSize: number): BufferedResponse {
    const query = request.url.searchParams;
    const page = positiveIntParam(query.get('page'), 1) ?? 1;
    const perPage = Math.min(
      MAX_PAGE_SIZE,
      positiveIntParam(query.get('per_page'), defaultPageSize) ?? defaultPageSize,
    );
    const { start, end, pageCount } = pageWindow(items.length, page, perPage);
    const link = paginationLinkHeader(request.url, page, pageCount);
    return jsonResponse(200, items.slice(start, end), link === undefined ? {} : { link });
  }

  function listCampaigns(request: RouteRequest): BufferedResponse {
    const resolved = resolve(request);
    return 'campaigns' in resolved ? paginated(request, resolved.campaigns, DEFAULT_PAGE_SIZE) : resolved;
  }

  function listDailyReports(request: RouteRequest): BufferedResponse {
    const resolved = resolve(request);
    if (!('campaigns' in resolved)) return resolved;
    const campaignId = Number(itemAt(request.params, 1));
    const campaign = resolved.campaigns.find((candidate) => candidate.id === campaignId);
    if (campaign === undefined) return notFound();
    const query = request.url.searchParams;
    const invalid = ['start_time', 'end_time'].find((name) => query.has(name) && !isIsoDate(query.get(name)));
    if (invalid !== undefined) {
      // Protocol doc, "Client Errors" 3: invalid fields → 422 Validation Failed.
      return jsonResponse(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'DailyReport', field: invalid, code: 'invalid', value: query.get(invalid) }],
      });
    }
    const first = query.get('start_time') ?? campaign.start_date;
    const last = query.get('end_time') ?? campaign.end_date;
    const lateDates = restatements.lateDates().filter((date) => first <= date && date <= last);
    const dates = [...new Set([...reportDates(campaign, first, last), ...lateDates])]
      .sort()
      .filter(
        (date) =>
          restatements.rounds(date) === 0 ||
          rowsOfDate(resolved.mediaId, date).some((row) => row.campaign_id === campaign.id),
      );
    if (query.get('direction') === 'desc') dates.reverse();
    const reports = dates.map((date): TrackMasterDailyReport => {
      if (restatements.rounds(date) === 0) return reportOf(resolved.mediaId, campaign.id, date);
      const {
        media_id: _m,
        campaign_id: _c,
        campaign_name: _n,
        ...report
      } = rowsOfDate(resolved.mediaId, date).find((row) => row.campaign_id === campaign.id)!;
      return report;
    });
    return paginated(request, reports, reportPageSize);
  }

  const profile: VendorProfile = {
    routes: [
      { method: 'POST', path: /^\/oauth\/access_token$/, kind: 'auth', handle: grantToken },
      { method: 'GET', path: /^\/medias\/(\d+)\/campaigns$/, kind: 'data', handle: listCampaigns },
      {
        method: 'GET',
        path: /^\/medias\/(\d+)\/campaigns\/(\d+)\/daily_reports$/,
        kind: 'data',
        handle: listDailyReports,
      },
    ],
    credentials,
    secretCredentialNames: ['client_secret', 'password'],
    tokens,
    errorResponse: message,
    // The protocol shows no refusal ("Rate Limiting(Planning)", admaster-api-protocol.txt:105-114).
    // Default: like the GitHub API this protocol copies, 403 with a message and no Retry-After;
    // the client learns the reset time from X-RateLimit-Reset. `refusal` offers 429, with or
    // without Retry-After, and a refusal without Reset.
    rateLimitRefusal: { status: 403, message: 'API rate limit exceeded', retryAfter: false },
    defaultRateLimit: DEFAULT_RATE_LIMIT,
    // X-RateLimit-Limit and -Remaining are in the doc (:113-114). X-RateLimit-Reset (epoch
    // seconds of the window end) is an extension the doc does not show, borrowed from the GitHub
    // API: `rateLimitReset: false` leaves it out.
    rateLimitHeaders: options.rateLimitReset === false ? 'without-reset' : true,
  };
  const base = await startSimulator(profile, options);

  const campaignsOf = (mediaId: number): TrackMasterCampaign[] => {
    const campaigns = campaignsByMedia.get(mediaId);
    if (campaigns === undefined) throw new Error(`TrackMaster simulator has no media ${mediaId}`);
    return campaigns;
  };
  return {
    ...base,
    referenceDate,
    campaigns: (mediaId) => campaignsOf(mediaId).map((campaign) => ({ ...campaign })),
    liveCampaigns: (mediaId, date) =>
      campaignsOf(mediaId).filter((campaign) => campaign.start_date <= date && date <= campaign.end_date),
    dailyRows: (mediaId, date) => {
      campaignsOf(mediaId);
      return rowsOfDate(mediaId, date);
    },
    restate: (date) => restatements.restate(date),
    restateLate: (date) => restatements.restateLate(date),
  };
}
