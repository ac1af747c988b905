import * as z from 'zod';
import { credentialParams } from '../engine/auth/auth-spec.js';
import {
  type ConnectorDefinition,
  pathPart,
  type SlicePlanningContext,
  sliceKeyPart,
} from '../engine/connector-definition.js';
import { ReportFetcherError } from '../engine/errors.js';
import type { PaginatorSpec } from '../engine/pagination/paginator.js';
import { col, tableSchema } from '../engine/schema/table-schema.js';

/**
 * AdMaster TrackMaster publisher API (vendor-docs/admaster-trackmaster-publisher-api.md and
 * admaster-api-protocol.txt). Decisions where the documents are thin:
 * - Tokens come from a JSON password grant; `expires_in` is a string ("18000"). Refresh tokens are
 *   treated as single-use: the engine stores the rotated one at once and falls back to the
 *   password grant when a refresh is refused.
 * - The token goes in `Authorization: token …`, never in the query string (the doc allows both;
 *   a URL is logged, stored and retried, a header is not).
 * - A bad token is answered 404 like an unknown campaign, so every 404 is retried once with a
 *   fresh token; a 404 that survives it means the media or campaign does not exist for these
 *   credentials and fails the partition with the media id named.
 * - Only campaigns whose life (start_date..end_date, inclusive; a null bound is open) contains
 *   the report date are asked for their daily report: asking every campaign would spend the
 *   5,000 requests an hour on empty answers.
 * - The campaign list is a daily snapshot table; the daily reports carry media, campaign id and
 *   campaign name from the list (the report rows themselves only have `time` and metrics).
 * - Blank values arrive as null and stay null: names, dates and every metric but none of the ids
 *   are nullable.
 * - X-RateLimit-Reset is read as epoch seconds (GitHub's convention, which this protocol copies);
 *   a 403 whose body says "rate limit" waits for the reset instead of failing.
 */
const optionsSchema = z.strictObject({
  /** The media (publisher sites) whose campaigns are fetched; AdMaster assigns the ids. */
  mediaIds: z.array(z.int().positive()).min(1, 'list at least one media id'),
});

type TrackMasterOptions = z.infer<typeof optionsSchema>;

const PAGINATOR: PaginatorSpec = { kind: 'link-header', sizeParam: 'per_page', pageSize: 100 };
const JSON_ARRAY_WITH_LINKS = { kind: 'json', records: '', nextLink: true } as const;

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
  col.bigint('imp', { nullable: true, description: 'Impressions' }),
  col.bigint('uimp', { nullable: true, description: 'Unique impressions' }),
  col.bigint('clk', { nullable: true, description: 'Clicks' }),
  col.bigint('uclk', { nullable: true, description: 'Unique clicks' }),
]);

function mediaIdsOf(options: Record<string, unknown>): number[] {
  return (options as TrackMasterOptions).mediaIds;
}

/** A campaign's life contains `date`; a missing bound is open on that side. */
function runsOn(campaign: Record<string, unknown>, date: string): boolean {
  const start = typeof campaign.start_date === 'string' ? campaign.start_date : undefined;
  const end = typeof campaign.end_date === 'string' ? campaign.end_date : undefined;
  return (!start || start <= date) && (!end || date <= end);
}

/** One slice per live campaign of every configured media. */
async function liveCampaignSlices(ctx: SlicePlanningContext) {
  const slices = [];
  for (const mediaId of mediaIdsOf(ctx.options)) {
    const campaigns = await ctx.fetchRecords('campaigns', { media_id: mediaId }).catch((error: unknown) => {
      throw unknownMediaError(error, mediaId);
    });
    for (const campaign of campaigns) {
      if (!runsOn(campaign, ctx.date)) continue;
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
  return new ReportFetcherError(
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
  rules: {
    authFailureStatuses: [401],
    notFoundMayBeAuthFailure: true,
    rateLimitHeaders: {
      remaining: 'X-RateLimit-Remaining',
      reset: 'X-RateLimit-Reset',
      resetIn: 'epoch-seconds',
    },
    rateLimitRefusal: { status: 403, bodyPattern: /rate limit/i },
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
      paginator: PAGINATOR,
      response: JSON_ARRAY_WITH_LINKS,
    },
    daily_reports: {
      table: 'trackmaster_daily_reports',
      description: 'Impressions and clicks per campaign and day, for campaigns live on the date',
      kind: 'daily',
      schema: dailyReportSchema,
      uniqueKey: ['media_id', 'campaign_id'],
      dateColumn: 'date',
      request: ({ slice, date }) => ({
        method: 'GET',
        path: `/medias/${pathPart(slice.media_id)}/campaigns/${pathPart(slice.campaign_id)}/daily_reports`,
        query: { start_time: date, end_time: date },
      }),
      slices: liveCampaignSlices,
      paginator: PAGINATOR,
      response: JSON_ARRAY_WITH_LINKS,
    },
  },
};
