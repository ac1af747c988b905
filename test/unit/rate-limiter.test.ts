import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../functions/engine/http/rate-limiter.js';

describe('rate limiter', () => {
  it('never grants more than the limit in any window', async () => {
    const limiter = new RateLimiter({ requests: 5, windowMs: 150 });
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.acquire().then((request) => {
          granted.push(Date.now());
          limiter.complete(request);
        }),
      ),
    );
    for (const start of granted)
      expect(granted.filter((t) => t >= start && t < start + 150).length).toBeLessThanOrEqual(5);
    // 12 requests at 5 per window need at least two further windows.
    expect(granted.at(-1)! - granted[0]!).toBeGreaterThanOrEqual(290);
  });

  it('counts a request in its window until it completes (the vendor counts it on arrival)', async () => {
    const limiter = new RateLimiter({ requests: 1, windowMs: 100 });
    const slow = await limiter.acquire();
    const next = limiter.acquire();
    let granted = false;
    void next.then(() => {
      granted = true;
    });
    // The first request is slow (say, a new TLS connection): it holds the only slot.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(granted).toBe(false);
    const completedAt = Date.now();
    limiter.complete(slow);
    await next;
    // The next may go once the slow one is a full window behind.
    expect(Date.now() - completedAt).toBeGreaterThanOrEqual(95);
  });

  it('spends what the vendor says is left, counting requests already in flight, then waits for the reset', async () => {
    const limiter = new RateLimiter(undefined);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    // The answer to the first request: 2 left. The second one is already out, so one more may go.
    const resetAt = Date.now() + 120;
    limiter.observe(2, resetAt, first);
    await limiter.acquire();
    const before = Date.now();
    await limiter.acquire();
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt - 2);
    expect(Date.now() - before).toBeGreaterThanOrEqual(100);
    expect(second).toBe(2);
  });

  it('ignores stale vendor counters from an older response', async () => {
    const limiter = new RateLimiter(undefined);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    limiter.observe(100, Date.now() + 10_000, second);
    limiter.observe(0, Date.now() + 10_000, first);
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('waits when blocked until a reset', async () => {
    const limiter = new RateLimiter(undefined);
    limiter.blockUntil(Date.now() + 80);
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });
});
