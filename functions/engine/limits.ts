/**
 * Budgets on everything a vendor controls. The defaults are far beyond what any of the vendors
 * documented here returns for a day (so a real run never meets them) and small enough that a
 * hostile or broken vendor cannot exhaust memory, disk, quota or time. A source overrides any of
 * them in config (`limits`); the error that stops a run names the budget it hit.
 */
export interface SourceLimits {
  /** Pages of one partition (all slices): a `next` that never ends, a total of 1e12 pages. */
  maxPagesPerPartition: number;
  /** Rows of one partition. */
  maxRowsPerPartition: number;
  /** Bytes of a response read whole (JSON pages, token and count responses). */
  maxResponseBytes: number;
  /** Bytes of a streamed response (NDJSON). */
  maxStreamBytes: number;
  /** Bytes of one NDJSON line. */
  maxLineBytes: number;
  /** Silence allowed while waiting for headers or between two chunks of a body. */
  idleTimeoutSeconds: number;
  /** Total time of one request, body included (a body dripping a byte at a time). */
  requestTimeoutSeconds: number;
  /** Longest a rate-limit reset or `Retry-After` may make us wait; beyond it the partition fails. */
  maxVendorWaitSeconds: number;
  /**
   * How long every request of the source waits after a rate-limit refusal that names no wait
   * (no `Retry-After`, no reset header): none of the vendor documents shows a refusal.
   */
  rateLimitWaitSeconds: number;
  /** One partition, from planning to its last page. */
  partitionDeadlineSeconds: number;
  /** One local run of this source, every partition included. */
  runDeadlineSeconds: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxPagesPerPartition: 100_000,
  maxRowsPerPartition: 50_000_000,
  maxResponseBytes: 64 * 1024 * 1024,
  maxStreamBytes: 8 * 1024 * 1024 * 1024,
  maxLineBytes: 4 * 1024 * 1024,
  idleTimeoutSeconds: 30,
  requestTimeoutSeconds: 30 * 60,
  // TrackMaster's quota is hourly (X-RateLimit-Reset up to an hour ahead), plus a margin.
  maxVendorWaitSeconds: 65 * 60,
  // A minute: long enough not to hammer a vendor that is refusing, short enough that a refusal
  // meant for a burst costs little; the retry policy's attempts bound how often it is repeated.
  rateLimitWaitSeconds: 60,
  partitionDeadlineSeconds: 6 * 3600,
  // Under a day, so a daily schedule never stacks runs of one source.
  runDeadlineSeconds: 23 * 3600,
};

/**
 * A point in time the work must not outlast: a local partition's or run's deadline, or (in
 * Lambda) the invocation's remaining time. `name` is what the error says ran out.
 */
export interface Deadline {
  at: number;
  name: string;
}

/** The earlier of two deadlines. */
export function earliest(...deadlines: (Deadline | undefined)[]): Deadline | undefined {
  let out: Deadline | undefined;
  for (const d of deadlines) if (d && (!out || d.at < out.at)) out = d;
  return out;
}
