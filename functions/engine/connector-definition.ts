import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AuthSpec } from './auth/auth-spec.js';
import type { RateLimit } from './http/rate-limiter.js';
import type { RetryPolicy } from './http/retry-policy.js';
import type { Paginator } from './pagination/paginator.js';
import type { TableSchema } from './schema/table-schema.js';

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
  rules: VendorRules;
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

export interface VendorRules {
  /** Statuses that mean "this token is not accepted". */
  authFailureStatuses: readonly number[];
  /** AdMaster answers 404 for a bad token: re-authenticate once before calling it "not found". */
  notFoundMayBeAuthFailure?: boolean;
  /** How the vendor reports its rate limit. */
  rateLimitHeaders?: { remaining: string; reset: string; resetIn: 'epoch-seconds' | 'seconds' };
  /** A refusal that means "over the limit, wait for the reset" rather than "forbidden". */
  rateLimitRefusal?: { status: number; bodyPattern: RegExp };
  /**
   * The vendor's answer that a requested field does not exist (MediaMath's 400 "field does not
   * exist in this dataset: X"): a configuration error, never retried. `message` captures the
   * field; `option` names the source option that chooses fields.
   */
  unknownField?: { message: RegExp; option: string };
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

export type ResponseSpec =
  | {
      kind: 'json';
      /** Dotted path of the records array; '' when the body is the array. */
      records: string;
      /**
       * Paths of a status the body echoes (the first one present counts); it must be 2xx, on the
       * report's pages and on its up-front count (TUNE's status_code or status_pre).
       */
      bodyStatus?: readonly string[];
      /** Path of the body's own declared byte length, checked against the bytes received (TUNE). */
      declaredSize?: { path: string };
    }
  | {
      kind: 'ndjson';
      /** Path of the expected row count in the header line (-1 or absent: unknown). */
      headerTotalItems: string;
      /** Sorts each line of the stream. */
      classify: (line: Record<string, unknown>) => 'header' | 'data' | 'meta' | 'error';
    };

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
  /** A date column that must equal the partition date. */
  dateColumn?: string;
  request: (ctx: RequestContext) => RequestSpec;
  paginator: Paginator;
  response: ResponseSpec;
  /** A request that counts the records up front (TUNE count.json) at `path` of its body. */
  count?: { request: (ctx: RequestContext) => RequestSpec; path: string };
  /** Splits a partition into independently paginated slices; default: one slice. */
  slices?: (ctx: SlicePlanningContext) => Promise<Slice[]>;
  /** Checks a source's options for this report before any request (e.g. field names). */
  validate?: (options: Record<string, unknown>) => void;
  /** Only planned when the source asks for it by name; not part of the default report set. */
  internal?: boolean;
  /**
   * Lets a source's options pick how this report is fetched (MediaMath's paginated or streaming
   * mode, a smaller page size): returns the parts that replace the static ones. Resolved once per
   * source (SourceRuntime.report), so every step of a run sees the same paginator and response.
   */
  variant?: (options: Record<string, unknown>, reportName: string) => ReportVariant;
}

/** What a source's options may change about how a report is fetched. */
export interface ReportVariant {
  paginator?: Paginator;
  response?: ResponseSpec;
}
