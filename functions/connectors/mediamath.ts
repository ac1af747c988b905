import * as z from 'zod';
import { credentialParams } from '../engine/auth/auth-spec.js';
import type { ConnectorDefinition, ReportDefinition, ReportVariant } from '../engine/connector-definition.js';
import { dayBoundsUtc } from '../engine/run/report-dates.js';
import { assertKnownFields, col, recordFields, tableSchema } from '../engine/schema/table-schema.js';

/**
 * MediaMath Reporting API v2, dataset `performance` (vendor-docs/mediamath-reporting-api-v2.txt).
 * Decisions where the document is thin:
 * - A client-credentials grant (JSON, with the API as `audience`) returns a JWT; it is cached
 *   until five minutes before its `expires_in`/`exp` and replaced at once on a 401.
 * - Each report date is queried with explicit start_time/end_time: the UTC instants of midnight
 *   to midnight in the source's time zone, never a relative time_window, so a re-run of a date
 *   asks for exactly the same rows. MediaMath buckets by_day in UTC, so a source's time zone
 *   should be UTC unless the account reports in another zone.
 * - All dimensions and metrics of the schema are requested, ordered by agg_timestamp,
 *   strategy_id, exchange_name (stable pages). Video metrics are null for display strategies and
 *   stay null. `organizationId` is required: the API scopes every query to an organization.
 * - by_day and by_hour are two reports (two tables) with the same columns.
 * - Response mode per report (`mode` for all, `modes` per report name):
 *   - "paginated" (default): pages of up to 1000 rows; the first answer's total_pages fans out
 *     the rest, so pages run in parallel and a failed page alone is retried. Better for the
 *     daily sizes most accounts have (up to some hundred thousand rows).
 *   - "streaming": one NDJSON response read line by line with bounded memory, its row count
 *     checked against the header's total_items_count. One request instead of hundreds, better
 *     for very large days, but a stream error or a cut connection repeats the whole stream.
 */
const mode = z.enum(['paginated', 'streaming']);

const filterSchema = z.strictObject({
  field: z.string().min(1),
  op: z.enum(['=', '!=', '>', '>=', '<', '<=', '=~']).optional(),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]),
});

const optionsSchema = z.strictObject({
  organizationId: z.int().positive(),
  mode: mode.default('paginated'),
  /** Overrides `mode` per report, e.g. { "performance_by_hour": "streaming" }. */
  modes: z.record(z.string(), mode).default({}),
  /** Rows per page in paginated mode ("The minimum value is 1 and the maximum value is 1000"). */
  pageSize: z.int().min(1).max(1000).default(1000),
  /** Further filters (ANDed with the organization's), e.g. [{ "field": "advertiser_id", "value": 1 }]. */
  filters: z.array(filterSchema).default([]),
});

type MediaMathOptions = z.infer<typeof optionsSchema>;

const performanceSchema = tableSchema([
  col.timestamp('agg_timestamp', { description: 'Start of the day or hour (UTC) the row covers' }),
  col.bigint('organization_id'),
  col.string('organization_name', { nullable: true }),
  col.bigint('agency_id'),
  col.string('agency_name', { nullable: true }),
  col.bigint('advertiser_id'),
  col.string('advertiser_name', { nullable: true }),
  col.bigint('campaign_id'),
  col.string('campaign_name', { nullable: true }),
  col.bigint('strategy_id'),
  col.string('strategy_name', { nullable: true }),
  col.string('strategy_type', { nullable: true, description: 'DISPLAY or VIDEO' }),
  col.string('exchange_name'),
  col.bigint('impressions'),
  col.bigint('clicks'),
  col.bigint('total_conversions'),
  col.bigint('post_click_conversions'),
  col.bigint('post_view_conversions'),
  col.double('media_cost'),
  col.double('total_spend'),
  col.bigint('video_start', { nullable: true, description: 'Null for non-video strategies' }),
  col.bigint('video_complete', { nullable: true, description: 'Null for non-video strategies' }),
]);

const FIELDS = recordFields(performanceSchema);
const ORDER = ['agg_timestamp', 'strategy_id', 'exchange_name'].map((field) => ({ field, desc: false }));

function optionsOf(options: Record<string, unknown>): MediaMathOptions {
  return options as MediaMathOptions;
}

/** The two response modes as paginator + response; see the doc comment for when to use which. */
function responseMode(options: Record<string, unknown>, reportName: string): Required<ReportVariant> {
  const { mode: all, modes, pageSize } = optionsOf(options);
  if ((modes?.[reportName] ?? all) === 'streaming') {
    return {
      paginator: { kind: 'single' },
      response: { kind: 'ndjson', headerTotalItems: 'total_items_count', classify: classifyStreamLine },
    };
  }
  return {
    paginator: {
      kind: 'page-number',
      in: 'body',
      pageParam: 'pagination.page_index',
      sizeParam: 'pagination.page_size',
      pageSize: pageSize ?? 1000,
      firstPage: 0,
    },
    response: {
      kind: 'json',
      records: 'results',
      totalPages: 'meta.total_pages',
      totalItems: 'meta.total_items_count',
    },
  };
}

/** Stream lines: the header names the fields, errors carry error_code, metadata is {"meta":{}}. */
function classifyStreamLine(line: Record<string, unknown>): 'header' | 'data' | 'meta' | 'error' {
  if ('error_code' in line) return 'error';
  if (Array.isArray(line.fields) && 'total_items_count' in line) return 'header';
  if ('meta' in line && Object.keys(line).length === 1) return 'meta';
  return 'data';
}

function performanceReport(rollup: 'by_day' | 'by_hour'): ReportDefinition {
  return {
    table: `mediamath_performance_${rollup}`,
    description: `Performance per strategy and exchange, ${rollup === 'by_day' ? 'per day' : 'per hour'}`,
    kind: 'daily',
    schema: performanceSchema,
    uniqueKey: ['agg_timestamp', 'strategy_id', 'exchange_name'],
    request: ({ date, timezone, options }) => {
      const { start, end } = dayBoundsUtc(date, timezone);
      const { organizationId, filters } = optionsOf(options);
      return {
        method: 'POST',
        path: '/reporting/v2/performance',
        body: {
          fields: FIELDS,
          filters: [{ field: 'organization_id', op: '=', value: organizationId }, ...(filters ?? [])],
          order: ORDER,
          rollup,
          start_time: start,
          end_time: end,
        },
      };
    },
    ...responseMode({}, ''),
    variant: responseMode,
    validate: (options) =>
      assertKnownFields(
        performanceSchema,
        (optionsOf(options).filters ?? []).map((filter) => filter.field),
        'filters',
      ),
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
  rules: { authFailureStatuses: [401] },
  maxConcurrency: 4,
  options: optionsSchema,
  reports: {
    performance_by_day: performanceReport('by_day'),
    performance_by_hour: performanceReport('by_hour'),
  },
};
