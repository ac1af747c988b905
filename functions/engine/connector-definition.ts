import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AuthSpec } from './auth/auth-spec.js';
import type { RecordDecoder } from './decoding/record-decoder.js';
import type { RateLimit } from './http/rate-limiter.js';
import type { RetryPolicy } from './http/retry-policy.js';
import type { Paginator } from './pagination/paginator.js';
import type { TableSchema } from './schema/table-schema.js';
import type { RateLimitHeaders } from './vendor/rate-limit-headers.js';
import type { ResponseRule } from './vendor/response-rules.js';

/**
 * A connector is data: how its vendor authenticates, paginates, limits and answers, and the
 * reports it offers with their schemas. Functions appear only where a vendor needs code: building
 * a request from the report date, and planning slices (e.g. one per live campaign).
 */
export interface ConnectorDefinition {
  name: string;
  description: string;
  defaultBaseUrl: string;
  /** The token endpoint's host when the vendor runs it apart from the API (AdMaster, MediaMath). */
  defaultAuthUrl?: string;
  auth: AuthSpec;
  /**
   * What the vendor's answers mean, in order (vendor/response-rules.ts): which refusals mean a
   * bad token, a rate limit, a configuration error or drift; the engine's defaults follow.
   */
  responses: readonly ResponseRule[];
  /** How the vendor reports its rate limit on every answer, if it does. */
  rateLimitHeaders?: RateLimitHeaders;
  /** The vendor's documented limit; a source may lower it in config. */
  rateLimit?: RateLimit;
  retry?: Partial<RetryPolicy>;
  /** Concurrent requests per source (locally) and the fetcher's SQS max concurrency (AWS). */
  maxConcurrency: number;
  /** Validates the connector-specific `options` of a source (e.g. TrackMaster media ids). */
  options?: z.ZodType<Record<string, unknown>>;
  /** The reports with the connector's default options. */
  reports: Record<string, ReportDefinition>;
  /**
   * The reports as a source's (validated) options shape them: fields chosen per source, entities
   * added by configuration. Absent: `reports` for every source.
   */
  configure?: (options: Record<string, unknown>) => Record<string, ReportDefinition>;
}

export type SliceParams = Record<string, string | number | null>;

/**
 * A vendor value (an id, a name) made safe for one segment of a slice key: kept as it is when it
 * is plain letters, digits, `_` and `-` (every documented id), otherwise `b64.` + its base64url
 * (`sha256.` + a digest past 100 characters): never `.`, `..` or a `/`, and distinct from every
 * plain value, which has no dot.
 */
export function sliceKeyPart(value: string | number): string {
  const text = String(value);
  if (/^[A-Za-z0-9_-]{1,100}$/.test(text)) return text;
  // Past 100 characters no real id: a digest keeps the segment short and still distinct.
  if (text.length > 100) return `sha256.${createHash('sha256').update(text).digest('hex')}`;
  return `b64.${Buffer.from(text, 'utf8').toString('base64url')}`;
}

/** A vendor value made safe for one segment of a request path. */
export function pathPart(value: string | number | null | undefined): string {
  return encodeURIComponent(String(value));
}

export interface Slice {
  /** Stable, path-safe name of the slice within its partition (e.g. "media=101/campaign=7"). */
  key: string;
  params: SliceParams;
  /** Known before the first page (TUNE count.json): all pages are planned at once. */
  totalItems?: number;
}

export interface RequestContext {
  /** The partition's date: the report date, or the snapshot date of a snapshot report. */
  date: string;
  timezone: string;
  options: Record<string, unknown>;
  slice: SliceParams;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface SlicePlanningContext extends Omit<RequestContext, 'slice'> {
  /** Fetches every record of another report of this connector (memoised per run). */
  fetchRecords(report: string, slice: SliceParams): Promise<Record<string, unknown>[]>;
}

export interface ReportDefinition {
  /** Table name in the lake, unique across connectors (e.g. adcloud_advertiser). */
  table: string;
  description: string;
  /** daily: keyed by report date. snapshot: the entity list as of the run, keyed by its date. */
  kind: 'daily' | 'snapshot';
  schema: TableSchema;
  /** Columns that identify a row within one partition; a repeat is an error, never kept. */
  uniqueKey: readonly string[];
  /**
   * The zone the vendor cuts this report's days in (its data zone), when not the source's
   * (MediaMath by_day under `byDayZone: "UTC"`): partition D holds that zone's day D, its
   * `dayTimestamp` rows are held against that day, and a scheduled run plans D only once that day
   * has ended there (run/scheduled-window.ts); until then D is reported deferred.
   */
  dataZone?: string;
  /** A date column that must equal the partition date. */
  dateColumn?: string;
  /**
   * A timestamp column that must fall within the partition's day in the source's time zone (or
   * the report's `dataZone`), [midnight, next midnight). A row before the day fails the partition; a row at or after the
   * next midnight fails it too, or under `pastDay: 'drop'` is left out and counted (a vendor
   * that reads the request's end as inclusive returns the next day's first bucket; MediaMath's
   * document does not say). A left-out row still counts toward the vendor's announced total.
   */
  dayTimestamp?: {
    column: string;
    pastDay: 'drop' | 'fail';
    /** A day bucket: a row inside the day must start exactly at its midnight (MediaMath by_day). */
    startsDay?: boolean;
    /** Appended to the error of a row outside the day, given the source's time zone: which option to check. */
    mismatch?: (sourceTimezone: string) => string | undefined;
  };
  request: (ctx: RequestContext) => RequestSpec;
  paginator: Paginator;
  /** How its records arrive in an answer (decoding/: JSON at a path, an NDJSON stream). */
  decoder: RecordDecoder;
  /** A request that counts the records up front (TUNE count.json) at `path` of its body. */
  count?: { request: (ctx: RequestContext) => RequestSpec; path: string };
  /** Splits a partition into independently paginated slices; default: one slice. */
  slices?: (ctx: SlicePlanningContext) => Promise<Slice[]>;
  /** Checks a source's options for this report before any request (e.g. field names). */
  validate?: (options: Record<string, unknown>) => void;
  /** Only planned when the source asks for it by name; not part of the default report set. */
  internal?: boolean;
  /**
   * A small list other reports plan their slices from (TrackMaster's campaign list): its planning
   * reads each slice whole through the run's memo and stages it as the slice's only page
   * (`run/stage-records.ts`), so the vendor is asked for it once per run, not once for the other
   * reports' slices and again for this table.
   */
  stagedFromPlanning?: boolean;
  /**
   * Lets a source's options pick how this report is fetched (MediaMath's paginated or streaming
   * mode, a smaller page size): returns the parts that replace the static ones. Resolved once per
   * source (SourceRuntime.report), so every step of a run sees the same paginator and decoder.
   */
  variant?: (options: Record<string, unknown>, reportName: string) => ReportVariant;
}

/** What a source's options may change about how a report is fetched. */
export interface ReportVariant {
  paginator?: Paginator;
  decoder?: RecordDecoder;
}
