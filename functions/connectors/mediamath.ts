import * as z from 'zod';
import {
  assertKnownFields,
  type ConnectorDefinition,
  col,
  credentialParams,
  dayBoundsUtc,
  decode,
  paginate,
  type ReportDefinition,
  type ReportVariant,
  reauthenticateOn,
  recordFields,
  type StreamLineKind,
  tableSchema,
  unknownField,
} from '../engine/index.js';

/**
 * MediaMath Reporting API v2, dataset `performance` (vendor-docs/mediamath-reporting-api-v2.txt).
 * Decisions where the document is thin:
 * - A client-credentials grant (JSON, with the API as `audience`) returns a JWT; it is cached
 *   until five minutes before its `expires_in`/`exp` and replaced at once on a 401.
 * - Each report date is queried with explicit start_time/end_time ("Requests must use this
 *   format for start_time and end_time", mm:35): the UTC instants of midnight to midnight in the
 *   source's time zone, never a relative time_window, so a re-run of a date asks for exactly the
 *   same rows.
 * - Which zone's days by_day buckets follow the document does not say: its times are RFC 3339,
 *   every example in UTC (mm:33, "2023-07-27T12:00:00Z"), and agg_timestamp holds "truncated
 *   datetime values based on the rollup value" (mm:37), truncated in no named zone. For a source
 *   whose time zone is UTC both readings are one. Otherwise `options.byDayZone` chooses:
 *   - "source" (default): a by_day bucket is a day of the source's time zone (the account's),
 *     its agg_timestamp that day's midnight; partition D asks for D's midnight to midnight there.
 *   - "UTC": a by_day bucket is a UTC day; partition D of by_day asks for and holds UTC day D
 *     (by_hour still holds the source's day). UTC is then by_day's data zone (`dataZone`): east
 *     of UTC the source's yesterday can be a UTC day still running, and the engine's scheduled
 *     window plans a date only once its day has ended there, deferring it to a later run until then.
 *   Either way a by_day row must start exactly at the day's midnight: a vendor that buckets the
 *   other way sends a bucket starting before it (or, if it leaves out the partial first bucket,
 *   one starting inside the day), and the partition fails naming the option, writing nothing:
 *   never a day's data under another day.
 * - Whether end_time is included the document does not say (mm:96-98 "end_time is optional",
 *   nothing more; only the relative windows say "up to but not including", mm:45-46). Under an
 *   inclusive reading a query ending at the next midnight also returns the next day's first
 *   bucket (by_day: the whole next day; by_hour: its 00:00 hour). `options.endTime` chooses:
 *   - "unknown" (default, the document being silent): end_time is the next midnight, so no
 *     bucket of the day is lost under either reading, and a row whose agg_timestamp is at or
 *     after it is left out of the partition and counted (reported as a note; the vendor's
 *     total still counts it). A row before the day fails the partition.
 *   - "exclusive": the same request; a row past the day fails the partition (the vendor does not
 *     behave as configured).
 *   - "inclusive": end_time is the last second of the day (23:59:59), so the vendor computes no
 *     row of the next day; a row past the day fails the partition.
 * - Fields: the document lists no dataset fields ("A dataset is a collection of dimensions and
 *   metrics"), so the fields are chosen per source (`options.fields`), checked at load against
 *   the catalogue below. The default is only what the document itself shows of `performance`:
 *   `campaign_id`, `impressions` (the examples' "fields"), `organization_id`, `advertiser_id`,
 *   `campaign_name` (the examples' "filters"), plus `agg_timestamp`, which the API adds by itself
 *   ("When using a rollup other than all, a field agg_timestamp will be included in the
 *   response") and is therefore never put into `fields`. The rest of the catalogue is the T1
 *   performance dataset as accounts know it; the document promises none of it.
 * - A query groups by the dimensions it asks for (the paginated example asks for campaign_id and
 *   impressions and gets one row per campaign and hour), so the unique key and the order are
 *   agg_timestamp plus the chosen dimensions.
 * - "field does not exist in this dataset: X" (the document's error example) is a configuration
 *   error naming the field, the source and `options.fields`; it is never retried.
 * - Ids and agg_timestamp are required; names and metrics are nullable (the document shows no
 *   null, and says nothing about them either; video metrics are null for display strategies).
 * - by_day and by_hour are two reports (two tables) with the same columns.
 * - Response mode per report (`mode` for all, `modes` per report name):
 *   - "paginated" (default): pages of up to 1000 rows; the first answer's total_pages fans out
 *     the rest, so pages run in parallel and a failed page alone is retried. Better for the
 *     daily sizes most accounts have (up to some hundred thousand rows).
 *   - "streaming": one NDJSON response read line by line with bounded memory, its row count
 *     checked against the header's total_items_count ("The client is responsible for any
 *     validation checks such as checking that total_items_count matches the number of records
 *     returned"). One request instead of hundreds, better for very large days, but a stream
 *     error or a cut connection repeats the whole stream.
 */
const mode = z.enum(['paginated', 'streaming']);

const filterSchema = z.strictObject({
  field: z.string().min(1),
  op: z.enum(['=', '!=', '>', '>=', '<', '<=', '=~']).optional(),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
});

/** What the document shows of the performance dataset (see the header comment). */
export const MEDIAMATH_DEFAULT_FIELDS = [
  'organization_id',
  'advertiser_id',
  'campaign_id',
  'campaign_name',
  'impressions',
] as const;

/** How the vendor reads end_time, which the document does not say (see the header comment). */
const endTime = z.enum(['unknown', 'exclusive', 'inclusive']);

/** Which zone's days by_day buckets follow, which the document does not say (see the header comment). */
const byDayZone = z.enum(['source', 'UTC']);

const optionsSchema = z.strictObject({
  organizationId: z.int().positive(),
  /** Whether the vendor includes end_time: "unknown" (default), "exclusive" or "inclusive". */
  endTime: endTime.default('unknown'),
  /** by_day buckets: days of the source's time zone ("source", default) or UTC days ("UTC"). */
  byDayZone: byDayZone.default('source'),
  mode: mode.default('paginated'),
  /** Overrides `mode` per report, e.g. { "performance_by_hour": "streaming" }. */
  modes: z.record(z.string(), mode).default({}),
  /** Rows per page in paginated mode ("The minimum value is 1 and the maximum value is 1000"). */
  pageSize: z.int().min(1).max(1000).default(1000),
  /** Dataset fields (dimensions and metrics) to fetch, from the catalogue; agg_timestamp is always there. */
  fields: z
    .array(z.string().min(1))
    .min(1)
    .default([...MEDIAMATH_DEFAULT_FIELDS]),
  /** Further filters (ANDed with the organization's), e.g. [{ "field": "advertiser_id", "value": 1 }]. */
  filters: z.array(filterSchema).default([]),
});

type MediaMathOptions = z.infer<typeof optionsSchema>;

const AGG_TIMESTAMP = 'agg_timestamp';
const NOT_IN_DOC = 'not shown in the document';

/** Every field this connector knows of the performance dataset, in column order. */
const CATALOGUE = tableSchema([
  col.timestamp(AGG_TIMESTAMP, {
    description: 'Start of the day or hour (UTC) the row covers (doc: "Date fields", "Rollups")',
  }),
  col.bigint('organization_id', { description: 'Organization (doc: example filters)' }),
  col.string('organization_name', { nullable: true, description: NOT_IN_DOC }),
  col.bigint('agency_id', { description: NOT_IN_DOC }),
  col.string('agency_name', { nullable: true, description: NOT_IN_DOC }),
  col.bigint('advertiser_id', { description: 'Advertiser (doc: example filters)' }),
  col.string('advertiser_name', { nullable: true, description: NOT_IN_DOC }),
  col.bigint('campaign_id', { description: 'Campaign (doc: example fields)' }),
  col.string('campaign_name', { nullable: true, description: 'Campaign name (doc: example filters)' }),
  col.bigint('strategy_id', { description: NOT_IN_DOC }),
  col.string('strategy_name', { nullable: true, description: NOT_IN_DOC }),
  col.string('strategy_type', { nullable: true, description: `DISPLAY or VIDEO; ${NOT_IN_DOC}` }),
  col.string('exchange_name', { nullable: true, description: NOT_IN_DOC }),
  col.bigint('impressions', {
    nullable: true,
    metric: true,
    description: 'Impressions (doc: example fields)',
  }),
  col.bigint('clicks', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.bigint('total_conversions', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.bigint('post_click_conversions', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.bigint('post_view_conversions', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.double('media_cost', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.double('total_spend', { nullable: true, metric: true, description: NOT_IN_DOC }),
  col.bigint('video_start', {
    nullable: true,
    metric: true,
    description: `Null for non-video strategies; ${NOT_IN_DOC}`,
  }),
  col.bigint('video_complete', {
    nullable: true,
    metric: true,
    description: `Null for non-video strategies; ${NOT_IN_DOC}`,
  }),
]);

/** Every field `options.fields` may name (agg_timestamp comes by itself). */
export const MEDIAMATH_CATALOGUE_FIELDS = recordFields(CATALOGUE).filter((name) => name !== AGG_TIMESTAMP);

/** Fields that identify a row (grouped by); the others are metrics. */
const DIMENSIONS = new Set([
  AGG_TIMESTAMP,
  'organization_id',
  'organization_name',
  'agency_id',
  'agency_name',
  'advertiser_id',
  'advertiser_name',
  'campaign_id',
  'campaign_name',
  'strategy_id',
  'strategy_name',
  'strategy_type',
  'exchange_name',
]);

function optionsOf(options: Record<string, unknown>): MediaMathOptions {
  return options as MediaMathOptions;
}

/** The two response modes as paginator + response; see the doc comment for when to use which. */
function responseMode(options: Record<string, unknown>, reportName: string): Required<ReportVariant> {
  const { mode: all, modes, pageSize } = optionsOf(options);
  if ((modes?.[reportName] ?? all) === 'streaming') {
    return {
      paginator: paginate.single(),
      decoder: decode.ndjson({ headerTotalItems: 'total_items_count', classify: classifyStreamLine }),
    };
  }
  return {
    paginator: paginate.pageNumber({
      in: 'body',
      pageParam: 'pagination.page_index',
      sizeParam: 'pagination.page_size',
      pageSize: pageSize ?? 1000,
      firstPage: 0,
      totalPages: 'meta.total_pages',
      totalItems: 'meta.total_items_count',
    }),
    decoder: decode.json({ path: 'results' }),
  };
}

/** Stream lines: the header names the fields, errors carry error_code, metadata is {"meta":{}}. */
function classifyStreamLine(line: Record<string, unknown>): StreamLineKind {
  if ('error_code' in line) return 'error';
  if (Array.isArray(line.fields) && 'total_items_count' in line) return 'header';
  if ('meta' in line && Object.keys(line).length === 1) return 'meta';
  return 'data';
}

/** The last instant of the day in the request's format (RFC 3339 to the second, mm:33-35). */
function lastSecondBefore(midnight: string): string {
  return new Date(Date.parse(midnight) - 1000).toISOString().replace('.000Z', 'Z');
}

/** What a by_day row outside the day asked for says, per `byDayZone`. */
const ZONE_MISMATCH = {
  source:
    'if this account buckets by_day in UTC days, set options.byDayZone to "UTC" (or the source\'s timezone to the account\'s)',
  UTC: 'if this account buckets by_day in days of its own time zone, set options.byDayZone to "source" and the source\'s timezone to the account\'s',
} as const;

function performanceReport(
  rollup: 'by_day' | 'by_hour',
  chosen: readonly string[],
  reading: z.infer<typeof endTime>,
  zone: z.infer<typeof byDayZone>,
): ReportDefinition {
  // by_day under "UTC": the partition's day is a UTC day; otherwise the source's.
  const dayZone = rollup === 'by_day' && zone === 'UTC' ? 'UTC' : undefined;
  assertKnownFields(CATALOGUE, chosen, 'options.fields');
  const wanted = new Set([AGG_TIMESTAMP, ...chosen]);
  const schema = tableSchema(CATALOGUE.columns.filter((c) => wanted.has(c.name)));
  const fields = recordFields(schema).filter((name) => name !== AGG_TIMESTAMP);
  const key = recordFields(schema).filter((name) => DIMENSIONS.has(name));
  const order = key.map((field) => ({ field, desc: false }));
  return {
    table: `mediamath_performance_${rollup}`,
    description: `Performance per ${rollup === 'by_day' ? 'day' : 'hour'} and chosen dimensions (options.fields)`,
    kind: 'daily',
    schema,
    uniqueKey: key,
    // A UTC day ends after the day of a source east of UTC: planned only once it has (the engine's rule).
    ...(dayZone ? { dataZone: dayZone } : {}),
    dayTimestamp: {
      column: AGG_TIMESTAMP,
      pastDay: reading === 'unknown' ? 'drop' : 'fail',
      ...(rollup === 'by_day' ? { startsDay: true } : {}),
      // A UTC source reads both ways alike: nothing to advise.
      ...(rollup === 'by_day'
        ? {
            mismatch: (sourceTimezone: string) =>
              sourceTimezone === 'UTC' ? undefined : ZONE_MISMATCH[zone],
          }
        : {}),
    },
    request: ({ date, timezone, options }) => {
      const { start, end } = dayBoundsUtc(date, dayZone ?? timezone);
      const { organizationId, filters } = optionsOf(options);
      return {
        method: 'POST',
        path: '/reporting/v2/performance',
        body: {
          fields,
          filters: [{ field: 'organization_id', op: '=', value: organizationId }, ...(filters ?? [])],
          order,
          rollup,
          start_time: start,
          end_time: reading === 'inclusive' ? lastSecondBefore(end) : end,
        },
      };
    },
    ...responseMode({}, ''),
    variant: responseMode,
    validate: (options) =>
      assertKnownFields(
        CATALOGUE,
        (optionsOf(options).filters ?? []).map((filter) => filter.field),
        'filters',
      ),
  };
}

function performanceReports(options: Record<string, unknown>): Record<string, ReportDefinition> {
  const chosen = optionsOf(options).fields ?? MEDIAMATH_DEFAULT_FIELDS;
  const reading = optionsOf(options).endTime ?? 'unknown';
  const zone = optionsOf(options).byDayZone ?? 'source';
  return {
    performance_by_day: performanceReport('by_day', chosen, reading, zone),
    performance_by_hour: performanceReport('by_hour', chosen, reading, zone),
  };
}

export const mediamath: ConnectorDefinition = {
  name: 'mediamath',
  description: 'MediaMath Reporting API v2 performance dataset, by day and by hour',
  defaultBaseUrl: 'https://api.mediamath.com',
  defaultAuthUrl: 'https://auth.mediamath.com',
  auth: {
    kind: 'jwt-bearer',
    grant: {
      path: '/oauth/token',
      encoding: 'json',
      params: {
        ...credentialParams('client_id', 'client_secret'),
        grant_type: 'client_credentials',
        audience: 'https://api.mediamath.com/',
      },
    },
    placement: { scheme: 'Bearer' },
  },
  responses: [
    reauthenticateOn(401),
    // "field does not exist in this dataset: X" (the document's error example), in a 4xx answer
    // or a stream's error line: a configuration error, never retried.
    unknownField(/field does not exist in this dataset: ([A-Za-z0-9_.]+)/, 'options.fields'),
  ],
  maxConcurrency: 4,
  options: optionsSchema,
  reports: performanceReports({}),
  configure: performanceReports,
};
