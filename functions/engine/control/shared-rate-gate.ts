import { BudgetExceededError } from '../errors.js';
import type { RateLimit } from '../http/rate-limiter.js';
import { checkDeadline } from '../http/retry.js';
import { DEFAULT_LIMITS, type Deadline } from '../limits.js';
import { sleep as realSleep } from '../time.js';
import type { RateBudgetStore } from './rate-budget-store.js';
import type { RateGate } from './rate-gate.js';

/** How a limit of R per window W is cut into slots: k slots of W/k, each holding at most `cap`. */
export interface SlotPlan {
  slotMs: number;
  cap: number;
  /** The share of the vendor's limit this plan can spend in steady state (cap × k / R). */
  share: number;
}

/**
 * Any window of length W (the vendor's, whatever its phase) overlaps at most k + 1 slots of
 * W / k. The gate lets a request leave only inside the slot it was counted in (SharedRateGate,
 * `leaveWithin`), so one more slot covers its way to the vendor: `cap × (k + 2) ≤ R` keeps every
 * vendor window at or under R as long as the transit (plus any clock skew between containers)
 * stays under a slot. Among the plans with at most `maxSlots` slots (bursts stay large: a short
 * run is not paced), the one that spends the largest share of R.
 */
export function planSlots(limit: RateLimit, maxSlots = 48): SlotPlan {
  let best: SlotPlan = { slotMs: limit.windowMs, cap: Math.max(1, Math.floor(limit.requests / 2)), share: 0 };
  best.share = limit.requests >= 2 ? best.cap / limit.requests : 1;
  for (let slots = 1; slots <= maxSlots; slots++) {
    const cap = Math.floor(limit.requests / (slots + 2));
    if (cap < 1) break;
    const share = (cap * slots) / limit.requests;
    if (share > best.share) best = { slotMs: limit.windowMs / slots, cap, share };
  }
  return best;
}

export interface SharedRateGateOptions {
  /** Vendor account the budget belongs to (one budget however many containers spend it). */
  account: string;
  limit: RateLimit;
  store: RateBudgetStore;
  /**
   * A request is counted in the slot it will arrive in: when less than this is left of the
   * current slot, it waits for the next one (the vendor counts a request on arrival).
   */
  arrivalMarginMs?: number;
  /** How far ahead a container may look for a free slot; further waits are deferred (default 15 min). */
  maxAheadMs?: number;
  /** How long this container trusts its last read of the shared block (default 1 s). */
  blockCacheMs?: number;
  /**
   * The longest wait a vendor may impose (its reset, its refusal): limits.maxVendorWaitSeconds.
   * A block further away fails the request instead of waiting, and the account's shared block
   * never holds more than this from when it was written.
   */
  maxVendorWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The vendor's limit as a budget every container of a vendor account spends together (planner and
 * fetchers alike, each at the full limit): time is cut into slots (planSlots), a request takes one
 * unit of a slot with an atomic conditional increment and is sent within that slot, so no vendor
 * window ever sees more than the limit, whatever the number of containers. The vendor's headers
 * tighten it for everyone ("0 remaining until t", a rate refusal block the account until t), up
 * to the vendor-wait budget: a vendor naming a reset further away cannot block the account for
 * longer, and a request facing a longer block (one written under a larger budget) fails naming
 * the budget. A wait that would end after
 * the caller's deadline (deployed: the invocation's remaining time) throws DeadlineError,
 * carrying when to resume, instead of sleeping.
 */
export class SharedRateGate implements RateGate {
  readonly plan: SlotPlan;
  private sequence = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxVendorWaitMs: number;
  private localBlock = 0;
  /** The last slot this container found full. */
  private knownFull = Number.NEGATIVE_INFINITY;
  /** How long the store has lately taken to answer a take (a moving average). */
  private storeLagMs = 0;
  private sharedBlock = { until: 0, readAt: Number.NEGATIVE_INFINITY };
  /** The last push-back in flight (tests wait for it). */
  pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: SharedRateGateOptions) {
    this.plan = planSlots(options.limit);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.maxVendorWaitMs = options.maxVendorWaitMs ?? DEFAULT_LIMITS.maxVendorWaitSeconds * 1000;
  }

  async acquire(deadline?: Deadline): Promise<number> {
    const { store, account } = this.options;
    const { slotMs, cap } = this.plan;
    const margin = Math.min(this.options.arrivalMarginMs ?? 100, slotMs / 4);
    for (;;) {
      const now = this.now();
      const blocked = Math.max(this.localBlock, await this.blockedUntil(now));
      if (blocked - now > this.maxVendorWaitMs) {
        throw new BudgetExceededError(
          'maxVendorWaitSeconds',
          `the vendor's rate limit resets in ${Math.round((blocked - now) / 1000)} s, longer than ${Math.round(this.maxVendorWaitMs / 1000)} s`,
        );
      }
      const latest = Math.min(deadline?.at ?? Infinity, now + (this.options.maxAheadMs ?? 900_000));
      // Slots this container saw full stay full (counts only grow): they are not asked again.
      let slot = Math.max(this.knownFull + 1, Math.floor(Math.max(now, blocked) / slotMs));
      let missed = false;
      for (;;) {
        // A slot is asked for only if the store's answer, as slow as it has lately been, can
        // come back while there is time left to leave in it: booked ahead by that much, a
        // request waits for its slot instead of finding it gone.
        const earliest = Math.max(this.now() + this.storeLagMs, blocked);
        while ((slot + 1) * slotMs - margin <= earliest) slot++;
        const start = Math.max(blocked, slot * slotMs);
        if (start > latest) {
          checkDeadline(deadline, now, start - now, `waiting for the shared rate budget of ${account}`);
          break; // no deadline: too far ahead to book now; wait and look again
        }
        const asked = this.now();
        const taken = await store.take(account, slot, cap, (slot + 1) * slotMs + this.options.limit.windowMs);
        this.storeLagMs = 0.7 * this.storeLagMs + 0.3 * Math.max(0, this.now() - asked);
        if (taken) {
          if (await this.leaveWithin(start, (slot + 1) * slotMs)) return ++this.sequence;
          // The slot went by while the store answered or the timer ran late (a loaded event
          // loop): its unit stays spent, unused (a count can only be too high), and a slot
          // still ahead is booked instead.
          missed = true;
          break;
        }
        this.knownFull = Math.max(this.knownFull, slot);
        slot++;
      }
      if (!missed) await this.sleep(latest - now);
    }
  }

  /**
   * Waits for `start` and says whether it is still before `leaveBy` (the end of the booked slot).
   * The guarantee rests on it: a request sent later than its slot could land, with requests of
   * later slots, in a vendor window that already holds `cap × (k + 2)`; sent inside it, the one
   * slot of slack covers its way to the vendor.
   */
  private async leaveWithin(start: number, leaveBy: number): Promise<boolean> {
    const now = this.now();
    if (now >= leaveBy) return false;
    await this.sleep(start - now);
    return this.now() < leaveBy;
  }

  complete(_request: number): void {}

  observe(remaining: number | undefined, resetAtMs: number | undefined): void {
    if (remaining === 0 && resetAtMs !== undefined && resetAtMs > this.now()) this.blockUntil(resetAtMs);
  }

  /**
   * Blocks the account for at most the vendor-wait budget from now: a reset a century away (or a
   * Retry-After of 10^12 s) cannot outlive the budget for every container and every later run. The
   * request that was refused that way fails under the retry policy (maxRetryAfterMs); the others
   * wait out the budget and ask the vendor again.
   */
  blockUntil(atMs: number): void {
    if (Number.isNaN(atMs)) return;
    const until = Math.min(atMs, this.now() + this.maxVendorWaitMs);
    this.localBlock = Math.max(this.localBlock, until);
    this.pending = this.options.store.pushBack(this.options.account, until).catch(() => undefined);
  }

  private async blockedUntil(now: number): Promise<number> {
    if (now - this.sharedBlock.readAt >= (this.options.blockCacheMs ?? 1_000)) {
      this.sharedBlock = { until: await this.options.store.blockedUntil(this.options.account), readAt: now };
    }
    return this.sharedBlock.until;
  }
}
