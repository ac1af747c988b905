import { sleep } from '../time.js';

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
}

/**
 * Client-side limiter shared by every request of one source in this process.
 * - A sliding log guarantees at most `requests` in any window of `windowMs`, which also keeps
 *   the vendor's fixed windows (whatever their phase) under the limit.
 * - The vendor's own counters (X-RateLimit-Remaining / -Reset) can only tighten it: a response
 *   saying "n left until t" allows n more requests minus those sent after that one, then waits
 *   for t. That also covers budget spent by other processes (other Lambdas, other tools).
 */
export class RateLimiter {
  private readonly grants: number[] = [];
  private blockedUntil = 0;
  private sent = 0;
  private vendorBudget: { remaining: number; resetAt: number; asOfRequest: number } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  waitedMs = 0;

  constructor(
    private readonly limit: RateLimit | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves with the request's sequence number when it may be sent; granted in call order. */
  acquire(): Promise<number> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** What the vendor said in the response to request number `request`. */
  observe(remaining: number | undefined, resetAtMs: number | undefined, request: number = this.sent): void {
    if (remaining === undefined || resetAtMs === undefined) return;
    if (
      this.vendorBudget &&
      request < this.vendorBudget.asOfRequest &&
      resetAtMs <= this.vendorBudget.resetAt
    )
      return;
    this.vendorBudget = { remaining, resetAt: resetAtMs, asOfRequest: request };
  }

  blockUntil(atMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, atMs);
  }

  private async waitForSlot(): Promise<number> {
    for (;;) {
      const now = this.now();
      let waitUntil = this.blockedUntil;
      if (this.limit) {
        while (this.grants.length > 0 && this.grants[0]! <= now - this.limit.windowMs) this.grants.shift();
        if (this.grants.length >= this.limit.requests) {
          waitUntil = Math.max(waitUntil, this.grants[0]! + this.limit.windowMs);
        }
      }
      const budget = this.vendorBudget;
      if (budget) {
        if (budget.resetAt <= now) this.vendorBudget = undefined;
        else if (this.sent - budget.asOfRequest >= budget.remaining)
          waitUntil = Math.max(waitUntil, budget.resetAt);
      }
      if (waitUntil <= now) break;
      this.waitedMs += waitUntil - now;
      await sleep(waitUntil - now);
    }
    if (this.limit) this.grants.push(this.now());
    return ++this.sent;
  }
}
