import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeySet } from '../../functions/engine/partitions/key-set.js';

describe('KeySet', () => {
  it('behaves like a Set of 53-bit integers, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()), { maxLength: 5000 }),
        (keys) => {
          const reference = new Set<number>();
          const set = new KeySet();
          for (const key of keys)
            expect(set.add(key)).toBe(!reference.has(key) && reference.add(key) !== undefined);
          expect(set.size).toBe(reference.size);
        },
      ),
      { numRuns: 60, seed: 53 },
    );
  });
});
