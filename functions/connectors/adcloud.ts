import {
  type ConnectorDefinition,
  col,
  credentialParams,
  decode,
  paginate,
  reauthenticateOn,
  statusInBody,
  tableSchema,
} from '../engine/index.js';

/**
 * Adcloud reports API (vendor-docs/adcloud-reports-api.txt). Decisions where the document is thin:
 * - The token grant returns no expires_in; the doc says tokens last two hours, so a token is
 *   replaced after 2 h minus the refresh margin, and at once whenever the API answers 401.
 * - The token goes in the Authorization header, never the query string. The collection's
 *   navigation URLs embed the token and may drop per_page, so they are never followed or
 *   stored: pages are numbered by us (page=N&per_page=200) and counted from `collection.size`.
 * - The attribute table (adcloud-reports-api.txt:63-106) gives each attribute a type, never
 *   whether it may be missing. Names and labels may be null. Ids and the grouping tuple
 *   (ad_placement_id, topic_id, booking_id, ad_id, ad_count, ad_position, :110-117) are required:
 *   a row without them cannot be keyed. Metrics (ad_impressions … costs) are nullable by contract:
 *   a null or absent metric is stored as null and counted in the partition's note, so a vendor
 *   that leaves a metric out of some rows does not stop a daily run, and a null never reads as 0
 *   in a SUM. Costs are floats in the API and stay DOUBLE.
 * - No rate limit is documented; four concurrent requests per source is the default.
 */
/**
 * Counts and costs add up over rows: their sums are recorded per commit (restatements). Nullable
 * by contract (see above).
 */
const metric = { metric: true, nullable: true } as const;

const advertiserSchema = tableSchema([
  col.date('date', { description: 'Report date (YYYY-MM-DD)' }),
  col.bigint('website_id'),
  col.string('website', { nullable: true }),
  col.bigint('topic_id'),
  col.string('topic', { nullable: true }),
  col.bigint('ad_placement_id'),
  col.string('position', { nullable: true }),
  col.bigint('product_id'),
  col.string('product', { nullable: true }),
  col.bigint('ad_id'),
  col.string('ad', { nullable: true }),
  col.bigint('booking_id'),
  col.string('booking', { nullable: true }),
  col.string('page_type', { nullable: true }),
  col.string('publisher', { nullable: true }),
  col.string('language', { nullable: true, description: 'ISO 639-1' }),
  col.string('country', { nullable: true, description: 'ISO 3166-1 alpha-2' }),
  col.string('currency', { nullable: true, description: 'ISO 4217' }),
  col.bigint('design_id'),
  col.string('design', { nullable: true }),
  col.bigint('ad_position'),
  col.bigint('ad_count'),
  col.bigint('ad_impressions', metric),
  col.double('ad_impressions_costs', metric),
  col.bigint('clicks', metric),
  col.bigint('clicks_overdelivered', metric),
  col.bigint('clicks_filtered', metric),
  col.bigint('clicks_image', metric),
  col.bigint('clicks_head', metric),
  col.bigint('clicks_txt', metric),
  col.bigint('clicks_link', metric),
  col.double('clicks_costs', metric),
  col.bigint('postclick_conversions', metric),
  col.bigint('postclick_conversions_overdelivered', metric),
  col.bigint('postclick_conversions_filtered', metric),
  col.double('postclick_conversions_costs', metric),
  col.bigint('postview_conversions', metric),
  col.bigint('postview_conversions_overdelivered', metric),
  col.bigint('postview_conversions_filtered', metric),
  col.double('postview_conversions_costs', metric),
  col.bigint('cancellations', metric),
  col.double('costs', metric),
]);

export const adcloud: ConnectorDefinition = {
  name: 'adcloud',
  description: 'Adcloud advertiser reports',
  defaultBaseUrl: 'https://api.adcloud.com',
  auth: {
    kind: 'token-grant',
    grant: {
      path: '/v1/oauth/access_token',
      encoding: 'form',
      params: { ...credentialParams('client_id', 'client_secret'), grant_type: 'none' },
    },
    assumedTtlSeconds: 2 * 60 * 60,
    placement: { scheme: 'Bearer' },
  },
  // 401: the token expired or was revoked. The body's status repeats the HTTP one (the document's
  // envelope): a 5xx there is retried.
  responses: [reauthenticateOn(401), statusInBody('status')],
  maxConcurrency: 4,
  reports: {
    advertiser: {
      table: 'adcloud_advertiser',
      description: 'Advertiser performance per placement, topic, booking and ad, per day',
      kind: 'daily',
      schema: advertiserSchema,
      uniqueKey: ['ad_placement_id', 'topic_id', 'booking_id', 'ad_id', 'ad_count', 'ad_position'],
      dateColumn: 'date',
      request: ({ date }) => ({
        method: 'GET',
        path: '/v1/reports/advertiser',
        query: { 'filter[date]': date },
      }),
      // The collection's next_url is only a "there is more" flag: it is never requested.
      paginator: paginate.pageNumber({
        in: 'query',
        pageParam: 'page',
        sizeParam: 'per_page',
        pageSize: 200,
        firstPage: 1,
        totalItems: 'collection.size',
        hasMore: 'collection.next_url',
      }),
      decoder: decode.json({ path: 'result' }),
    },
  },
};
