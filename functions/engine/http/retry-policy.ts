/**
 * Retries are declared as data so that each connector can state its vendor's behaviour and the
 * policy itself can be unit-tested without a network.
 */
export interface RetryPolicy {
  /** Total attempts, the first one included. */
  maxAttempts: number;
  /** HTTP statuses worth another attempt. */
  retryStatuses: readonly number[];
  /** Connection resets, timeouts and truncated bodies. */
  retryNetworkErrors: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
  /** "full" jitter spreads concurrent workers apart (AWS architecture blog's recommendation). */
  jitter: 'full' | 'none';
  /** A server asking to wait longer than this is treated as a failure rather than obeyed. */
  maxRetryAfterMs: number;
  /**
   * A rate-limit refusal that names no wait (no Retry-After, no reset header): every request of
   * the source waits this long before the next attempt (limits.rateLimitWaitSeconds).
   */
  rateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  retryStatuses: [408, 425, 429, 500, 502, 503, 504],
  retryNetworkErrors: true,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  jitter: 'full',
  // limits.maxVendorWaitSeconds; SourceRuntime sets it from the source's limits.
  maxRetryAfterMs: 65 * 60_000,
  // limits.rateLimitWaitSeconds; SourceRuntime sets it from the source's limits.
  rateLimitWaitMs: 60_000,
};

/** Exponential backoff for the n-th retry (1-based). */
export function backoffDelayMs(
  policy: RetryPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return policy.jitter === 'full' ? Math.round(ceiling * random()) : ceiling;
}

/** True when a Retry-After value is delta-seconds (a wait named, 0 included), not an HTTP date. */
export function isRetryAfterSeconds(value: string | null | undefined): boolean {
  return value != null && /^\d+(\.\d+)?$/.test(value.trim());
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (isRetryAfterSeconds(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * How long to wait before the n-th retry: the server's Retry-After when it gave one (including
 * an explicit 0), otherwise backoff. Returns undefined when the server's wait is beyond policy.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  return backoffDelayMs(policy, retry, random);
}
