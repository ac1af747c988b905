import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../functions/engine/partitions/row-digest.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';

describe('canonical row text (the digest input)', () => {
  it('is the JSON text of the values in column order, missing ones as null', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), (values) => {
        const columns = values.map((_, i) => `c${i}`);
        const row = Object.fromEntries(columns.map((c, i) => [c, values[i]])) as Row;
        const expected = `[${values.map((v) => (v === undefined ? 'null' : JSON.stringify(v))).join(',')}]`;
        expect(canonical(row, columns)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
