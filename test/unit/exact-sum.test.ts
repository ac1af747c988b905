import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../functions/engine/partitions/exact-sum.js';
import { exactSum as exactReference } from '../support/restatement-truth.js';

describe('ExactSum', () => {
  it('equals the exact sum rounded once, in any order', () => {
    const money = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((cents) => cents / 100);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(money, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })),
          { maxLength: 60 },
        ),
        (values) => {
          const forward = new ExactSum();
          for (const v of values) forward.add(v);
          const backward = new ExactSum();
          for (const v of [...values].reverse()) backward.add(v);
          expect(forward.value()).toBe(exactReference(values));
          expect(backward.value()).toBe(forward.value());
        },
      ),
      { seed: 15, numRuns: 500 },
    );
  });

  it('does not drift where a running sum does', () => {
    const values = [0.1, 0.2, 0.3, 1e16, -1e16];
    const sum = new ExactSum();
    for (const v of values) sum.add(v);
    expect(sum.value()).toBe(exactReference(values));
    expect(sum.value()).not.toBe(values.reduce((a, b) => a + b, 0));
  });
});
