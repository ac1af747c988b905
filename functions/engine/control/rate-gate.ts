import type { Deadline } from '../limits.js';

/**
 * Port: what a vendor client asks before each request. The in-process `RateLimiter`
 * (http/rate-limiter.ts) is one; `SharedRateGate` (shared-rate-gate.ts) spends a budget that
 * every container of a vendor account shares.
 */
export interface RateGate {
  /**
   * Resolves with the request's sequence number when it may be sent; throws DeadlineError
   * (carrying when to resume) rather than wait past `deadline`.
   */
  acquire(deadline?: Deadline): Promise<number>;
  /** The request got its answer (or failed). */
  complete(request: number): void;
  /** The vendor's own counters from the response to `request`: they can only tighten the gate. */
  observe(remaining: number | undefined, resetAtMs: number | undefined, request?: number): void;
  /** The vendor refused for rate: nobody sends before `atMs`. */
  blockUntil(atMs: number): void;
}
