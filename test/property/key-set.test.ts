import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateKeys, KeyHashes } from '../../functions/engine/partitions/key-set.js';
import { PartitionProfile } from '../../functions/engine/partitions/partition-profile.js';
import { canonical, hash53 } from '../../functions/engine/partitions/row-digest.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { MemoryScratch } from '../support/memory-stores.js';

async function* pages(rows: Row[], size = 7): AsyncIterable<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Adds the rows page by page, then asks for a duplicate with a re-read of the same pages. */
async function firstDuplicate(check: DuplicateKeys, rows: Row[]): Promise<string | undefined> {
  for await (const page of pages(rows)) for (const row of page) check.add(row);
  return check.find(() => pages(rows));
}

describe('KeyHashes', () => {
  it('reports exactly the hashes added more than once and folds their values, through bucket growth and spills', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeNat()),
            fc.integer({ min: 0, max: 0xffffffff }),
          ),
          { maxLength: 5000 },
        ),
        fc.constantFrom(1, 3, 1024),
        (entries, spillEntries) => {
          // The model: a Map from hash to its values added mod 2^32, and how often each came.
          const model = new Map<number, { value: number; times: number }>();
          const scratch = new CountingScratch();
          const set = new KeyHashes(scratch, spillEntries);
          for (const [hash, value] of entries) {
            set.add(hash, value);
            const seen = model.get(hash) ?? { value: 0, times: 0 };
            model.set(hash, { value: (seen.value + value) >>> 0, times: seen.times + 1 });
          }
          expect(set.rows).toBe(entries.length);
          // Small buffers spill as rows arrive: what stays in memory is bounded by them.
          if (spillEntries < 1024 && entries.length > 256 * spillEntries)
            expect(scratch.appended).toBeGreaterThan(0);
          expect(set.size).toBe(model.size);
          const repeated = [...model].filter(([, m]) => m.times > 1).map(([hash]) => hash);
          expect([...set.repeated()].sort((a, b) => a - b)).toEqual(repeated.sort((a, b) => a - b));
          // Each bucket: its distinct hashes in ascending order, each with its folded value.
          const visited: number[] = [];
          set.forEachBucket((keys, values, bucket) => {
            keys.forEach((hash, i) => {
              expect(KeyHashes.bucketOf(hash)).toBe(bucket);
              if (i > 0) expect(hash).toBeGreaterThan(keys[i - 1]!);
              expect(values[i]).toBe(model.get(hash)?.value);
              visited.push(hash);
            });
          });
          expect(visited.length).toBe(model.size);
          // The chunks hold each distinct hash once, with its folded value at the same place.
          const keys = new Float64Array(concat([...set.keyChunks()]).buffer);
          const values = new Uint32Array(concat([...set.valueChunks()]).buffer);
          expect([...keys]).toEqual(visited);
          keys.forEach((hash, i) => {
            expect(values[i]).toBe(model.get(hash)?.value);
          });
          expect(() => set.add(1)).toThrow(/after seal/);
          set.close();
          expect(scratch.closed).toBe(true);
        },
      ),
      { numRuns: 60, seed: 53 },
    );
  });
});

/** A memory scratch file that counts what it was given. */
class CountingScratch extends MemoryScratch {
  appended = 0;
  closed = false;
  override append(bytes: Uint8Array): number {
    this.appended += bytes.byteLength;
    return super.append(bytes);
  }
  override close(): void {
    this.closed = true;
    super.close();
  }
}

/** The chunks in one array with a buffer of its own (a Buffer may sit in a shared pool). */
const concat = (chunks: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));

describe('DuplicateKeys', () => {
  const rows = (ids: number[]): Row[] => ids.map((id, i) => ({ id, day: 'x', n: i }));

  it('finds a repeated key, and none where every key differs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), async (ids) => {
        const expected = ids.length !== new Set(ids).size;
        const found = await firstDuplicate(
          new DuplicateKeys(['id', 'day'], new KeyHashes(new MemoryScratch())),
          rows(ids),
        );
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
    const colliding = () => new DuplicateKeys(['id'], new KeyHashes(new MemoryScratch()), () => 42);
    expect(await firstDuplicate(colliding(), rows([1, 2, 3, 4, 5]))).toBeUndefined();
    expect(await firstDuplicate(colliding(), rows([1, 2, 3, 2, 5]))).toBe('[2]');
    // Half the keys share a hash with another key; one real duplicate among them is still found.
    const parity = () =>
      new DuplicateKeys(['id'], new KeyHashes(new MemoryScratch()), (key) => Number(key.slice(1, -1)) % 2);
    expect(await firstDuplicate(parity(), rows([10, 11, 12, 13]))).toBeUndefined();
    expect(await firstDuplicate(parity(), rows([10, 11, 12, 13, 11]))).toBe('[11]');
  });

  it('reads the rows a second time only when two hashes are equal', async () => {
    const check = new DuplicateKeys(['id'], new KeyHashes(new MemoryScratch()));
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

  it("reads the profile's key hashes: a duplicate is found when the commit hashes and stores each key once", async () => {
    const schema = tableSchema([col.bigint('id'), col.string('day'), col.bigint('n')]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }), async (ids) => {
        const profile = new PartitionProfile(schema, ['id', 'day'], new MemoryScratch());
        const check = new DuplicateKeys(['id', 'day'], profile.keyDigests.hashes);
        const all = rows(ids);
        for (const row of all) expect(profile.add(row)).toBe(hash53(canonical(row, ['id', 'day'])));
        const found = await check.find(() => pages(all));
        expect(found !== undefined).toBe(ids.length !== new Set(ids).size);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
