import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateKeys, KeyHashes } from '../../functions/engine/partitions/key-set.js';
import { PartitionProfile } from '../../functions/engine/partitions/partition-profile.js';
import { canonical, hash53 } from '../../functions/engine/partitions/row-digest.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';

async function* pages(rows: Row[], size = 7): AsyncIterable<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Adds the rows page by page, then asks for a duplicate with a re-read of the same pages. */
async function firstDuplicate(check: DuplicateKeys, rows: Row[]): Promise<string | undefined> {
  for await (const page of pages(rows)) for (const row of page) check.add(row);
  return check.find(() => pages(rows));
}

describe('KeyHashes', () => {
  it('reports exactly the hashes added more than once, through bucket growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()), { maxLength: 5000 }),
        (hashes) => {
          const counts = new Map<number, number>();
          const set = new KeyHashes();
          for (const hash of hashes) {
            set.add(hash);
            counts.set(hash, (counts.get(hash) ?? 0) + 1);
          }
          expect(set.size).toBe(hashes.length);
          const repeated = [...counts].filter(([, n]) => n > 1).map(([hash]) => hash);
          expect([...set.repeated()].sort((a, b) => a - b)).toEqual(repeated.sort((a, b) => a - b));
        },
      ),
      { numRuns: 60, seed: 53 },
    );
  });
});

describe('DuplicateKeys', () => {
  const rows = (ids: number[]): Row[] => ids.map((id, i) => ({ id, day: 'x', n: i }));

  it('finds a repeated key, and none where every key differs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), async (ids) => {
        const expected = ids.length !== new Set(ids).size;
        const found = await firstDuplicate(new DuplicateKeys(['id', 'day']), rows(ids));
        expect(found !== undefined).toBe(expected);
        if (found !== undefined) {
          const id = JSON.parse(found)[0] as number;
          expect(ids.filter((i) => i === id).length).toBeGreaterThan(1);
        }
      }),
      { numRuns: 100, seed: 14 },
    );
  });

  it('confirms equal hashes against the keys: a collision between different keys is not a duplicate', async () => {
    // Every key hashes alike: all rows are candidates, and only the keys themselves decide.
    const colliding = () => new DuplicateKeys(['id'], () => 42);
    expect(await firstDuplicate(colliding(), rows([1, 2, 3, 4, 5]))).toBeUndefined();
    expect(await firstDuplicate(colliding(), rows([1, 2, 3, 2, 5]))).toBe('[2]');
    // Half the keys share a hash with another key; one real duplicate among them is still found.
    const parity = () => new DuplicateKeys(['id'], (key) => Number(key.slice(1, -1)) % 2);
    expect(await firstDuplicate(parity(), rows([10, 11, 12, 13]))).toBeUndefined();
    expect(await firstDuplicate(parity(), rows([10, 11, 12, 13, 11]))).toBe('[11]');
  });

  it('reads the rows a second time only when two hashes are equal', async () => {
    const check = new DuplicateKeys(['id']);
    for (const row of rows([1, 2, 3])) check.add(row);
    let reread = false;
    expect(
      await check.find(() => {
        reread = true;
        return pages([]);
      }),
    ).toBeUndefined();
    expect(reread).toBe(false);
  });

  it("takes the profile's key hash as its own: a duplicate is found when the commit hashes each key once", async () => {
    const schema = tableSchema([col.bigint('id'), col.string('day'), col.bigint('n')]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), async (ids) => {
        const profile = new PartitionProfile(schema, ['id', 'day']);
        const check = new DuplicateKeys(['id', 'day']);
        const all = rows(ids);
        for (const row of all) {
          const hash = profile.add(row);
          expect(hash).toBe(hash53(canonical(row, ['id', 'day'])));
          check.addHash(hash);
        }
        const found = await check.find(() => pages(all));
        expect(found !== undefined).toBe(ids.length !== new Set(ids).size);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
