import * as z from 'zod';
import {
  type ConnectorDefinition,
  col,
  credentialParams,
  decode,
  paginate,
  pathPart,
  ReportFetcherError,
  type SlicePlanningContext,
  sliceKeyPart,
  tableSchema,
  VendorError,
} from '../engine/index.js';

/**
 * AdMaster TrackMaster publisher API (vendor-docs/admaster-trackmaster-publisher-api.md and
 * admaster-api-protocol.txt). Decisions where the documents are thin:
 * - Tokens come from a JSON password grant; `expires_in` is a string ("18000"). Refresh tokens are
 *   treated as single-use: the engine stores the rotated one at once and falls back to the
 *   password grant when a refresh is refused.
 * - The token goes in `Authorization: token …`, never in the query string (the doc allows both;
 *   a URL is logged, stored and retried, a header is not).
 * - A bad token is answered 404 like an unknown campaign ("Requests that require authentication
 *   will return 404, instead of 403, in some places", admaster-api-protocol.txt:88), so a 404 is
 *   sent again once with a fresh token. A 404 that survives it most likely means the media or
 *   campaign does not exist for these credentials, but a token revoked again before it was used
 *   (another container's revocation, a vendor-side rotation) answers the same: the document gives
 *   the client no way to tell them apart, so that 404 is retried under the retry policy (backoff,
 *   each attempt with a fresh token) and fails the partition, with the media id named, only once
 *   the policy's attempts are spent. An unknown media costs maxAttempts × 2 requests and
 *   maxAttempts grants per partition; taking a revoked token for a missing media would fail a
 *   day that exists.
 * - Every campaign of the media is asked for its daily report by default (`campaigns: "all"`): the
 *   document's own example has a report row dated 2012-08-01 (publisher-api.md:102) for a campaign
 *   that ended 2012-06-23 (publisher-api.md:74), so a campaign's dates do not bound its data.
 *   The document is silent on rows before start_date; "all" asks those too. A source may trade
 *   completeness for requests: `"started"` skips campaigns that start after the date, `"live"`
 *   also skips campaigns that ended before it (rows reported after the end are then lost).
 * - The campaign list is a daily snapshot table; the daily reports carry media, campaign id and
 *   campaign name from the list (the report rows themselves only have `time` and metrics).
 * - Blank values arrive as null and stay null: names, dates and every metric but none of the ids
 *   are nullable.
 * - The refresh grant's response is not in the document (publisher-api.md:47-56 shows only its
 *   parameters): a new refresh_token in it replaces the old one (single use), and a response
 *   without one leaves the old refresh token in use (the engine's token provider); a refused
 *   refresh falls back to the password grant.
 * - The protocol shows no refusal and no reset header (admaster-api-protocol.txt:107-114 gives the
 *   hourly limit and X-RateLimit-Limit/-Remaining only). X-RateLimit-Reset is read as epoch
 *   seconds when sent (GitHub's convention, which this protocol copies); a 403 whose body says
 *   "rate limit" (GitHub's refusal) and a 429 (the engine's rule for every vendor) are rate
 *   limits: the source waits for the reset or Retry-After, else limits.rateLimitWaitSeconds.
 */
const optionsSchema = z.strictObject({
  /** The media (publisher sites) whose campaigns are fetched; AdMaster assigns the ids. */
  mediaIds: z.array(z.int().positive()).min(1, 'list at least one media id'),
  /** Which campaigns are asked for a date's report: see the decisions above. */
  campaigns: z.enum(['all', 'started', 'live']).default('all'),
});

type TrackMasterOptions = z.infer<typeof optionsSchema>;

const PAGINATOR = paginate.linkHeader({ sizeParam: 'per_page', pageSize: 100 });
const JSON_ARRAY = decode.json({ path: '' });

const campaignSchema = tableSchema([
  col.bigint('media_id', { fromSlice: true }),
  col.bigint('id', { description: 'Campaign id' }),
  col.string('name', { nullable: true }),
  col.date('start_date', { nullable: true }),
  col.date('end_date', { nullable: true }),
  col.timestamp('created_at', { nullable: true }),
]);

const dailyReportSchema = tableSchema([
  col.date('date', { from: 'time', description: 'Report date (YYYY-MM-DD)' }),
  col.bigint('media_id', { fromSlice: true }),
  col.bigint('campaign_id', { fromSlice: true }),
  col.string('campaign_name', { fromSlice: true, nullable: true }),
  col.bigint('imp', { nullable: true, metric: true, description: 'Impressions' }),
  col.bigint('uimp', { nullable: true, metric: true, description: 'Unique impressions' }),
  col.bigint('clk', { nullable: true, metric: true, description: 'Clicks' }),
  col.bigint('uclk', { nullable: true, metric: true, description: 'Unique clicks' }),
]);

function mediaIdsOf(options: Record<string, unknown>): number[] {
  return (options as TrackMasterOptions).mediaIds;
}

/** Whether a campaign is asked for `date`'s report under the source's `campaigns` choice. */
function asksFor(campaign: Record<string, unknown>, date: string, choice: TrackMasterOptions['campaigns']) {
  if (choice === 'all') return true;
  const start = typeof campaign.start_date === 'string' ? campaign.start_date : undefined;
  const end = typeof campaign.end_date === 'string' ? campaign.end_date : undefined;
  const started = !start || start <= date;
  return choice === 'started' ? started : started && (!end || date <= end);
}

/** One slice per campaign asked for the date, of every configured media. */
async function campaignSlices(ctx: SlicePlanningContext) {
  const choice = (ctx.options as TrackMasterOptions).campaigns ?? 'all';
  const slices = [];
  for (const mediaId of mediaIdsOf(ctx.options)) {
    const campaigns = await ctx.fetchRecords('campaigns', { media_id: mediaId }).catch((error: unknown) => {
      throw unknownMediaError(error, mediaId);
    });
    for (const campaign of campaigns) {
      if (!asksFor(campaign, ctx.date, choice)) continue;
      slices.push({
        key: `media=${sliceKeyPart(mediaId)}/campaign=${sliceKeyPart(String(campaign.id))}`,
        params: {
          media_id: mediaId,
          campaign_id: campaign.id as number,
          campaign_name: typeof campaign.name === 'string' ? campaign.name : null,
        },
      });
    }
  }
  return slices;
}

function unknownMediaError(error: unknown, mediaId: number): unknown {
  if (!(error instanceof ReportFetcherError) || error.code !== 'VENDOR_NOT_FOUND') return error;
  return new VendorError(
    'VENDOR_NOT_FOUND',
    `media ${mediaId} is unknown to TrackMaster or not visible to these credentials (check options.mediaIds): ${error.message}`,
    { cause: error },
  );
}

export const trackmaster: ConnectorDefinition = {
  name: 'trackmaster',
  description: 'AdMaster TrackMaster publisher campaigns and daily campaign reports',
  defaultBaseUrl: 'https://track.admasterapi.com',
  defaultAuthUrl: 'https://open.admaster.com.cn',
  auth: {
    kind: 'refresh-grant',
    grant: {
      path: '/oauth/access_token',
      encoding: 'json',
      params: {
        ...credentialParams('client_id', 'client_secret', 'email', 'password'),
        grant_type: 'password',
      },
    },
    refresh: {
      path: '/oauth/access_token',
      encoding: 'json',
      params: { ...credentialParams('client_id', 'client_secret'), grant_type: 'refresh_token' },
      refreshTokenParam: 'refresh_token',
    },
    assumedTtlSeconds: 18_000,
    placement: { scheme: 'token' },
  },
  responses: [
    { status: 401, action: { do: 'reauthenticate' } },
    // A bad token is answered 404 like an unknown campaign (protocol:88): sent again with a fresh
    // token, and a 404 that survives that is retried under the policy before it is final.
    { status: 404, action: { do: 'reauthenticate', stillRefused: 'not-found' } },
    { status: 403, body: /rate limit/i, action: { do: 'rate-limited' } },
  ],
  rateLimitHeaders: {
    remaining: 'X-RateLimit-Remaining',
    reset: 'X-RateLimit-Reset',
    resetIn: 'epoch-seconds',
  },
  rateLimit: { requests: 5000, windowMs: 3_600_000 },
  maxConcurrency: 4,
  options: optionsSchema,
  reports: {
    campaigns: {
      table: 'trackmaster_campaigns',
      description: 'Campaigns of each configured media, as of the snapshot date',
      kind: 'snapshot',
      schema: campaignSchema,
      uniqueKey: ['media_id', 'id'],
      request: ({ slice }) => ({ method: 'GET', path: `/medias/${pathPart(slice.media_id)}/campaigns` }),
      slices: async ({ options }) =>
        mediaIdsOf(options).map((mediaId) => ({ key: `media=${mediaId}`, params: { media_id: mediaId } })),
      // The daily reports' planning reads this list anyway (campaignSlices): one read serves both.
      stagedFromPlanning: true,
      paginator: PAGINATOR,
      decoder: JSON_ARRAY,
    },
    daily_reports: {
      table: 'trackmaster_daily_reports',
      description: 'Impressions and clicks per campaign and day',
      kind: 'daily',
      schema: dailyReportSchema,
      uniqueKey: ['media_id', 'campaign_id'],
      dateColumn: 'date',
      request: ({ slice, date }) => ({
        method: 'GET',
        path: `/medias/${pathPart(slice.media_id)}/campaigns/${pathPart(slice.campaign_id)}/daily_reports`,
        query: { start_time: date, end_time: date },
      }),
      slices: campaignSlices,
      paginator: PAGINATOR,
      decoder: JSON_ARRAY,
    },
  },
};
