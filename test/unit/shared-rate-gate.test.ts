import { describe, expect, it } from 'vitest';
import type { RateBudgetStore } from '../../functions/engine/control/rate-budget-store.js';
import { SharedRateGate } from '../../functions/engine/control/shared-rate-gate.js';
import { BudgetExceededError } from '../../functions/engine/errors.js';

/**
 * The budget in memory, on a fake clock that the store and the timers move: how late the
 * store answers and how late a timer fires are the test's to choose, which is what a loaded
 * machine (many containers, an emulator, other test suites) does to them.
 */
function world(options: { takeMs: (call: number) => number; firstTimerLateMs?: number }) {
  let now = Date.UTC(2025, 5, 1, 12);
  const used = new Map<number, number>();
  /** Each grant: the slot its unit was counted in, and when the request left. */
  const taken: number[] = [];
  let calls = 0;
  let timers = 0;
  const store: RateBudgetStore = {
    async take(_account, slot, cap) {
      now += options.takeMs(calls++);
      if ((used.get(slot) ?? 0) >= cap) return false;
      used.set(slot, (used.get(slot) ?? 0) + 1);
      taken.push(slot);
      return true;
    },
    blockedUntil: async () => 0,
    pushBack: async () => undefined,
  };
  const gate = new SharedRateGate({
    account: 'adcloud:test',
    limit: { requests: 10, windowMs: 2_000 },
    store,
    now: () => now,
    sleep: async (ms) => {
      if (ms <= 0) return;
      now += ms + (timers++ === 0 ? (options.firstTimerLateMs ?? 0) : 0);
    },
  });
  return { gate, used, taken, clock: () => now };
}

describe('SharedRateGate: a request leaves inside the slot it was counted in', () => {
  it('books a later slot when the store answers after the booked slot ended', async () => {
    const { gate, taken, clock } = world({
      // The plan for 10 per 2 s is slots of 250 ms; the first take answers 300 ms late.
      takeMs: (call) => (call === 0 ? 300 : 5),
    });
    const { slotMs } = gate.plan;
    expect(slotMs).toBe(250);
    await gate.acquire();
    const left = clock();
    // The slot whose unit this request spends is the one it leaves in: a unit counted in an
    // earlier slot (the one the late answer was for) is spent but unused.
    const spent = taken.at(-1)!;
    expect(Math.floor(left / slotMs)).toBe(spent);
    expect(taken).toHaveLength(2);
  });

  it('books a later slot when the timer fires after the booked slot ended', async () => {
    // Every slot is full until the one 2 slots ahead; the timer that waits for it fires 300 ms late.
    const { gate, used, taken, clock } = world({ takeMs: () => 1, firstTimerLateMs: 300 });
    const { slotMs, cap } = gate.plan;
    const current = Math.floor(clock() / slotMs);
    used.set(current, cap);
    used.set(current + 1, cap);
    await gate.acquire();
    const left = clock();
    expect(Math.floor(left / slotMs)).toBe(taken.at(-1));
  });

  it('keeps every window of the vendor at or under its limit under late answers and late timers', async () => {
    // One gate per container, all on the same budget and clock, each answered at its own pace.
    let now = Date.UTC(2025, 5, 1, 12);
    const used = new Map<number, number>();
    const limit = { requests: 10, windowMs: 2_000 };
    const sends: number[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const store: RateBudgetStore = {
      async take(_account, slot, cap) {
        // Mostly quick, sometimes slower than a slot (a loaded DynamoDB emulator, a GC pause).
        now += random() < 0.2 ? 200 + random() * 400 : random() * 20;
        if ((used.get(slot) ?? 0) >= cap) return false;
        used.set(slot, (used.get(slot) ?? 0) + 1);
        return true;
      },
      blockedUntil: async () => 0,
      pushBack: async () => undefined,
    };
    const gates = Array.from(
      { length: 4 },
      () =>
        new SharedRateGate({
          account: 'adcloud:test',
          limit,
          store,
          now: () => now,
          sleep: async (ms) => {
            now += Math.max(0, ms) + (random() < 0.2 ? random() * 400 : 0);
          },
        }),
    );
    // Containers take turns (one clock): 300 requests in all.
    for (let i = 0; i < 300; i++) {
      await gates[i % gates.length]!.acquire();
      sends.push(now);
    }
    // Each request reaches the vendor up to a slot after it left (transit): the vendor's window,
    // whatever its phase, sees at most the requests that left within W plus a slot.
    const reach = limit.windowMs + gates[0]!.plan.slotMs;
    sends.sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < sends.length; i++) {
      while (sends[i]! - sends[j]! >= reach) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(limit.requests);
  });
});

describe('SharedRateGate: booking ahead of a slow store', () => {
  it('asks for slots the store can answer in time, so a steadily slow store wastes no unit', async () => {
    // Every take answers after 150 ms, most of a 250 ms slot: asking for the current slot would
    // often find it gone by the answer (a unit spent, unused, and the request still waiting).
    const { gate, taken } = world({ takeMs: () => 150 });
    for (let i = 0; i < 40; i++) await gate.acquire();
    // The first asks learn how slow the store is; after that every unit taken is a request sent.
    expect(taken.length - 40).toBeLessThanOrEqual(3);
  });
});

describe('SharedRateGate: a wait the vendor names has a budget (limits.maxVendorWaitSeconds)', () => {
  const HOUR = 3_600_000;
  const YEARS = 100 * 365 * 24 * HOUR;
  /** The account's block in a store; every sleep is counted so a gate that waits forever stops the test. */
  function blockedWorld(block = 0) {
    let now = Date.UTC(2025, 5, 1, 12);
    const account = { block };
    let sleeps = 0;
    const store: RateBudgetStore = {
      take: async () => true,
      blockedUntil: async () => account.block,
      pushBack: async (_account, until) => {
        account.block = Math.max(account.block, until);
      },
    };
    const gate = new SharedRateGate({
      account: 'trackmaster:test',
      limit: { requests: 10, windowMs: 2_000 },
      store,
      maxVendorWaitMs: HOUR,
      now: () => now,
      sleep: async (ms) => {
        if (++sleeps > 1_000) throw new Error('the gate is still waiting after 1000 sleeps');
        now += Math.max(0, ms);
      },
    });
    return { gate, account, clock: () => now };
  }

  it('never stores a block for the account further away than the budget: every container, every later run would inherit it', async () => {
    const { gate, account, clock } = blockedWorld();
    // A refusal whose X-RateLimit-Reset (or Retry-After) is a century away, and a "0 left" whose reset is.
    gate.blockUntil(clock() + YEARS);
    await gate.pending;
    expect(account.block).toBeLessThanOrEqual(clock() + HOUR);
    gate.observe(0, clock() + 2 * YEARS);
    await gate.pending;
    expect(account.block).toBeLessThanOrEqual(clock() + HOUR);
  });

  it('fails a request the account is blocked for beyond the budget, naming the budget, instead of waiting or deferring', async () => {
    // A block already in the shared table (written before this check, or by a source with a larger budget).
    const { gate, clock } = blockedWorld(Date.UTC(2125, 0, 1));
    await expect(gate.acquire()).rejects.toThrow(BudgetExceededError);
    await expect(gate.acquire()).rejects.toThrow(/longer than 3600 s.*limits\.maxVendorWaitSeconds/);
    // With a deadline too: not a DeadlineError, which would defer the task again and again.
    await expect(gate.acquire({ at: clock() + 60_000, name: 'the invocation' })).rejects.toThrow(
      BudgetExceededError,
    );
  });

  it('waits out a block within the budget', async () => {
    const { gate, clock } = blockedWorld();
    const start = clock();
    gate.blockUntil(start + HOUR / 2);
    await gate.acquire();
    expect(clock()).toBeGreaterThanOrEqual(start + HOUR / 2);
  });
});
