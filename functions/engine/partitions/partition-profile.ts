import { metricColumns, type Row, type TableSchema } from '../schema/table-schema.js';
import { ExactSum } from './exact-sum.js';
import { KeyHashes, sortedIndexOf } from './key-set.js';
import { canonical, hash64 } from './row-digest.js';
import type { ScratchFile } from './scratch-file.js';

/** What a commit records about its rows besides count and digest (restatements compare these). */
export interface PartitionSummary {
  /** Per metric column (the schema's `metric: true`): the sum over the rows; nulls count as nothing. */
  metrics: Record<string, number>;
  /** Order-independent digest of the set of unique keys (two 32-bit lanes, like the row digest). */
  keyDigest: string;
  /**
   * Distinct 53-bit key hashes: the rows (a repeated key fails the commit), less one for each
   * hash two different keys share (~5e-5 at a million rows).
   */
  keys: number;
}

/** How the rows of two commits of one partition differ key by key. */
export interface KeyChanges {
  added: number;
  removed: number;
  /** Keys in both commits whose other columns differ. */
  changed: number;
}

/**
 * Per-key digests: the 53-bit hash of each row's unique key → a 32-bit hash of the rest of the
 * row, kept in a KeyHashes (12 bytes a row, spilled to the scratch file as it grows; the
 * duplicate-key check reads its repeats from the same instance). Serialised (12 bytes a key), it
 * is what the next commit of the partition compares with to count keys added, removed and
 * changed without reading the old partition. Real duplicates fail the commit (DuplicateKeys); two
 * different keys sharing a hash share one entry, whose row hash folds in both rows: they count as
 * one key (added, removed or changed together), never as none.
 */
export class KeyDigests {
  readonly hashes: KeyHashes;

  constructor(scratch: ScratchFile) {
    this.hashes = new KeyHashes(scratch);
  }

  /** Adds a key (an integer in [0, 2^53)) with its row hash. */
  add(key: number, value: number): void {
    this.hashes.add(key, value);
  }

  /** Distinct keys. */
  get size(): number {
    return this.hashes.size;
  }

  /**
   * `count` keys (float64, little-endian) followed by their row hashes (uint32), as chunks of
   * one bucket each: the file is written without holding it whole.
   */
  *chunks(): Generator<Uint8Array> {
    const header = new Uint8Array(HEADER.length + 4);
    header.set(HEADER, 0);
    new DataView(header.buffer).setUint32(HEADER.length, this.hashes.size, true);
    yield header;
    yield* this.hashes.keyChunks();
    yield* this.hashes.valueChunks();
  }

  /** The chunks in one array (tests, small partitions). */
  serialize(): Uint8Array {
    const chunks = [...this.chunks()];
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  /**
   * Compares a previous commit's serialised digests with these: keys only there were removed,
   * keys only here were added, keys in both with another row hash changed. Undefined when the
   * bytes are not a key-digest file (then the counts are unknown, never guessed). The previous
   * keys may come in any order (an earlier release wrote them in hash-table order): they are
   * grouped by bucket (4 bytes a key) and each bucket of these digests is read once.
   */
  compareWith(previous: Uint8Array): KeyChanges | undefined {
    if (previous.byteLength < HEADER.length + 4) return undefined;
    for (let i = 0; i < HEADER.length; i++) if (previous[i] !== HEADER[i]) return undefined;
    const view = new DataView(previous.buffer, previous.byteOffset, previous.byteLength);
    const count = view.getUint32(HEADER.length, true);
    if (previous.byteLength !== HEADER.length + 4 + count * 12) return undefined;
    const keysAt = HEADER.length + 4;
    const valuesAt = keysAt + count * 8;
    const keyAt = (i: number) => view.getFloat64(keysAt + i * 8, true);
    // A counting sort of the previous entries by bucket.
    const starts = new Uint32Array(KeyHashes.BUCKETS + 1);
    for (let i = 0; i < count; i++) starts[KeyHashes.bucketOf(keyAt(i)) + 1]!++;
    for (let b = 0; b < KeyHashes.BUCKETS; b++) starts[b + 1]! += starts[b]!;
    const order = new Uint32Array(count);
    const next = starts.slice(0, KeyHashes.BUCKETS);
    for (let i = 0; i < count; i++) order[next[KeyHashes.bucketOf(keyAt(i))]!++] = i;
    let removed = 0;
    let changed = 0;
    this.hashes.forEachBucket((keys, values, b) => {
      for (let j = starts[b]!; j < starts[b + 1]!; j++) {
        const i = order[j]!;
        const at = sortedIndexOf(keys, keyAt(i));
        if (at < 0) removed++;
        else if (values[at] !== view.getUint32(valuesAt + i * 4, true)) changed++;
      }
    });
    return { added: this.size - (count - removed), removed, changed };
  }

  /** Frees the scratch file the digests are kept in. */
  close(): void {
    this.hashes.close();
  }
}

const HEADER = new TextEncoder().encode('rf-keys1');

/**
 * Profiles a partition's rows as the commit writes them (the same pass, no second read): the
 * unique-key check, per-key digests, the key-set digest and the sums of the metric columns.
 */
export class PartitionProfile {
  readonly keyDigests: KeyDigests;
  private readonly metricNames: string[];
  private readonly sums: { add(value: number): void; value(): number }[];
  private readonly otherColumns: string[];
  private keyLow = 0;
  private keyHigh = 0;

  constructor(
    schema: TableSchema,
    private readonly uniqueKey: readonly string[],
    /** Where the per-key digests spill as they grow (the disk, deployed and locally). */
    scratch: ScratchFile,
    /** Replaceable so tests can force collisions (two 32-bit lanes of the key's text). */
    private readonly hash: (text: string) => [number, number] = hash64,
  ) {
    this.keyDigests = new KeyDigests(scratch);
    const metrics = metricColumns(schema);
    this.metricNames = metrics.map((c) => c.name);
    // Counts are integers: a plain sum is exact up to 2^53. Money is summed exactly and rounded once.
    this.sums = metrics.map((c) => (c.type === 'double' ? new ExactSum() : new IntegerSum()));
    const inKey = new Set(uniqueKey);
    this.otherColumns = schema.columns.map((c) => c.name).filter((name) => !inKey.has(name));
  }

  /**
   * Profiles one row: every row counts toward the sums and the key-set digest (the commit fails
   * on a real duplicate key, so a repeated key hash here is two different keys). Returns the
   * key's 53-bit hash, with the default hash equal to `hash53(canonical(row, uniqueKey))`: the
   * hash `keyDigests.hashes` holds, from which the commit's DuplicateKeys reads the repeats.
   */
  add(row: Row): number {
    const [low, high] = this.hash(canonical(row, this.uniqueKey));
    const key = (high & 0x1fffff) * 0x1_0000_0000 + low;
    this.keyDigests.add(key, valuesHash(row, this.otherColumns));
    this.keyLow = (this.keyLow + low) >>> 0;
    this.keyHigh = (this.keyHigh + high) >>> 0;
    for (let i = 0; i < this.sums.length; i++) {
      const value = row[this.metricNames[i]!];
      if (typeof value === 'number' && Number.isFinite(value)) this.sums[i]!.add(value);
    }
    return key;
  }

  summary(): PartitionSummary {
    const metrics: Record<string, number> = {};
    this.metricNames.forEach((name, i) => {
      metrics[name] = this.sums[i]!.value();
    });
    return {
      metrics,
      keyDigest: this.keyHigh.toString(16).padStart(8, '0') + this.keyLow.toString(16).padStart(8, '0'),
      keys: this.keyDigests.size,
    };
  }
}

const FLOAT = new Float64Array(1);
const FLOAT_WORDS = new Uint32Array(FLOAT.buffer);

/**
 * A 32-bit hash of a row's values in `columns`, without building text: it runs once per row of
 * every commit. murmur3's block mixing over 32-bit words (the rotations carry every input bit
 * into every output bit; an xor-multiply alone moves changes only upwards, so two changes could
 * cancel): numbers as their two words, strings as two UTF-16 units a word after their length,
 * null and booleans as tags; each value starts with a type tag, so "1" and 1 differ.
 */
function valuesHash(row: Row, columns: readonly string[]): number {
  let h = 0x9747b28c;
  for (let c = 0; c < columns.length; c++) {
    const value = row[columns[c]!];
    if (typeof value === 'number') {
      FLOAT[0] = value;
      h = mixWord(h, 1);
      h = mixWord(h, FLOAT_WORDS[0]!);
      h = mixWord(h, FLOAT_WORDS[1]!);
    } else if (typeof value === 'string') {
      h = mixWord(h, 2);
      h = mixWord(h, value.length);
      let i = 0;
      for (; i + 1 < value.length; i += 2)
        h = mixWord(h, value.charCodeAt(i) | (value.charCodeAt(i + 1) << 16));
      if (i < value.length) h = mixWord(h, value.charCodeAt(i));
    } else {
      h = mixWord(h, value === null || value === undefined ? 3 : value ? 4 : 5);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 block: the word is scrambled, then folded into the hash. */
function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

class IntegerSum {
  private total = 0;
  add(value: number): void {
    this.total += value;
  }
  value(): number {
    return this.total;
  }
}
