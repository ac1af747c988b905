import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, hash64, RowDigest } from '../../functions/engine/partitions/row-digest.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';

/** Rows of any values a row can hold, with columns c0, c1, … */
const rows = (...values: fc.Arbitrary<unknown>[]) =>
  fc
    .array(fc.oneof(...values, fc.boolean(), fc.constant(null), fc.constant(undefined)), { maxLength: 12 })
    .map((list) => {
      const columns = list.map((_, i) => `c${i}`);
      return { list, columns, row: Object.fromEntries(columns.map((c, i) => [c, list[i]])) as Row };
    });

describe('canonical row text (the digest input)', () => {
  it('is the JSON text of the values in column order, missing ones as null', () => {
    fc.assert(
      fc.property(rows(fc.string(), fc.double(), fc.integer()), ({ list, columns, row }) => {
        const expected = `[${list.map((v) => (v === undefined ? 'null' : JSON.stringify(v))).join(',')}]`;
        expect(canonical(row, columns)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('RowDigest (each row hashed as its canonical text, without building it)', () => {
  it('equals hash64 of the canonical text for any values: escapes, lone surrogates, big and negative integers, -0', () => {
    const values = rows(
      fc.string({ unit: 'binary' }),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.constantFrom(-0, 2 ** 53, -(2 ** 53), 1e21, -Number.MAX_SAFE_INTEGER, '"', '\\', '\n', '\uD800'),
    );
    fc.assert(
      fc.property(values, ({ columns, row }) => {
        const digest = new RowDigest(columns);
        digest.add(row);
        const [low, high] = hash64(canonical(row, columns));
        expect(digest.hex()).toBe(high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0'));
      }),
      { numRuns: 5_000 },
    );
  });
});
