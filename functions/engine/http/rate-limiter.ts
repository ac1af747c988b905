import { BudgetExceededError } from '../errors.js';
import { DEFAULT_LIMITS, type Deadline } from '../limits.js';
import { sleep } from '../time.js';
import { checkDeadline } from './retry.js';

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
}

/**
 * Client-side limiter shared by every request of one source in this process.
 * - A sliding log guarantees at most `requests` in any window of `windowMs`, which also keeps
 *   the vendor's fixed windows (whatever their phase) under the limit. A request is logged at
 *   its completion, not its grant: the vendor counts it when it arrives, somewhere in between,
 *   and a slow request (a new connection, a token grant first) must not let the next one into
 *   the same vendor window. Until it completes, a request holds its slot.
 * - The vendor's own counters (X-RateLimit-Remaining / -Reset) can only tighten it: a response
 *   saying "n left until t" allows n more requests minus those sent after that one, then waits
 *   for t. That also covers budget spent by other processes (other Lambdas, other tools).
 */
const IN_FLIGHT_POLL_MS = 5;

export class RateLimiter {
  /** Completion times of logged requests; `undefined` while a request is in flight. */
  private log: { at: number | undefined }[] = [];
  private readonly inFlight = new Map<number, { at: number | undefined }>();
  private blockedUntil = 0;
  private sent = 0;
  private vendorBudget: { remaining: number; resetAt: number; asOfRequest: number } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit | undefined,
    private readonly now: () => number = Date.now,
    /** The longest wait the vendor may impose (its reset, its refusal): limits.maxVendorWaitSeconds. */
    private readonly maxVendorWaitMs: number = DEFAULT_LIMITS.maxVendorWaitSeconds * 1000,
  ) {}

  /**
   * Resolves with the request's sequence number when it may be sent; granted in call order.
   * Rejects, rather than waits, when the vendor's reset is further away than the budget allows
   * or when the wait would pass `deadline`.
   */
  acquire(deadline?: Deadline): Promise<number> {
    const turn = this.queue.then(() => this.waitForSlot(deadline));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Request number `request` got its answer (or failed): its slot now ages out normally. */
  complete(request: number): void {
    const entry = this.inFlight.get(request);
    if (!entry) return;
    entry.at = this.now();
    this.inFlight.delete(request);
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

  private async waitForSlot(deadline: Deadline | undefined): Promise<number> {
    for (;;) {
      const now = this.now();
      let waitUntil = this.blockedUntil;
      let vendorWaitUntil = this.blockedUntil;
      if (this.limit) {
        const horizon = now - this.limit.windowMs;
        this.log = this.log.filter((entry) => entry.at === undefined || entry.at > horizon);
        if (this.log.length >= this.limit.requests) {
          let earliest = Number.POSITIVE_INFINITY;
          for (const entry of this.log)
            if (entry.at !== undefined && entry.at < earliest) earliest = entry.at;
          // Every slot is held by a request still in flight: look again shortly.
          waitUntil = Math.max(
            waitUntil,
            Number.isFinite(earliest) ? earliest + this.limit.windowMs : now + IN_FLIGHT_POLL_MS,
          );
        }
      }
      const budget = this.vendorBudget;
      if (budget) {
        if (budget.resetAt <= now) this.vendorBudget = undefined;
        else if (this.sent - budget.asOfRequest >= budget.remaining) {
          waitUntil = Math.max(waitUntil, budget.resetAt);
          vendorWaitUntil = Math.max(vendorWaitUntil, budget.resetAt);
        }
      }
      if (waitUntil <= now) break;
      if (vendorWaitUntil - now > this.maxVendorWaitMs) {
        throw new BudgetExceededError(
          'maxVendorWaitSeconds',
          `the vendor's rate limit resets in ${Math.round((vendorWaitUntil - now) / 1000)} s, longer than ${Math.round(this.maxVendorWaitMs / 1000)} s`,
        );
      }
      checkDeadline(
        deadline,
        now,
        waitUntil - now,
        `waiting ${Math.round((waitUntil - now) / 1000)} s for the rate limit`,
      );
      await sleep(waitUntil - now);
    }
    const request = ++this.sent;
    if (this.limit) {
      const entry = { at: undefined };
      this.log.push(entry);
      this.inFlight.set(request, entry);
    }
    return request;
  }
}
