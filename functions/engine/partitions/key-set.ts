import type { Row } from '../schema/table-schema.js';
import { canonical, hash53 } from './row-digest.js';

/** Hashes are spread over this many buckets by their low bits; each is sorted on its own. */
const BUCKETS = 256;
const FIRST_CAPACITY = 64;

/**
 * The 53-bit hashes of a partition's row keys, 8 bytes a row in typed arrays (no JS string or
 * Set entry per row, and no table to rehash as it grows): 24 MB for 3 M rows where a half-full
 * open-addressing table needed 64 MB, plus the old table while it doubled. Repeats are found at
 * the end by sorting each bucket in place.
 */
export class KeyHashes {
  private readonly buckets: Float64Array[] = Array.from(
    { length: BUCKETS },
    () => new Float64Array(FIRST_CAPACITY),
  );
  private readonly sizes = new Uint32Array(BUCKETS);
  private count = 0;

  /** Adds a hash, an integer in [0, 2^53). */
  add(hash: number): void {
    const b = hash % BUCKETS;
    let bucket = this.buckets[b]!;
    const size = this.sizes[b]!;
    if (size === bucket.length) {
      // Growing one bucket by half copies 1/256 of the set, never the whole of it.
      const grown = new Float64Array(Math.ceil(bucket.length * 1.5));
      grown.set(bucket);
      this.buckets[b] = bucket = grown;
    }
    bucket[size] = hash;
    this.sizes[b] = size + 1;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Every hash added more than once. Sorts the buckets in place: call once, after the last add. */
  repeated(): Set<number> {
    const out = new Set<number>();
    for (let b = 0; b < BUCKETS; b++) {
      const sorted = this.buckets[b]!.subarray(0, this.sizes[b]!).sort();
      for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) out.add(sorted[i]!);
    }
    return out;
  }
}

/**
 * Exact duplicate detection over a partition's unique key in bounded memory: every row's key is
 * hashed as it streams past (8 bytes a row); equal hashes are only candidates, confirmed by
 * reading the rows again and comparing the keys themselves, so a hash collision between two
 * different keys never fails a partition and a real duplicate is always caught. The second
 * read happens only when two hashes are equal (a real duplicate, or at 3 M rows a ~5e-4 chance).
 */
export class DuplicateKeys {
  private readonly hashes = new KeyHashes();

  constructor(
    private readonly columns: readonly string[],
    /** Replaceable so tests can force collisions. */
    private readonly hash: (key: string) => number = hash53,
  ) {}

  add(row: Row): void {
    this.addHash(this.hash(canonical(row, this.columns)));
  }

  /**
   * Adds a row by its key's hash, already computed: it must be `hash(canonical(row, columns))`
   * with this instance's hash (by default hash53, what `PartitionProfile.add` returns), since
   * `find` recomputes it on the re-read to pick the candidates. The commit hashes each key once.
   */
  addHash(hash: number): void {
    this.hashes.add(hash);
  }

  /** The first key two rows share, or undefined; `reread` yields the same rows again. */
  async find(reread: () => AsyncIterable<readonly Row[]>): Promise<string | undefined> {
    const candidates = this.hashes.repeated();
    if (candidates.size === 0) return undefined;
    const seen = new Set<string>();
    for await (const rows of reread()) {
      for (const row of rows) {
        const key = canonical(row, this.columns);
        if (!candidates.has(this.hash(key))) continue;
        if (seen.has(key)) return key;
        seen.add(key);
      }
    }
    return undefined;
  }
}
