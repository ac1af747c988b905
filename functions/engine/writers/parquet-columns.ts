import { gzipSync } from 'node:zlib';
import type { SchemaElement } from 'hyparquet';
import type { ColumnChunk } from 'hyparquet/src/types.js';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import type { Column, Row } from '../schema/table-schema.js';

/**
 * Column buffers for one row group, filled straight from rows into typed arrays and encoded as
 * one column chunk each. Written for this project's six column types only (flat, no nesting),
 * which is what makes it fast: no per-value BigInt, no generic statistics or dictionary code.
 * hyparquet-writer still provides the framing (page headers, footer thrift).
 *
 * Layout of a chunk, as DuckDB and parquet-mr write it: an optional dictionary page (PLAIN),
 * then DATA_PAGE (v1) pages of RLE_DICTIONARY indexes or PLAIN values, each page's definition
 * levels first (RLE, 4-byte length) when the column is nullable; GZIP per page, or UNCOMPRESSED
 * for a column whose chunks GZIP barely shrinks (CodecChoice).
 */

const PAGE_BYTES = 1 << 20;
const DAY_MS = 86_400_000;
const utf8 = new TextEncoder();

export interface EncodedChunk {
  chunk: ColumnChunk;
  uncompressedBytes: number;
}

export interface ColumnBuffer {
  readonly column: Column;
  readonly element: SchemaElement;
  /** Definition level per buffered row (1 value, 0 null), written by the row extractor. */
  readonly levels: Uint8Array;
  /** Where the row extractor puts this column's raw values (see rowExtractor). */
  readonly slots: Float64Array | Uint8Array | (string | null)[];
  /**
   * Takes in rows [from, to) the extractor has just written, `nulls` of them null (the extractor
   * counts them): conversion, dictionary.
   */
  ingest(from: number, to: number, nulls: number): void;
  /** Whether this column's chunks are worth compressing (writeChunk asks and tells it). */
  readonly codec: CodecChoice;
  /** Writes the first `rows` buffered rows as one column chunk and empties the buffer. */
  encode(out: ByteWriter, rows: number): EncodedChunk;
}

export function createColumnBuffer(column: Column, element: SchemaElement, capacity: number): ColumnBuffer {
  switch (column.type) {
    case 'string':
      return new StringBuffer(column, element, capacity);
    case 'boolean':
      return new BooleanBuffer(column, element, capacity);
    default:
      return new NumberBuffer(column, element, capacity);
  }
}

/**
 * Compiles the loop that copies rows into the column buffers' slots, one named property load
 * per column. Generated per schema because the row objects share one hidden class: each load
 * in this loop sees one shape (fast), where a shared `row[name]` loop would see 42 names and
 * fall back to V8's slow generic lookup. Column names are lower_snake identifiers
 * (tableSchema checks), emitted as JSON string literals. The loop also counts each column's
 * nulls into `nulls[k]` (added to what is there), so no later pass reads the levels to count them.
 */
export function rowExtractor(
  buffers: readonly ColumnBuffer[],
): (rows: readonly Row[], from: number, count: number, at: number, nulls: Int32Array) => void {
  const lines: string[] = [];
  buffers.forEach((buffer, k) => {
    const key = JSON.stringify(buffer.column.name);
    const slot = buffer.slots;
    const [absent, present] =
      slot instanceof Uint8Array
        ? ['0', 'v === true ? 1 : 0']
        : slot instanceof Float64Array
          ? ['0', 'v']
          : ['null', 'v'];
    lines.push(
      `v = r[${key}];`,
      `if (v === null || v === undefined) { L${k}[j] = 0; V${k}[j] = ${absent}; N${k}++; }`,
      `else { L${k}[j] = 1; V${k}[j] = ${present}; }`,
    );
  });
  const hoist = buffers.map((_, k) => `const L${k} = L[${k}], V${k} = V[${k}];`).join('\n');
  const counters = buffers.map((_, k) => `N${k} = 0`).join(', ');
  const totals = buffers.map((_, k) => `nulls[${k}] += N${k};`).join(' ');
  const body = `${hoist}
return (rows, from, count, at, nulls) => {
  let v, ${counters};
  for (let i = 0; i < count; i++) {
    const r = rows[from + i];
    const j = at + i;
    ${lines.join('\n    ')}
  }
  ${totals}
};`;
  const make = new Function('L', 'V', body) as (
    levels: Uint8Array[],
    slots: ColumnBuffer['slots'][],
  ) => (rows: readonly Row[], from: number, count: number, at: number, nulls: Int32Array) => void;
  return make(
    buffers.map((b) => b.levels),
    buffers.map((b) => b.slots),
  );
}

/**
 * Row groups a column writes PLAIN, without trying a dictionary, after its dictionary overflowed:
 * a column with that many distinct values (amounts, counts) overflows again in the next group,
 * and trying costs a hash lookup and insert per value until it does. It is tried again after
 * that many groups, in case the data changed.
 */
const PLAIN_GROUPS_AFTER_OVERFLOW = 8;

/** Integers below this get a direct slot in a NumberDictionary (16 KB a numeric column). */
const SMALL_INTEGERS = 4096;

/** Dictionary indexes stop being tracked past this many distinct values: PLAIN is then smaller. */
function dictionaryLimit(capacity: number): number {
  // ≤ 2^16 entries keeps index bit widths ≤ 16, which writeHybrid's 32-bit packing relies on.
  return Math.min(1 << 16, Math.max(64, capacity >>> 2));
}

/** The nulls the extractor counted; a null in a required column is a bug upstream. */
function checkNulls(buffer: ColumnBuffer, nulls: number): number {
  if (nulls > 0 && !buffer.column.nullable)
    throw new TypeError(`column ${buffer.column.name} is not nullable but a row has no value`);
  return nulls;
}

/**
 * bigint (INT64), double (DOUBLE), date (INT32 DATE) and timestamp (INT64 micros) as JS numbers:
 * INT64 values are safe integers (the normaliser refuses others), micros since 1970 stay below
 * 2^53 until the year 2255. Dates and timestamps arrive as text and are converted on ingest.
 */
class NumberBuffer implements ColumnBuffer {
  readonly levels: Uint8Array;
  readonly codec = new CodecChoice();
  readonly slots: Float64Array | (string | null)[];
  private readonly values: Float64Array;
  private nulls = 0;
  private dictionary: NumberDictionary | undefined;
  private plainGroupsLeft = 0;
  private readonly indexes: Int32Array;
  private readonly limit: number;
  private readonly physical: 'INT64' | 'INT32' | 'DOUBLE';
  private readonly convert: ((text: string) => number) | undefined;

  constructor(
    readonly column: Column,
    readonly element: SchemaElement,
    capacity: number,
  ) {
    this.levels = new Uint8Array(capacity);
    this.values = new Float64Array(capacity);
    this.indexes = new Int32Array(capacity);
    this.limit = dictionaryLimit(capacity);
    this.physical = element.type as 'INT64' | 'INT32' | 'DOUBLE';
    this.convert = converter(column.type);
    this.slots = this.convert ? new Array<string | null>(capacity).fill(null) : this.values;
    this.dictionary = new NumberDictionary(this.limit);
  }

  ingest(from: number, to: number, nulls: number): void {
    this.nulls += checkNulls(this, nulls);
    const values = this.values;
    const levels = this.levels;
    if (this.convert) {
      const texts = this.slots as (string | null)[];
      for (let i = from; i < to; i++) {
        if (levels[i] === 1) values[i] = this.convert(texts[i]!);
        texts[i] = null;
      }
    }
    const dictionary = this.dictionary;
    if (!dictionary) return;
    const indexes = this.indexes;
    // Reports repeat values row after row (the date, a campaign's fields): checking the
    // previous value first skips most lookups.
    let last = Number.NaN;
    let lastIndex = -1;
    for (let i = from; i < to; i++) {
      if (levels[i] === 0) continue;
      const value = values[i]!;
      // Object.is: -0 and 0 are distinct dictionary entries (their bits differ).
      if (value === last && (value !== 0 || Object.is(value, last))) {
        indexes[i] = lastIndex;
        continue;
      }
      const index = dictionary.indexOf(value);
      if (index < 0) {
        this.dictionary = undefined;
        this.plainGroupsLeft = PLAIN_GROUPS_AFTER_OVERFLOW;
        return;
      }
      indexes[i] = index;
      last = value;
      lastIndex = index;
    }
  }

  encode(out: ByteWriter, n: number): EncodedChunk {
    const width = this.physical === 'INT32' ? 4 : 8;
    const nulls = this.nulls;
    const levels = this.levels;
    const present = n - nulls;
    const dictionary = this.dictionary;
    const useDictionary =
      dictionary !== undefined &&
      dictionary.size * width + (present * bitWidthOf(dictionary.size)) / 8 < (present * width) / 2;
    const write = (page: ByteWriter, values: Float64Array) => writeNumbers(page, values, this.physical);
    const presence = this.column.nullable ? levels.subarray(0, n) : undefined;
    let result: EncodedChunk;
    let min: number;
    let max: number;
    if (useDictionary) {
      // The entries are exactly the distinct values of this row group: their range is the
      // chunk's, for a few hundred comparisons instead of one per row.
      const entries = dictionary.entries();
      [min, max] = rangeOf(entries, entries.length);
      result = writeChunk(out, this, n, nulls, presence, {
        dictionary: { count: dictionary.size, write: (page) => write(page, entries) },
        indexes: compactIndexes(this.indexes, levels, n, nulls),
      });
    } else {
      const nonNull = nulls === 0 ? this.values.subarray(0, n) : compactValues(this.values, levels, n, nulls);
      [min, max] = rangeOf(nonNull, present);
      result = writeChunk(out, this, n, nulls, presence, {
        plain: {
          count: present,
          bytesPerValue: width,
          write: (page, from, to) => write(page, nonNull.subarray(from, to)),
        },
      });
    }
    result.chunk.meta_data!.statistics = {
      null_count: BigInt(nulls),
      ...(present > 0 && !Number.isNaN(min)
        ? { min_value: min === 0 ? -0 : min, max_value: max === 0 ? 0 : max }
        : {}),
    };
    this.nulls = 0;
    if (this.plainGroupsLeft > 0) {
      this.plainGroupsLeft--;
      this.dictionary = undefined;
    } else {
      this.dictionary ??= new NumberDictionary(this.limit);
      this.dictionary.clear();
    }
    return result;
  }
}

/**
 * Distinct numbers → dictionary index, open addressing over typed arrays: a Map keyed by
 * doubles boxes every fractional key it is asked about, and this runs once per value. Starts
 * small and doubles, so a column with a handful of values costs a few KB, not its limit.
 */
class NumberDictionary {
  private keys = new Float64Array(64);
  /** index + 1 of the key in each slot; 0 = empty. */
  private slots = new Int32Array(64);
  private order = new Float64Array(32);
  private mask = 63;
  private readonly lanes = new Int32Array(2);
  private readonly lane = new Float64Array(this.lanes.buffer);
  /**
   * index + 1 of each small non-negative integer (+0 up to SMALL_INTEGERS - 1); 0 = absent.
   * Counts (clicks, conversions, impressions of a small placement) are mostly small: one array
   * read instead of a hash and a probe.
   */
  private readonly small = new Int32Array(SMALL_INTEGERS);
  size = 0;
  /** Entries in the hash slots: small integers live in `small`, so `size` may exceed the slots. */
  private hashed = 0;

  /** Holds up to `limit` distinct values; indexOf answers -1 past that. */
  constructor(private readonly limit: number) {}

  indexOf(value: number): number {
    // +0 only: -0 is a distinct entry (its bits differ) and takes the hashed path.
    if (isSmallInteger(value)) {
      const held = this.small[value]!;
      if (held !== 0) return held - 1;
      if (this.size >= this.limit) return -1;
      this.append(value);
      this.small[value] = this.size;
      return this.size - 1;
    }
    let slot = this.slotOf(value);
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) break;
      // Object.is-like on purpose: -0 and 0 are distinct values (their bits differ).
      if (this.keys[slot] === value && (value !== 0 || 1 / this.keys[slot]! === 1 / value)) return held - 1;
      slot = (slot + 1) & this.mask;
    }
    if (this.size >= this.limit) return -1;
    if ((this.hashed + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.slotOf(value);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    }
    this.hashed++;
    this.append(value);
    this.keys[slot] = value;
    this.slots[slot] = this.size;
    return this.size - 1;
  }

  /** Gives the value the next index (size - 1 afterwards). */
  private append(value: number): void {
    if (this.size === this.order.length) {
      const order = new Float64Array(this.order.length * 2);
      order.set(this.order);
      this.order = order;
    }
    this.order[this.size++] = value;
  }

  entries(): Float64Array {
    return this.order.subarray(0, this.size);
  }

  private slotOf(value: number): number {
    this.lane[0] = value;
    return (Math.imul(this.lanes[0]! ^ Math.imul(this.lanes[1]!, 0x9e3779b1), 0x85ebca6b) >>> 15) & this.mask;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < this.size; index++) {
      const value = this.order[index]!;
      // Only what the slots held: a table sized for the hashed entries never fills up.
      if (isSmallInteger(value)) continue;
      let slot = this.slotOf(value);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = value;
      this.slots[slot] = index + 1;
    }
  }

  clear(): void {
    this.slots.fill(0);
    this.small.fill(0);
    this.size = 0;
    this.hashed = 0;
  }
}

/** +0 up to SMALL_INTEGERS - 1: held in NumberDictionary's direct slots, never hashed (-0 is). */
function isSmallInteger(value: number): boolean {
  return value >= 0 && value < SMALL_INTEGERS && (value | 0) === value && (value !== 0 || 1 / value > 0);
}

/**
 * The RLE / bit-packing hybrid (definition levels and dictionary indexes), written straight into
 * the page's bytes: runs of 8 or more equal values as RLE runs, the rest as bit-packed groups
 * of 8. Returns the bytes written. Bit widths up to 16.
 */
export function writeHybrid(out: ByteWriter, values: ArrayLike<number>, bitWidth: number): number {
  const n = values.length;
  const byteWidth = (bitWidth + 7) >> 3;
  out.ensure(Math.ceil((n * bitWidth) / 8) + (Math.ceil(n / 8) + 1) * (6 + byteWidth));
  const bytes = new Uint8Array(out.buffer);
  const start = out.index;
  let at = start;
  let packedFrom = 0;
  let groups = 0;
  let i = 0;
  while (i < n) {
    const value = values[i]!;
    let run = 1;
    while (i + run < n && values[i + run] === value) run++;
    if (run >= 8) {
      if (groups > 0) at = writePacked(bytes, at, values, packedFrom, groups, bitWidth);
      groups = 0;
      at = writeRunAt(bytes, at, run, value, byteWidth);
      i += run;
    } else {
      if (groups === 0) packedFrom = i;
      groups++;
      i += 8;
    }
  }
  if (groups > 0) at = writePacked(bytes, at, values, packedFrom, groups, bitWidth);
  out.offset += at - start;
  out.index = at;
  return at - start;
}

/**
 * One RLE run of `count` copies of `value` (a hybrid of a single run: what the definition levels
 * of a chunk without nulls are). Returns the bytes written.
 */
export function writeRun(out: ByteWriter, count: number, value: number, bitWidth = 1): number {
  const byteWidth = (bitWidth + 7) >> 3;
  out.ensure(5 + byteWidth);
  const at = writeRunAt(new Uint8Array(out.buffer), out.index, count, value, byteWidth);
  const written = at - out.index;
  out.offset += written;
  out.index = at;
  return written;
}

function writeRunAt(bytes: Uint8Array, at: number, count: number, value: number, byteWidth: number): number {
  at = writeVarint(bytes, at, count << 1);
  for (let b = 0; b < byteWidth; b++) bytes[at++] = (value >>> (b * 8)) & 0xff;
  return at;
}

/**
 * `groups` bit-packed groups of 8 values from `from`, least significant bit first; values past
 * the end of `values` are padding zeros. Returns the new write position.
 */
function writePacked(
  bytes: Uint8Array,
  at: number,
  values: ArrayLike<number>,
  from: number,
  groups: number,
  bitWidth: number,
): number {
  at = writeVarint(bytes, at, (groups << 1) | 1);
  const end = Math.min(from + groups * 8, values.length);
  let buffer = 0;
  let bits = 0;
  for (let i = from; i < end; i++) {
    buffer |= values[i]! << bits;
    bits += bitWidth;
    while (bits >= 8) {
      bytes[at++] = buffer & 0xff;
      buffer >>>= 8;
      bits -= 8;
    }
  }
  // The padding: groups × 8 × bitWidth bits in all, a whole number of bytes.
  for (let pending = bits + (from + groups * 8 - end) * bitWidth; pending > 0; pending -= 8) {
    bytes[at++] = buffer & 0xff;
    buffer >>>= 8;
  }
  return at;
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value > 0x7f) {
    bytes[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

/** Bits per dictionary index (at least 1: some readers refuse a zero bit width). */
function bitWidthOf(entries: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(1, entries))));
}

/** The smallest and largest of the first n values (±Infinity when n is 0). */
function rangeOf(values: Float64Array, n: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** The non-null values among the first n rows. */
function compactValues(values: Float64Array, levels: Uint8Array, n: number, nulls: number): Float64Array {
  const out = new Float64Array(n - nulls);
  let j = 0;
  for (let k = 0; k < n; k++) if (levels[k] === 1) out[j++] = values[k]!;
  return out;
}

/** The dictionary indexes of the non-null values among the first n rows. */
function compactIndexes(indexes: Int32Array, levels: Uint8Array, n: number, nulls: number): Int32Array {
  if (nulls === 0) return indexes.subarray(0, n);
  const out = new Int32Array(n - nulls);
  let j = 0;
  for (let k = 0; k < n; k++) if (levels[k] === 1) out[j++] = indexes[k]!;
  return out;
}

/** Text → number for dates (days since 1970) and timestamps (micros); the last one is cached. */
function converter(type: Column['type']): ((text: string) => number) | undefined {
  if (type !== 'date' && type !== 'timestamp') return undefined;
  const parse =
    type === 'date'
      ? (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY_MS
      : (text: string) => Date.parse(text) * 1000;
  let lastText = '';
  let last = 0;
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      last = parse(text);
    }
    return last;
  };
}

function writeNumbers(page: ByteWriter, values: Float64Array, physical: 'INT64' | 'INT32' | 'DOUBLE'): void {
  // Little-endian typed arrays (Node's platforms all are) hold exactly Parquet's PLAIN bytes.
  let bytes: Uint8Array;
  if (physical === 'DOUBLE') {
    bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  } else if (physical === 'INT32') {
    bytes = new Uint8Array(Int32Array.from(values).buffer);
  } else {
    // Two's complement halves of each safe integer, without BigInt.
    const halves = new Int32Array(values.length * 2);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const high = Math.floor(v / 0x1_0000_0000);
      halves[2 * i] = v - high * 0x1_0000_0000;
      halves[2 * i + 1] = high;
    }
    bytes = new Uint8Array(halves.buffer);
  }
  page.appendBytes(bytes);
}

/** string (BYTE_ARRAY UTF8): dictionary of distinct strings, else PLAIN. */
class StringBuffer implements ColumnBuffer {
  readonly levels: Uint8Array;
  readonly codec = new CodecChoice();
  readonly slots: (string | null)[];
  private nulls = 0;
  private dictionary: Map<string, number> | undefined = new Map();
  private plainGroupsLeft = 0;
  private readonly indexes: Int32Array;
  private readonly limit: number;

  constructor(
    readonly column: Column,
    readonly element: SchemaElement,
    capacity: number,
  ) {
    this.levels = new Uint8Array(capacity);
    this.slots = new Array<string | null>(capacity).fill(null);
    this.indexes = new Int32Array(capacity);
    this.limit = dictionaryLimit(capacity);
  }

  ingest(from: number, to: number, nulls: number): void {
    this.nulls += checkNulls(this, nulls);
    const dictionary = this.dictionary;
    if (!dictionary) return;
    const values = this.slots;
    const indexes = this.indexes;
    let last: string | undefined;
    let lastIndex = -1;
    for (let i = from; i < to; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      if (value === last) {
        indexes[i] = lastIndex;
        continue;
      }
      let index = dictionary.get(value);
      if (index === undefined) {
        index = dictionary.size;
        if (index >= this.limit) {
          this.dictionary = undefined;
          this.plainGroupsLeft = PLAIN_GROUPS_AFTER_OVERFLOW;
          return;
        }
        dictionary.set(value, index);
      }
      indexes[i] = index;
      last = value;
      lastIndex = index;
    }
  }

  encode(out: ByteWriter, n: number): EncodedChunk {
    const levels = this.levels;
    const nulls = this.nulls;
    const present = n - nulls;
    const dictionary = this.dictionary;
    const presence = this.column.nullable ? levels.subarray(0, n) : undefined;
    let result: EncodedChunk;
    let min: string | undefined;
    let max: string | undefined;
    const consider = (v: string) => {
      if (min === undefined || compareCodePoints(v, min) < 0) min = v;
      if (max === undefined || compareCodePoints(v, max) > 0) max = v;
    };
    if (dictionary && dictionary.size * 2 <= present) {
      const entries = [...dictionary.keys()];
      for (const v of entries) consider(v);
      result = writeChunk(out, this, n, nulls, presence, {
        dictionary: { count: entries.length, write: (page) => writeStrings(page, entries) },
        indexes: compactIndexes(this.indexes, levels, n, nulls),
      });
    } else {
      const nonNull: string[] = new Array(present);
      let j = 0;
      let chars = 0;
      for (let k = 0; k < n; k++) {
        const v = this.slots[k];
        if (v === null || v === undefined) continue;
        nonNull[j++] = v;
        chars += v.length;
        consider(v);
      }
      result = writeChunk(out, this, n, nulls, presence, {
        plain: {
          count: present,
          bytesPerValue: 4 + (present > 0 ? chars / present : 0),
          write: (page, from, to) => writeStrings(page, nonNull.slice(from, to)),
        },
      });
    }
    result.chunk.meta_data!.statistics = {
      null_count: BigInt(nulls),
      ...(min !== undefined ? { min_value: min, max_value: max } : {}),
    };
    this.slots.fill(null, 0, n);
    this.nulls = 0;
    if (this.plainGroupsLeft > 0) {
      this.plainGroupsLeft--;
      this.dictionary = undefined;
    } else {
      this.dictionary = new Map();
    }
    return result;
  }
}

function writeStrings(page: ByteWriter, values: readonly string[]): void {
  for (const value of values) {
    // ASCII is the common case: one byte per UTF-16 unit, no encoder call.
    const ascii = isAscii(value);
    const bytes = ascii ? undefined : utf8.encode(value);
    const length = bytes ? bytes.length : value.length;
    page.ensure(4 + length);
    page.view.setUint32(page.index, length, true);
    let at = page.index + 4;
    if (bytes) {
      new Uint8Array(page.buffer, at, length).set(bytes);
    } else {
      for (let i = 0; i < length; i++) page.view.setUint8(at + i, value.charCodeAt(i));
    }
    at += length;
    page.offset += at - page.index;
    page.index = at;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** UTF-8 byte order (= code point order), which Parquet requires for BYTE_ARRAY statistics. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** boolean (BOOLEAN): PLAIN, bit-packed. */
class BooleanBuffer implements ColumnBuffer {
  readonly levels: Uint8Array;
  readonly codec = new CodecChoice();
  readonly slots: Uint8Array;
  private nulls = 0;

  constructor(
    readonly column: Column,
    readonly element: SchemaElement,
    capacity: number,
  ) {
    this.levels = new Uint8Array(capacity);
    this.slots = new Uint8Array(capacity);
  }

  ingest(_from: number, _to: number, nulls: number): void {
    this.nulls += checkNulls(this, nulls);
  }

  encode(out: ByteWriter, n: number): EncodedChunk {
    const levels = this.levels;
    const nulls = this.nulls;
    const nonNull = new Uint8Array(n - nulls);
    let j = 0;
    let anyTrue = false;
    let anyFalse = false;
    for (let k = 0; k < n; k++) {
      if (levels[k] === 0) continue;
      const v = this.slots[k]!;
      nonNull[j++] = v;
      if (v) anyTrue = true;
      else anyFalse = true;
    }
    const result = writeChunk(out, this, n, nulls, this.column.nullable ? levels.subarray(0, n) : undefined, {
      plain: {
        count: nonNull.length,
        bytesPerValue: 1 / 8,
        write: (page, from, to) => {
          const bits = nonNull.subarray(from, to);
          const bytes = new Uint8Array(Math.ceil(bits.length / 8));
          for (let i = 0; i < bits.length; i++) if (bits[i]) bytes[i >>> 3]! |= 1 << (i & 7);
          page.appendBytes(bytes);
        },
      },
    });
    result.chunk.meta_data!.statistics = {
      null_count: BigInt(nulls),
      ...(anyTrue || anyFalse ? { min_value: !anyFalse, max_value: anyTrue } : {}),
    };
    this.nulls = 0;
    return result;
  }
}

interface ChunkValues {
  dictionary?: { count: number; write(page: ByteWriter): void };
  /** Dictionary index of each non-null value. */
  indexes?: Int32Array;
  /** PLAIN values: `write` writes the non-null values [from, to). */
  plain?: { count: number; bytesPerValue: number; write(page: ByteWriter, from: number, to: number): void };
}

/**
 * Writes one column chunk: dictionary page (if any) and data pages of about PAGE_BYTES each, a
 * page holding whole rows (values and their definition levels together).
 */
function writeChunk(
  out: ByteWriter,
  buffer: ColumnBuffer,
  rows: number,
  nulls: number,
  presence: Uint8Array | undefined,
  values: ChunkValues,
): EncodedChunk {
  const start = out.offset;
  let uncompressed = 0;
  let bodies = 0;
  let dictionaryOffset: bigint | undefined;
  const compress = buffer.codec.compress();
  const emit = (page: ByteWriter, header: Record<string, unknown>) => {
    bodies += page.index;
    uncompressed += writePage(out, page, header, compress);
  };
  if (values.dictionary) {
    dictionaryOffset = BigInt(out.offset);
    const page = scratch.take();
    values.dictionary.write(page);
    emit(page, {
      type: 'DICTIONARY_PAGE',
      dictionary_page_header: { num_values: values.dictionary.count, encoding: 'PLAIN' },
    });
  }
  const dataOffset = BigInt(out.offset);
  const indexes = values.indexes;
  const bitWidth = indexes ? Math.max(1, Math.ceil(Math.log2(Math.max(1, values.dictionary!.count)))) : 0;
  const bytesPerRow = indexes ? bitWidth / 8 : values.plain!.bytesPerValue;
  const rowsPerPage = Math.max(1, Math.floor(PAGE_BYTES / Math.max(bytesPerRow, 1 / 8)));
  let valueAt = 0;
  for (let from = 0; from < rows || from === 0; from += rowsPerPage) {
    const to = Math.min(rows, from + rowsPerPage);
    let present = to - from;
    const page = scratch.take();
    if (presence) {
      const lengthAt = page.index;
      page.appendUint32(0);
      let length: number;
      if (nulls === 0 && present > 0) {
        // A nullable column without nulls in this chunk (most metrics): its levels are one run
        // of 1s, written as such without reading them.
        length = writeRun(page, present, 1);
      } else {
        const levels = presence.subarray(from, to);
        present = 0;
        for (let i = 0; i < levels.length; i++) present += levels[i]!;
        length = writeHybrid(page, levels, 1);
      }
      page.view.setUint32(lengthAt, length, true);
    }
    if (indexes) {
      page.appendUint8(bitWidth);
      writeHybrid(page, indexes.subarray(valueAt, valueAt + present), bitWidth);
    } else {
      values.plain!.write(page, valueAt, valueAt + present);
    }
    valueAt += present;
    emit(page, {
      type: 'DATA_PAGE',
      data_page_header: {
        num_values: to - from,
        encoding: indexes ? 'RLE_DICTIONARY' : 'PLAIN',
        definition_level_encoding: 'RLE',
        repetition_level_encoding: 'RLE',
      },
    });
    if (rows === 0) break;
  }
  const headers = uncompressed - bodies;
  buffer.codec.observe(compress, bodies, out.offset - start - headers);
  const encodings: ('PLAIN' | 'RLE' | 'RLE_DICTIONARY')[] = indexes
    ? ['PLAIN', 'RLE', 'RLE_DICTIONARY']
    : ['PLAIN', 'RLE'];
  return {
    uncompressedBytes: uncompressed,
    chunk: {
      file_offset: BigInt(start),
      meta_data: {
        type: buffer.element.type!,
        encodings,
        path_in_schema: [buffer.column.name],
        codec: compress ? 'GZIP' : 'UNCOMPRESSED',
        num_values: BigInt(rows),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(out.offset - start),
        data_page_offset: dataOffset,
        ...(dictionaryOffset !== undefined ? { dictionary_page_offset: dictionaryOffset } : {}),
      },
    },
  };
}

/**
 * The one page buffer, reused page after page and chunk after chunk (its ArrayBuffer grows to
 * the largest page): writeChunk is synchronous and writePage copies the page out, so no page
 * outlives the next take().
 */
class PageScratch {
  private readonly page = new ByteWriter(1 << 16);
  take(): ByteWriter {
    this.page.index = 0;
    this.page.offset = 0;
    return this.page;
  }
}
const scratch = new PageScratch();

/**
 * Chunks that GZIP would shrink by less than a fifth are written UNCOMPRESSED (a codec is chosen
 * per column chunk): dictionary indexes of near-unique ids and of counts with a thousand values
 * are dense bit-packed integers, where zlib spends as much CPU per byte as on the PLAIN doubles
 * it shrinks by 60 %. A trade of size for CPU, measured on the bench's 42 columns: seven of them
 * (products, clicks: GZIP gains of 10-20 %) go UNCOMPRESSED that a 10 % bar compressed, the
 * file grows 2.4 % and the writer spends about 4 % less CPU (bench/results.md, row 3).
 */
const WORTH_COMPRESSING = 0.8;
/** Row groups written UNCOMPRESSED before the column is tried with GZIP again. */
const UNCOMPRESSED_GROUPS = 8;

/**
 * Whether a column's next chunk is compressed: yes, unless its last compressed chunk came out
 * above WORTH_COMPRESSING of its size; then the next UNCOMPRESSED_GROUPS chunks are not, and
 * the one after is tried again. Decides CPU and size only: every chunk names its codec.
 */
export class CodecChoice {
  private uncompressedLeft = 0;

  compress(): boolean {
    return this.uncompressedLeft === 0;
  }

  observe(compressed: boolean, bodyBytes: number, storedBytes: number): void {
    if (!compressed) this.uncompressedLeft--;
    else if (storedBytes > bodyBytes * WORTH_COMPRESSING) this.uncompressedLeft = UNCOMPRESSED_GROUPS;
  }
}

/**
 * zlib settings for pages: level 1, the largest hash table (memLevel 9: fewer collisions) and an
 * 8 KB window (windowBits 13: less state to set up per call, and this runs a few thousand times
 * per million rows). On the bench's 42-column pages this is about a fifth faster than level 1's
 * defaults for under 1 % more bytes (bench/results.md, row 3). Any gzip reader inflates it.
 */
const GZIP_OPTIONS = { level: 1, memLevel: 9, windowBits: 13 } as const;

/**
 * Compresses the page (GZIP, native zlib) unless told not to, writes its header and body; returns header +
 * uncompressed size. GZIP rather than SNAPPY: Node has no native snappy, and zlib at level 1
 * is faster than snappy in JavaScript on these pages (hyparquet-writer's snappy took 1.3× to
 * 1.6× zlib's CPU on the bench's pages) and makes files about a quarter smaller, which is what
 * Athena bills by. ZSTD (zlib.zstdCompressSync) exists from Node 22.15 only, not on Node 20.
 */
function writePage(
  out: ByteWriter,
  page: ByteWriter,
  header: Record<string, unknown>,
  compress: boolean,
): number {
  const body = new Uint8Array(page.buffer, 0, page.index);
  const compressed = compress ? gzipSync(body, GZIP_OPTIONS) : body;
  const headerStart = out.offset;
  writePageHeader(out, {
    ...header,
    uncompressed_page_size: body.length,
    compressed_page_size: compressed.length,
  } as Parameters<typeof writePageHeader>[1]);
  const headerBytes = out.offset - headerStart;
  out.appendBytes(compressed);
  return headerBytes + body.length;
}
