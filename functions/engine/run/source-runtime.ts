import type { TokenCache } from '../auth/token-cache.js';
import type {
  ConnectorDefinition,
  ReportDefinition,
  RequestContext,
  SliceParams,
} from '../connector-definition.js';
import type { CommitGuard } from '../control/commit-guard.js';
import type { RateGate } from '../control/rate-gate.js';
import { InputError } from '../errors.js';
import { DEFAULT_HTTP_OPTIONS, type HttpClientOptions } from '../http/http-client.js';
import { type RateLimit, RateLimiter } from '../http/rate-limiter.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import { DEFAULT_LIMITS, type SourceLimits } from '../limits.js';
import type { LakeStore } from '../partitions/lake-store.js';
import type { PartitionRef } from '../partitions/partition.js';
import type { ScratchSpace } from '../partitions/scratch-file.js';
import { InProcessPageTally, type PageTally } from '../staging/page-tally.js';
import type { StagingStore } from '../staging/staging-store.js';
import { defaultRetryPolicy, type RequestCounters, VendorClient } from '../vendor/vendor-client.js';
import type { OutputFormat } from '../writers/table-writer.js';

/** A configured source as the engine sees it: no file paths, no environment, credentials resolved. */
export interface SourceSettings {
  name: string;
  connector: ConnectorDefinition;
  baseUrl: string;
  authUrl?: string;
  timezone: string;
  lookbackDays: number;
  reports: readonly string[];
  format: OutputFormat;
  options: Record<string, unknown>;
  /** tolerant (default): extra vendor fields are dropped and reported; strict: they fail the partition. */
  schemaContract?: 'tolerant' | 'strict';
  concurrency: number;
  rateLimit?: RateLimit;
  credentials: Record<string, string>;
  /** Budgets on what the vendor controls; each missing one takes its default (limits.ts). */
  limits?: Partial<SourceLimits>;
}

/** The adapters a run needs: the same engine runs on local files or on S3 + Secrets Manager. */
export interface EngineDeps {
  tokenCache: TokenCache;
  staging: StagingStore;
  lake: LakeStore;
  http?: Partial<HttpClientOptions>;
  /** Overrides the connector's retry policy (tests, benchmarks). */
  retry?: Partial<RetryPolicy>;
  /** Wall clock, replaceable in tests. */
  now?: () => number;
  /**
   * The source's rate gate when it is shared beyond this process (deployed: the control table's
   * budget per vendor account); the in-process sliding-log limiter otherwise. `limits` are the
   * source's, defaults filled in (the gate's vendor-wait budget is `maxVendorWaitSeconds`).
   */
  rateGate?: (settings: SourceSettings, limits: SourceLimits) => RateGate | undefined;
  /** Commit fencing: refuses to replace a partition committed by a newer run. */
  commitGuard?: CommitGuard;
  /**
   * Which pages of each partition are staged. Deployed: the control table, shared by every
   * container; default: this runtime's memory (the CLI runs a whole run in one process).
   */
  pageTally?: PageTally;
  /**
   * Where a commit spills the per-row state of its partition (each row's key hash and row
   * digest, 12 bytes a row) so its memory does not grow with the partition: the machine's disk
   * (`adapters/local/disk-scratch.ts`), deployed and locally.
   */
  scratch: ScratchSpace;
}

/** Every record of a report's slice, read whole while planning, and the requests that read them. */
export interface RecordList {
  records: Record<string, unknown>[];
  counters: RequestCounters;
}

/** One source's live state in this process: its vendor client, limiter and per-run memo. */
export class SourceRuntime {
  readonly client: VendorClient;
  readonly limiter: RateGate;
  readonly limits: SourceLimits;
  readonly pageTally: PageTally;
  private readonly memo = new Map<string, Promise<RecordList>>();
  private readonly resolvedReports = new Map<string, ReportDefinition>();

  constructor(
    readonly settings: SourceSettings,
    readonly deps: EngineDeps,
  ) {
    const { connector } = settings;
    const limits: SourceLimits = { ...DEFAULT_LIMITS, ...settings.limits };
    this.limits = limits;
    this.pageTally = deps.pageTally ?? new InProcessPageTally();
    const maxVendorWaitMs = limits.maxVendorWaitSeconds * 1000;
    this.limiter =
      deps.rateGate?.(settings, limits) ??
      new RateLimiter(settings.rateLimit ?? connector.rateLimit, deps.now, maxVendorWaitMs);
    this.client = new VendorClient({
      source: settings.name,
      baseUrl: settings.baseUrl,
      authUrl: settings.authUrl,
      auth: connector.auth,
      responses: connector.responses,
      rateLimitHeaders: connector.rateLimitHeaders,
      credentials: settings.credentials,
      tokenCache: deps.tokenCache,
      limiter: this.limiter,
      retry: defaultRetryPolicy({
        ...connector.retry,
        maxRetryAfterMs: maxVendorWaitMs,
        rateLimitWaitMs: limits.rateLimitWaitSeconds * 1000,
        ...deps.retry,
      }),
      http: {
        ...DEFAULT_HTTP_OPTIONS,
        idleTimeoutMs: limits.idleTimeoutSeconds * 1000,
        totalTimeoutMs: limits.requestTimeoutSeconds * 1000,
        maxBodyBytes: limits.maxResponseBytes,
        maxStreamBytes: limits.maxStreamBytes,
        ...deps.http,
      },
      now: deps.now,
    });
  }

  /** The report as this source fetches it: its definition with the source's variant applied. */
  report(name: string): ReportDefinition {
    const resolved = this.resolvedReports.get(name);
    if (resolved) return resolved;
    const report = this.settings.connector.reports[name];
    if (!report) {
      throw new InputError(
        `source "${this.settings.name}" has no report "${name}" (connector ${this.settings.connector.name} offers: ${Object.keys(this.settings.connector.reports).join(', ')})`,
      );
    }
    const variant = report.variant?.(this.settings.options, name) ?? {};
    const effective: ReportDefinition = {
      ...report,
      ...(variant.paginator ? { paginator: variant.paginator } : {}),
      ...(variant.decoder ? { decoder: variant.decoder } : {}),
    };
    this.resolvedReports.set(name, effective);
    return effective;
  }

  partition(report: string, date: string): PartitionRef {
    return { table: this.report(report).table, source: this.settings.name, date };
  }

  context(date: string, slice: SliceParams = {}): RequestContext {
    return { date, timezone: this.settings.timezone, options: this.settings.options, slice };
  }

  /** Memoised per process: several partitions of one run share e.g. the campaign list. */
  memoise(key: string, load: () => Promise<RecordList>): Promise<RecordList> {
    let entry = this.memo.get(key);
    if (!entry) {
      entry = load();
      this.memo.set(key, entry);
      entry.catch(() => this.memo.delete(key));
    }
    return entry;
  }
}
