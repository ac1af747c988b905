import { describe, expect, it } from 'vitest';
import { VendorError } from '../../functions/engine/errors.js';
import { withRetry } from '../../functions/engine/http/retry.js';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
  type RetryPolicy,
  retryDelayMs,
} from '../../functions/engine/http/retry-policy.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 4 };

describe('retry policy', () => {
  it('backs off exponentially up to the cap, without jitter', () => {
    const noJitter = { ...policy, jitter: 'none' as const };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(noJitter, n))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('spreads full jitter between zero and the ceiling', () => {
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelayMs(policy, 3, () => 0.999)).toBeLessThanOrEqual(400);
  });

  it('reads Retry-After as seconds or as an HTTP date, and honours an explicit zero', () => {
    expect(parseRetryAfterMs('0')).toBe(0);
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs('1.5')).toBe(1500);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(retryDelayMs(policy, 1, 0)).toBe(0);
  });

  it('refuses a server wait beyond the policy', () => {
    expect(retryDelayMs(policy, 1, policy.maxRetryAfterMs + 1)).toBeUndefined();
    expect(retryDelayMs(policy, 1, 5000)).toBe(5000);
  });
});

describe('withRetry', () => {
  const noSleep = { sleep: async () => undefined };

  it('retries retryable errors until success', async () => {
    let calls = 0;
    const retries: number[] = [];
    const value = await withRetry(
      policy,
      async () => {
        calls++;
        if (calls < 3) throw new VendorError('VENDOR_HTTP', 'HTTP 500', { retryable: true });
        return 'ok';
      },
      { ...noSleep, onRetry: (e) => retries.push(e.retry) },
    );
    expect(value).toBe('ok');
    expect(retries).toEqual([1, 2]);
  });

  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        policy,
        async () => {
          calls++;
          throw new VendorError('VENDOR_HTTP', 'HTTP 400', { retryable: false });
        },
        noSleep,
      ),
    ).rejects.toThrow('HTTP 400');
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts and says so, in the last error’s code and family', async () => {
    let calls = 0;
    const last = new VendorError('TIMEOUT', 'GET x timed out', { retryable: true, context: { source: 's' } });
    const gaveUp = withRetry(
      policy,
      async () => {
        calls++;
        // Retries that never end would never yield to a timer either (noSleep): the test would
        // hang instead of failing. Far past the policy's 4, stop them with an error of our own.
        if (calls > 10) throw new Error('still retrying after 10 attempts');
        throw last;
      },
      noSleep,
    );
    await expect(gaveUp).rejects.toThrow('gave up after 4 attempts');
    await expect(gaveUp).rejects.toMatchObject({
      name: 'GaveUpError',
      code: 'TIMEOUT',
      family: 'vendor',
      retryable: false,
      cause: last,
      context: { source: 's' },
    });
    expect(calls).toBe(4);
  });

  it('does not retry transport errors when the policy says not to', async () => {
    let calls = 0;
    await expect(
      withRetry(
        { ...policy, retryNetworkErrors: false },
        async () => {
          calls++;
          throw new VendorError('NETWORK', 'reset', { retryable: true });
        },
        noSleep,
      ),
    ).rejects.toThrow('reset');
    expect(calls).toBe(1);
  });

  it('waits what the server asked (Retry-After) rather than the backoff', async () => {
    const waits: number[] = [];
    let calls = 0;
    await withRetry(
      policy,
      async () => {
        if (calls++ === 0)
          throw Object.assign(new VendorError('VENDOR_HTTP', '429', { retryable: true }), {
            retryAfterMs: 750,
          });
        return 1;
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([750]);
  });
});
