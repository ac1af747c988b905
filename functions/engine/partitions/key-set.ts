import type { Row } from '../schema/table-schema.js';
import { canonical, hash53 } from './row-digest.js';
import type { ScratchFile } from './scratch-file.js';

/** Hashes are spread over this many buckets by their low bits; each is sorted on its own. */
const BUCKETS = 256;
const FIRST_CAPACITY = 16;
/**
 * A bucket's buffer doubles up to this many entries (12 KB), then is spilled to the scratch file
 * whenever it fills and reused: memory holds at most 256 such buffers (3 MB), whatever the
 * partition's size, and growing them leaves no garbage behind.
 */
const SPILL_ENTRIES = 1024;

/**
 * What a partition's key state takes on its scratch file: each row's 12 bytes spilled as they
 * arrive, then each distinct key's 12 bytes written back sorted (the deployed committer's /tmp is
 * sized from this and `limits.maxRowsPerPartition`).
 */
export const SCRATCH_BYTES_PER_ROW = 24;

/** Where a run of a bucket's entries lies in the scratch file: keys (float64) then values (uint32). */
interface Extent {
  at: number;
  count: number;
}

/**
 * A partition's row keys as 53-bit hashes, each with a 32-bit value (the per-key digest of the
 * row's other columns; 0 where none is kept): 12 bytes a row, appended as rows stream past to
 * 256 bucket buffers that spill to a scratch file (`ScratchFile`: the disk, deployed and locally)
 * when full. Once the last row is in, `seal` sorts each bucket on its own,
 * folds a hash seen more than once into one entry (values added mod 2^32, so the fold does not
 * depend on row order), keeps which hashes repeated, and writes the sorted bucket back to the
 * scratch file; after it, `get`, `keyChunks` and `valueChunks` read one bucket at a time. What
 * memory holds does not grow with the partition (the repeated hashes aside: one per duplicate
 * candidate, a handful unless the rows repeat their keys).
 *
 * Before it, an open-addressing table kept at most half full (24–48 bytes a row, and the old
 * table alongside while it doubled) and the duplicate check's own 8 bytes a row held 150 MB and
 * more at 3 M rows (bench/results.md § memory). The commit's duplicate-key check and the per-key
 * digests share one instance, so each row's key is hashed and stored once.
 */
export class KeyHashes {
  // Buffers start empty and are allocated as rows arrive: a small partition costs a few arrays.
  private readonly keys: Float64Array[] = Array.from({ length: BUCKETS }, () => NO_KEYS);
  private readonly values: Uint32Array[] = Array.from({ length: BUCKETS }, () => NO_VALUES);
  /** Entries in each bucket's buffer. */
  private readonly sizes = new Uint32Array(BUCKETS);
  /** Each bucket's spilled runs (before `seal`), then its one sorted run (after). */
  private readonly extents: Extent[][] = Array.from({ length: BUCKETS }, () => []);
  private added = 0;
  private sealed?: { distinct: number; repeated: Set<number> };
  private closed = false;

  constructor(
    private readonly scratch: ScratchFile,
    /** Entries a bucket buffers before it spills (smaller in tests, to spill without millions of rows). */
    private readonly spillEntries = SPILL_ENTRIES,
  ) {}

  /** Adds a hash, an integer in [0, 2^53), with its value (a uint32). Not after `seal`. */
  add(hash: number, value = 0): void {
    if (this.sealed) throw new Error('KeyHashes: add after seal');
    const b = hash % BUCKETS;
    let size = this.sizes[b]!;
    if (size === this.keys[b]!.length) {
      if (size < this.spillEntries) this.grow(b);
      else {
        this.spill(b, this.keys[b]!, this.values[b]!, size);
        size = 0;
      }
    }
    this.keys[b]![size] = hash;
    this.values[b]![size] = value;
    this.sizes[b] = size + 1;
    this.added++;
  }

  /** Hashes added, a repeated one counted each time. */
  get rows(): number {
    return this.added;
  }

  /** Distinct hashes (seals). */
  get size(): number {
    return this.seal().distinct;
  }

  /** Every hash added more than once (seals). */
  repeated(): Set<number> {
    return this.seal().repeated;
  }

  /**
   * Calls `visit` with each bucket's distinct hashes, sorted, and their folded values, one bucket
   * at a time in bucket order (seals). The arrays are valid during the call only: every bucket is
   * read into the same two buffers.
   */
  forEachBucket(visit: (keys: Float64Array, values: Uint32Array, bucket: number) => void): void {
    this.seal();
    const largest = Math.max(0, ...this.extents.map((runs) => runs[0]?.count ?? 0));
    const keys = new Float64Array(largest);
    const values = new Uint32Array(largest);
    for (let b = 0; b < BUCKETS; b++) {
      const count = this.extents[b]![0]?.count ?? 0;
      visit(this.sealedKeys(b, keys.subarray(0, count)), this.sealedValues(b, values.subarray(0, count)), b);
    }
  }

  /** The bucket a hash belongs to. */
  static bucketOf(hash: number): number {
    return hash % BUCKETS;
  }

  static readonly BUCKETS = BUCKETS;

  /**
   * The distinct hashes (float64 in the platform's byte order: little-endian wherever Node runs),
   * sorted within each bucket, bucket by bucket (seals).
   */
  *keyChunks(): Generator<Uint8Array> {
    this.seal();
    // A new array each: a sink may keep the chunks it is given until it sends them.
    for (let b = 0; b < BUCKETS; b++) {
      const keys = this.sealedKeys(b, new Float64Array(this.extents[b]![0]?.count ?? 0));
      yield new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength);
    }
  }

  /** Their values (uint32), in the same order as `keyChunks`. */
  *valueChunks(): Generator<Uint8Array> {
    this.seal();
    for (let b = 0; b < BUCKETS; b++) {
      const values = this.sealedValues(b, new Uint32Array(this.extents[b]![0]?.count ?? 0));
      yield new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    }
  }

  /**
   * Sorts and folds each bucket, once: after it, nothing more can be added. One set of work
   * arrays, sized for the largest bucket, serves every bucket: sealing a 3 M-row partition
   * otherwise leaves 80 MB of short-lived arrays behind, which V8 frees only lazily.
   */
  seal(): { distinct: number; repeated: Set<number> } {
    if (this.sealed) return this.sealed;
    if (this.closed) throw new Error('KeyHashes: closed');
    const repeated = new Set<number>();
    let distinct = 0;
    const largest = Math.max(0, ...this.sizes.map((size, b) => this.entriesIn(b, size)));
    const keys = new Float64Array(largest);
    const values = new Uint32Array(largest);
    const order = new Uint32Array(largest);
    const sortedKeys = new Float64Array(largest);
    const sortedValues = new Uint32Array(largest);
    for (let b = 0; b < BUCKETS; b++) {
      const size = this.gather(b, keys, values);
      if (size === 0) continue;
      const byKey = order.subarray(0, size);
      for (let i = 0; i < size; i++) byKey[i] = i;
      byKey.sort((x, y) => keys[x]! - keys[y]!);
      let n = 0;
      for (let i = 0; i < size; i++) {
        const key = keys[byKey[i]!]!;
        const value = values[byKey[i]!]!;
        if (n > 0 && sortedKeys[n - 1] === key) {
          sortedValues[n - 1] = (sortedValues[n - 1]! + value) >>> 0;
          repeated.add(key);
        } else {
          sortedKeys[n] = key;
          sortedValues[n++] = value;
        }
      }
      // The sorted run replaces the bucket's spilled ones; its buffer is given back.
      this.extents[b] = [];
      this.keys[b] = NO_KEYS;
      this.values[b] = NO_VALUES;
      this.sizes[b] = 0;
      this.spill(b, sortedKeys, sortedValues, n);
      distinct += n;
    }
    this.sealed = { distinct, repeated };
    return this.sealed;
  }

  /** Frees the scratch file. Idempotent; nothing can be read after it. */
  close(): void {
    this.closed = true;
    this.scratch.close();
  }

  private grow(b: number): void {
    const capacity = Math.min(this.spillEntries, Math.max(FIRST_CAPACITY, this.keys[b]!.length * 2));
    const keys = new Float64Array(capacity);
    keys.set(this.keys[b]!);
    const values = new Uint32Array(capacity);
    values.set(this.values[b]!);
    this.keys[b] = keys;
    this.values[b] = values;
  }

  private spill(b: number, keys: Float64Array, values: Uint32Array, count: number): void {
    if (count === 0) return;
    const at = this.scratch.append(new Uint8Array(keys.buffer, keys.byteOffset, count * 8));
    this.scratch.append(new Uint8Array(values.buffer, values.byteOffset, count * 4));
    this.extents[b]!.push({ at, count });
  }

  /** Entries of a bucket before sealing: spilled and buffered. */
  private entriesIn(b: number, buffered: number): number {
    return this.extents[b]!.reduce((n, e) => n + e.count, buffered);
  }

  /** Copies a bucket's entries, spilled and buffered, to the start of `keys` and `values`; returns how many. */
  private gather(b: number, keys: Float64Array, values: Uint32Array): number {
    let n = 0;
    for (const extent of this.extents[b]!) {
      this.scratch.read(extent.at, new Uint8Array(keys.buffer, n * 8, extent.count * 8));
      this.scratch.read(extent.at + extent.count * 8, new Uint8Array(values.buffer, n * 4, extent.count * 4));
      n += extent.count;
    }
    const size = this.sizes[b]!;
    keys.set(this.keys[b]!.subarray(0, size), n);
    values.set(this.values[b]!.subarray(0, size), n);
    return n + size;
  }

  /** A sealed bucket's hashes, read back from the scratch file into `into` (its exact size). */
  private sealedKeys(b: number, into: Float64Array): Float64Array {
    const extent = this.sealedExtent(b);
    if (extent) this.scratch.read(extent.at, new Uint8Array(into.buffer, into.byteOffset, into.byteLength));
    return into;
  }

  /** A sealed bucket's values, read back from the scratch file into `into` (its exact size). */
  private sealedValues(b: number, into: Uint32Array): Uint32Array {
    const extent = this.sealedExtent(b);
    if (extent)
      this.scratch.read(
        extent.at + extent.count * 8,
        new Uint8Array(into.buffer, into.byteOffset, into.byteLength),
      );
    return into;
  }

  private sealedExtent(b: number): Extent | undefined {
    if (this.closed) throw new Error('KeyHashes: closed');
    return this.extents[b]![0];
  }
}

const NO_KEYS = new Float64Array(0);
const NO_VALUES = new Uint32Array(0);

/** The index of `key` in ascending `keys`, or -1. */
export function sortedIndexOf(keys: Float64Array, key: number): number {
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = keys[mid]!;
    if (at === key) return mid;
    if (at < key) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * Exact duplicate detection over a partition's unique key in bounded memory: every row's key is
 * hashed as it streams past (into a KeyHashes, shared with the per-key digests when the commit
 * profiles the rows); equal hashes are only candidates, confirmed by reading the rows again and
 * comparing the keys themselves, so a hash collision between two different keys never fails a
 * partition and a real duplicate is always caught. The second read happens only when two hashes
 * are equal (a real duplicate, or at 3 M rows a ~5e-4 chance).
 */
export class DuplicateKeys {
  constructor(
    private readonly columns: readonly string[],
    /**
     * Where the keys' hashes are added. The commit passes its PartitionProfile's (which adds
     * `hash53(canonical(row, columns))` for every row it profiles) and never calls `add`.
     */
    private readonly hashes: KeyHashes,
    /** Replaceable so tests can force collisions; must be the hash the rows were added with. */
    private readonly hash: (key: string) => number = hash53,
  ) {}

  add(row: Row): void {
    this.hashes.add(this.hash(canonical(row, this.columns)));
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
