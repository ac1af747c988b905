import { sleep } from '../time.js';

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
}

/**
 * Client-side limiter shared by every request of one source in this process. A sliding log
 * guarantees at most `requests` in any window of `windowMs`, which also keeps the vendor's fixed
 * windows (whatever their phase) under the limit. The vendor's own headers can only tighten it.
 */
export class RateLimiter {
  private readonly grants: number[] = [];
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  waitedMs = 0;

  constructor(
    private readonly limit: RateLimit | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request may be sent; requests are granted in call order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The vendor said how much is left (X-RateLimit-Remaining / -Reset). */
  observe(remaining: number | undefined, resetAtMs: number | undefined): void {
    if (remaining !== undefined && remaining <= 0 && resetAtMs !== undefined) this.blockUntil(resetAtMs);
  }

  blockUntil(atMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, atMs);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      let waitUntil = this.blockedUntil;
      if (this.limit) {
        while (this.grants.length > 0 && this.grants[0]! <= now - this.limit.windowMs) this.grants.shift();
        if (this.grants.length >= this.limit.requests) {
          waitUntil = Math.max(waitUntil, this.grants[0]! + this.limit.windowMs);
        }
      }
      if (waitUntil <= now) break;
      this.waitedMs += waitUntil - now;
      await sleep(waitUntil - now);
    }
    if (this.limit) this.grants.push(this.now());
  }
}
