import { describe, expect, it } from 'vitest';
import { FaultPlan } from './base/fault-plan.js';
import { hashSeed, Prng } from './base/prng.js';
import { RateLimiter } from './base/rate-limiter.js';
import { redactedQuery } from './base/request-log.js';
import type { Fault } from './types.js';

const serverError: Fault = { kind: 'status', status: 500 };

describe('simulator machinery', () => {
  it('fires a scripted fault once, counting only requests whose target contains the path', () => {
    const plan = new FaultPlan({ scripted: [{ nth: 2, path: 'page=3', fault: serverError }] });
    const targets = ['/r?page=3', '/r?page=1', '/r?page=3', '/r?page=3'];
    expect(targets.map((target) => plan.next(target))).toEqual([
      undefined,
      undefined,
      serverError,
      undefined,
    ]);
  });

  it('draws random faults deterministically from the seed', () => {
    const draw = (seed: number) => {
      const plan = new FaultPlan({ seed, rate: 0.3, kinds: [serverError, { kind: 'truncate' }] });
      return Array.from({ length: 200 }, () => plan.next('/x')?.kind ?? '-').join(',');
    };
    expect(draw(5)).toBe(draw(5));
    expect(draw(5)).not.toBe(draw(6));
    const hits = draw(5)
      .split(',')
      .filter((kind) => kind !== '-').length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });

  it('limits requests per fixed window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 });
    expect([0, 10, 20].map((now) => limiter.consume(now).allowed)).toEqual([true, true, false]);
    expect(limiter.consume(1_000)).toMatchObject({ allowed: true, remaining: 1, resetAtMs: 2_000 });
  });

  it('redacts secret query parameters and derives stable seeds', () => {
    const query = redactedQuery(new URLSearchParams('access_token=t&api_key=k&page=2'));
    expect(query).toEqual({ access_token: '[redacted]', api_key: '[redacted]', page: '2' });
    expect(hashSeed('a', 'bc')).not.toBe(hashSeed('ab', 'c'));
    expect(Prng.for(1, 'x').hex(16)).toBe(Prng.for(1, 'x').hex(16));
  });
});
