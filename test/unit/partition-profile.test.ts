import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartitionProfile } from '../../functions/engine/partitions/partition-profile.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { MemoryScratch } from '../support/memory-stores.js';

const schema = tableSchema([
  col.bigint('id'),
  col.string('name', { nullable: true }),
  col.bigint('conversions', { metric: true }),
  col.bigint('total_conversions', { metric: true }),
  col.double('cost', { metric: true, nullable: true }),
]);

const row = fc.record({
  id: fc.integer({ min: 0, max: 1e9 }),
  name: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  conversions: fc.integer({ min: 0, max: 1e6 }),
  total_conversions: fc.integer({ min: 0, max: 1e6 }),
  cost: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 }), { nil: null }),
});

function profile(rows: readonly Row[]): PartitionProfile {
  const p = new PartitionProfile(schema, ['id'], new MemoryScratch());
  for (const r of rows) p.add(r);
  return p;
}

describe('PartitionProfile', () => {
  it('counts a row whose other columns changed, however they changed (late conversions in two columns)', () => {
    fc.assert(
      fc.property(
        row,
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('both', 'name', 'cost'),
        (r, delta, how) => {
          const changed: Row =
            how === 'both'
              ? { ...r, conversions: r.conversions + delta, total_conversions: r.total_conversions + delta }
              : how === 'name'
                ? { ...r, name: `${r.name ?? ''}x` }
                : { ...r, cost: (r.cost ?? 0) + delta };
          const before = profile([r]).keyDigests.serialize();
          expect(profile([changed]).keyDigests.compareWith(before)).toEqual({
            added: 0,
            removed: 0,
            changed: 1,
          });
          expect(profile([r]).keyDigests.compareWith(before)).toEqual({ added: 0, removed: 0, changed: 0 });
        },
      ),
      { seed: 15, numRuns: 2000 },
    );
  });

  it('counts keys added and removed and sums metrics, nulls as nothing', () => {
    const a = profile([
      { id: 1, name: 'a', conversions: 1, total_conversions: 2, cost: 0.1 },
      { id: 2, name: 'b', conversions: 3, total_conversions: 4, cost: null },
    ]);
    const b = profile([
      { id: 2, name: 'b', conversions: 3, total_conversions: 4, cost: null },
      { id: 3, name: 'c', conversions: 5, total_conversions: 6, cost: 0.2 },
      { id: 4, name: 'd', conversions: 0, total_conversions: 0, cost: 0.1 },
    ]);
    expect(b.keyDigests.compareWith(a.keyDigests.serialize())).toEqual({ added: 2, removed: 1, changed: 0 });
    expect(a.summary().metrics).toEqual({ conversions: 4, total_conversions: 6, cost: 0.1 });
    expect(b.summary().metrics).toEqual({ conversions: 8, total_conversions: 10, cost: 0.30000000000000004 });
    expect(b.keyDigests.compareWith(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('KeyDigests files', () => {
  /** The same file with its entries in another order, as an earlier release wrote them (hash-table order). */
  function reordered(file: Uint8Array, order: readonly number[]): Uint8Array {
    const at = file.byteLength - order.length * 12;
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const out = file.slice();
    const outView = new DataView(out.buffer);
    order.forEach((from, to) => {
      outView.setFloat64(at + to * 8, view.getFloat64(at + from * 8, true), true);
      outView.setUint32(
        at + order.length * 8 + to * 4,
        view.getUint32(at + order.length * 8 + from * 4, true),
        true,
      );
    });
    return out;
  }

  it('compares with a previous file whatever order its keys come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.id, minLength: 1, maxLength: 60 }),
        fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 60 }),
        fc.integer(),
        (before, after, seed) => {
          const file = profile(before).keyDigests.serialize();
          expect(file.byteLength).toBe(8 + 4 + before.length * 12);
          const order = before
            .map((_, i) => i)
            .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
          const now = profile(after).keyDigests;
          expect(now.compareWith(reordered(file, order))).toEqual(now.compareWith(file));
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('PartitionProfile when two different keys share a hash', () => {
  // Every key hashes alike: each row after the first collides (DuplicateKeys has told the commit
  // they are different keys, so the partition is written with all of them).
  const colliding = (rows: readonly Row[]) => {
    const p = new PartitionProfile(schema, ['id'], new MemoryScratch(), () => [7, 0]);
    for (const r of rows) p.add(r);
    return p;
  };
  const rows: Row[] = [
    { id: 1, name: 'a', conversions: 1, total_conversions: 2, cost: 0.5 },
    { id: 2, name: 'b', conversions: 3, total_conversions: 4, cost: 0.25 },
  ];

  it('still sums every row and counts the shared hash once', () => {
    const p = colliding(rows);
    expect(p.summary().metrics).toEqual({ conversions: 4, total_conversions: 6, cost: 0.75 });
    expect(p.summary().keys).toBe(1);
    // The key-set digest counts both keys: it differs from the first row's alone.
    expect(p.summary().keyDigest).not.toBe(colliding(rows.slice(0, 1)).summary().keyDigest);
  });

  it('sees a change in either row, in any order, as the shared key changed', () => {
    const before = colliding(rows).keyDigests.serialize();
    expect(colliding([...rows].reverse()).keyDigests.compareWith(before)).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
    });
    const second = [rows[0]!, { ...rows[1]!, conversions: 9 }];
    expect(colliding(second).keyDigests.compareWith(before)).toEqual({ added: 0, removed: 0, changed: 1 });
  });
});
