import { describe, expect, it } from 'vitest';
import { BudgetExceededError, DeadlineError, VendorHttpError } from '../../functions/engine/errors.js';
import { RateLimiter } from '../../functions/engine/http/rate-limiter.js';
import { withRetry } from '../../functions/engine/http/retry.js';
import { DEFAULT_RETRY_POLICY } from '../../functions/engine/http/retry-policy.js';

// The wait path and deadlines (docs/guarantees.md §8): a caller that passes a deadline is told,
// instead of made to sleep, when a wait would outlast it, and when it could resume.

const NOW = 1_700_000_000_000;
const throttled = (retryAfterMs: number) =>
  new VendorHttpError('VENDOR_HTTP', {
    status: 429,
    vendorMessage: 'slow down',
    method: 'GET',
    url: 'https://vendor.test/r',
    retryable: true,
    retryAfterMs,
  });

describe('waits and deadlines', () => {
  it('a Retry-After past the deadline is a DeadlineError carrying the time to resume, with no sleep', async () => {
    const slept: number[] = [];
    const error = await withRetry(
      DEFAULT_RETRY_POLICY,
      async () => {
        throw throttled(120_000);
      },
      {
        deadline: { at: NOW + 60_000, name: "the Lambda invocation's remaining time" },
        now: () => NOW,
        sleep: async (ms) => {
          slept.push(ms);
        },
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).resumeAt).toBe(NOW + 120_000);
    expect((error as DeadlineError).message).toMatch(/remaining time/);
    expect(slept).toEqual([]);
  });

  it('a wait within the deadline is slept', async () => {
    const slept: number[] = [];
    let calls = 0;
    const value = await withRetry(
      DEFAULT_RETRY_POLICY,
      async () => {
        if (++calls === 1) throw throttled(2_000);
        return 'ok';
      },
      { deadline: { at: NOW + 60_000, name: 'd' }, now: () => NOW, sleep: async (ms) => void slept.push(ms) },
    );
    expect(value).toBe('ok');
    expect(slept).toEqual([2_000]);
  });

  it('a Retry-After beyond the wait budget names limits.maxVendorWaitSeconds', async () => {
    const error = await withRetry(
      { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 60_000 },
      async () => {
        throw throttled(900_000);
      },
      { now: () => NOW, sleep: async () => undefined },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).budget).toBe('maxVendorWaitSeconds');
  });

  it("the limiter refuses a vendor reset beyond its budget and a wait past the caller's deadline", async () => {
    const limiter = new RateLimiter(undefined, () => NOW, 3_600_000);
    limiter.blockUntil(NOW + 10 * 365 * 86_400_000);
    await expect(limiter.acquire()).rejects.toThrow(/limits\.maxVendorWaitSeconds/);
    const shorter = new RateLimiter(undefined, () => NOW, 3_600_000);
    shorter.blockUntil(NOW + 30_000);
    const error = await shorter.acquire({ at: NOW + 10_000, name: 'd' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).resumeAt).toBe(NOW + 30_000);
  });
});
