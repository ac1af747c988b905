import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../functions/engine/http/rate-limiter.js';

// A fake clock: the limiter's Date.now and its sleeps both run on vitest's timers, so every
// wait is exact and nothing depends on how loaded the machine is.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Tracks when (on the fake clock) a grant resolved. */
function watch(grant: Promise<number>): { at: number | undefined; request: Promise<number> } {
  const state: { at: number | undefined; request: Promise<number> } = { at: undefined, request: grant };
  void grant.then(() => {
    state.at = Date.now();
  });
  return state;
}

describe('rate limiter', () => {
  it('never grants more than the limit in any window', async () => {
    const limiter = new RateLimiter({ requests: 5, windowMs: 150 });
    const start = Date.now();
    const granted: number[] = [];
    const all = Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.acquire().then((request) => {
          granted.push(Date.now() - start);
          limiter.complete(request);
        }),
      ),
    );
    await vi.runAllTimersAsync();
    await all;
    for (const t of granted)
      expect(granted.filter((u) => u >= t && u < t + 150).length).toBeLessThanOrEqual(5);
    // Five at once, the next five a full window later, the last two one more window later.
    expect(granted).toEqual([0, 0, 0, 0, 0, 150, 150, 150, 150, 150, 300, 300]);
  });

  it('counts a request in its window until it completes (the vendor counts it on arrival)', async () => {
    const limiter = new RateLimiter({ requests: 1, windowMs: 100 });
    const slow = await limiter.acquire();
    const next = watch(limiter.acquire());
    // The first request is slow (say, a new TLS connection): it holds the only slot.
    await vi.advanceTimersByTimeAsync(150);
    expect(next.at).toBeUndefined();
    const completedAt = Date.now();
    limiter.complete(slow);
    // The next may go once the slow one is a full window behind, not before.
    await vi.advanceTimersByTimeAsync(99);
    expect(next.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.at).toBe(completedAt + 100);
  });

  it('spends what the vendor says is left, counting requests already in flight, then waits for the reset', async () => {
    const limiter = new RateLimiter(undefined);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    // The answer to the first request: 2 left. The second one is already out, so one more may go.
    const resetAt = Date.now() + 120;
    limiter.observe(2, resetAt, first);
    const third = watch(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(third.at).toBe(resetAt - 120);
    const fourth = watch(limiter.acquire());
    await vi.advanceTimersByTimeAsync(119);
    expect(fourth.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth.at).toBe(resetAt);
    expect(second).toBe(2);
  });

  it('ignores stale vendor counters from an older response', async () => {
    const limiter = new RateLimiter(undefined);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    limiter.observe(100, Date.now() + 10_000, second);
    limiter.observe(0, Date.now() + 10_000, first);
    const started = Date.now();
    const next = watch(limiter.acquire());
    await vi.advanceTimersByTimeAsync(0);
    expect(next.at).toBe(started);
  });

  it('waits when blocked until a reset', async () => {
    const limiter = new RateLimiter(undefined);
    const blockedUntil = Date.now() + 80;
    limiter.blockUntil(blockedUntil);
    const next = watch(limiter.acquire());
    await vi.advanceTimersByTimeAsync(79);
    expect(next.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next.at).toBe(blockedUntil);
  });
});
