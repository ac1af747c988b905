import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { describe, expect, it } from 'vitest';
import { col, type Row, type TableSchema, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { parquetCreatedBy } from '../../functions/engine/writers/created-by.js';
import { CodecChoice, writeHybrid, writeRun } from '../../functions/engine/writers/parquet-columns.js';
import { createParquetWriter } from '../../functions/engine/writers/parquet-writer.js';
import { PARQUET_DECOMPRESSORS, readPartition, tempDir } from '../support/lake.js';
import { MemorySink } from '../support/memory-stores.js';

const schema = tableSchema([
  col.date('day'),
  col.timestamp('seen_at', { nullable: true }),
  col.bigint('small'),
  col.bigint('wide', { nullable: true }),
  col.double('cost'),
  col.double('ratio', { nullable: true }),
  col.string('label'),
  col.string('note', { nullable: true }),
  col.boolean('active'),
  col.boolean('flag', { nullable: true }),
]);

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_INTEGERS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53 - 1)];
const TEXTS = [
  '',
  'a',
  'plain ascii',
  'naïve café',
  '日本語',
  'emoji 😀 pair',
  '\u{10FFFF}',
  '\uE000 private',
];

/**
 * Rows that reach every path of the encoder: few distinct values (dictionary) and many (PLAIN
 * fallback), nulls, runs and noise (RLE and bit-packing), non-ASCII and astral strings, integers
 * beyond 32 bits and negative ones, and long strings that spill a chunk over several pages.
 */
function rows(count: number, seed: number, options: { longText?: boolean } = {}): Row[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  const out: Row[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 500) * 86_400_000).toISOString();
    out.push({
      day: day.slice(0, 10),
      seen_at:
        next() < 0.1 ? null : new Date(Date.UTC(2024, 1, 29) + Math.floor(next() * 1e10)).toISOString(),
      small: i % 97 < 50 ? 7 : Math.floor(next() * 20),
      wide: next() < 0.2 ? null : next() < 0.3 ? pick(EDGE_INTEGERS) : Math.floor((next() - 0.5) * 2 ** 53),
      cost: i % 3 === 0 ? 0.1 : Math.round(next() * 1e6) / 100,
      ratio: next() < 0.3 ? null : next() < 0.05 ? -0 : next() - 0.5,
      label: options.longText ? `${pick(TEXTS)}-${i}-${'x'.repeat(3000)}` : pick(TEXTS),
      note: next() < 0.5 ? null : `${pick(TEXTS)} ${Math.floor(next() * 1e9)}`,
      active: i % 20 < 15,
      flag: next() < 0.25 ? null : next() < 0.5,
    });
  }
  return out;
}

async function writeAll(input: Row[], rowGroupSize: number, batch = 333): Promise<Uint8Array> {
  const sink = new MemorySink();
  const writer = createParquetWriter(schema, sink, { rowGroupSize });
  for (let i = 0; i < input.length; i += batch) await writer.write(input.slice(i, i + batch));
  const { rows: count, bytes } = await writer.finish();
  expect(count).toBe(input.length);
  expect(sink.bytes().byteLength).toBe(bytes);
  return sink.bytes();
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** What DuckDB reads back, in the engine's row form (-0 and 0 compare equal there, as in SQL). */
async function readWithDuckDB(bytes: Uint8Array, of: TableSchema = schema): Promise<Row[]> {
  const dir = await tempDir();
  try {
    const file = join(dir.path, 'part.parquet');
    await writeFile(file, bytes);
    return await readPartition(file, of);
  } finally {
    await dir.cleanup();
  }
}

/** More than one page's bytes (the writer's pages are about 1 MB). */
const PAGE_SPILL = 1.5 * 2 ** 20;

const normalised = (input: Row[]) =>
  input.map((row) => ({ ...row, ratio: Object.is(row.ratio, -0) ? 0 : row.ratio }));

describe('Parquet writer (typed column buffers)', () => {
  it('reads back identical in DuckDB across row groups, dictionary and PLAIN chunks, nulls and edge values', async () => {
    const input = rows(5_000, 1);
    const bytes = await writeAll(input, 1_200);
    expect(normalised(await readWithDuckDB(bytes))).toEqual(normalised(input));
  });

  it('reads back identical in hyparquet, -0 and 64-bit integers included', async () => {
    const input = rows(3_000, 2);
    const bytes = await writeAll(input, 1_000, 77);
    const read = await parquetReadObjects({ file: arrayBuffer(bytes), compressors: PARQUET_DECOMPRESSORS });
    expect(read).toHaveLength(input.length);
    for (let i = 0; i < input.length; i++) {
      const want = input[i]!;
      const got = read[i]!;
      expect(Number(got.small)).toBe(want.small);
      expect(got.wide === null ? null : Number(got.wide)).toBe(want.wide);
      expect(Object.is(got.ratio, want.ratio)).toBe(true);
      expect(got.label).toBe(want.label);
      expect(got.note).toBe(want.note);
      expect(got.flag).toBe(want.flag);
      expect(got.seen_at === null ? null : (got.seen_at as Date).toISOString()).toBe(want.seen_at);
    }
  });

  it('splits a large chunk into pages and still reads back identical', async () => {
    const input = rows(1_500, 3, { longText: true });
    const bytes = await writeAll(input, 1_500);
    const meta = parquetMetadata(arrayBuffer(bytes));
    const label = meta.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === 'label')!;
    expect(label.meta_data!.encodings).not.toContain('RLE_DICTIONARY');
    expect(Number(label.meta_data!.total_uncompressed_size)).toBeGreaterThan(3 * 2 ** 20);
    expect(normalised(await readWithDuckDB(bytes))).toEqual(normalised(input));
  });

  it('names its writer in the created_by form readers parse: <app> version <x> (build <y>)', async () => {
    const meta = parquetMetadata(arrayBuffer(await writeAll(rows(10, 1), 10)));
    const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    expect(meta.created_by).toBe(
      `report-fetcher version ${packageVersion} (build ${process.env.REPORT_FETCHER_BUILD ?? 'local'})`,
    );
    // parquet-mr's VersionParser pattern.
    const parsed = /^(.*?)\s+version\s*(?:([^(]*?)\s*(?:\(\s*build\s*([^)]*?)\s*\))?)?$/.exec(
      meta.created_by!,
    );
    expect(parsed?.slice(1)).toEqual(['report-fetcher', packageVersion, expect.any(String)]);
    expect(parquetCreatedBy('abc123')).toBe(`report-fetcher version ${packageVersion} (build abc123)`);
  });

  it('writes Athena-readable types and statistics a reader can prune on', async () => {
    const input = rows(2_000, 4);
    const meta = parquetMetadata(arrayBuffer(await writeAll(input, 2_000)));
    const types = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, [e.type, e.converted_type]]));
    expect(types).toMatchObject({
      day: ['INT32', 'DATE'],
      seen_at: ['INT64', 'TIMESTAMP_MICROS'],
      small: ['INT64', undefined],
      cost: ['DOUBLE', undefined],
      label: ['BYTE_ARRAY', 'UTF8'],
      active: ['BOOLEAN', undefined],
    });
    const stats = Object.fromEntries(
      meta.row_groups[0]!.columns.map((c) => [c.meta_data!.path_in_schema[0], c.meta_data!.statistics]),
    );
    const wide = input.map((r) => r.wide).filter((v): v is number => v !== null);
    expect(Number(stats.wide!.min_value)).toBe(Math.min(...wide));
    expect(Number(stats.wide!.max_value)).toBe(Math.max(...wide));
    expect(Number(stats.wide!.null_count)).toBe(input.filter((r) => r.wide === null).length);
    // Dictionary chunks take their range from the dictionary's entries, PLAIN ones from the values.
    const chunkOf = (name: string) =>
      meta.row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!;
    expect(chunkOf('small').encodings).toContain('RLE_DICTIONARY');
    expect(chunkOf('wide').encodings).not.toContain('RLE_DICTIONARY');
    const small = input.map((r) => r.small as number);
    expect([Number(stats.small!.min_value), Number(stats.small!.max_value)]).toEqual([
      Math.min(...small),
      Math.max(...small),
    ]);
    // hyparquet reads DATE statistics as Dates.
    expect((stats.day!.min_value as Date).toISOString().slice(0, 10)).toBe(input[0]!.day);
    expect((stats.day!.max_value as Date).toISOString().slice(0, 10)).toBe(input.at(-1)!.day);
    // UTF-8 byte order: U+10FFFF sorts after U+E000 although its UTF-16 form (a surrogate) does not.
    expect(stats.label!.max_value).toBe('\u{10FFFF}');
    expect(stats.label!.min_value).toBe('');
  });

  it('reads back identical when a nullable column has no null in some row groups and nulls in others', async () => {
    // Row groups 0 and 2: no nulls (the levels are written as one run without being read);
    // row groups 1 and 3: some. Long notes spill each chunk over several pages.
    const input = rows(4_000, 6, { longText: true }).map((row, i) => {
      const group = Math.floor(i / 1_000);
      const withNulls = group % 2 === 1;
      return {
        ...row,
        seen_at: withNulls && i % 7 === 0 ? null : '2024-03-01T00:00:00.000Z',
        wide: withNulls && i % 5 === 0 ? null : i,
        ratio: withNulls && i % 3 === 0 ? null : 0.5,
        note: withNulls && i % 2 === 0 ? null : `note ${i} ${'y'.repeat(2_000)}`,
        flag: withNulls && i % 11 === 0 ? null : i % 2 === 0,
      };
    });
    const bytes = await writeAll(input, 1_000);
    const meta = parquetMetadata(arrayBuffer(bytes));
    const notes = meta.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === 'note')!;
    expect(Number(notes.meta_data!.total_uncompressed_size)).toBeGreaterThan(PAGE_SPILL);
    expect(normalised(await readWithDuckDB(bytes))).toEqual(normalised(input));
    const read = await parquetReadObjects({ file: arrayBuffer(bytes), compressors: PARQUET_DECOMPRESSORS });
    expect(read.map((r) => r.note)).toEqual(input.map((r) => r.note));
    expect(read.map((r) => (r.wide === null ? null : Number(r.wide)))).toEqual(input.map((r) => r.wide));
  });

  it('writes an empty partition as a valid file', async () => {
    const bytes = await writeAll([], 100);
    expect(await readWithDuckDB(bytes)).toEqual([]);
  });

  it('refuses a null in a required column instead of writing a default', async () => {
    const writer = createParquetWriter(schema, new MemorySink(), { rowGroupSize: 10 });
    await expect(writer.write([{ ...rows(1, 5)[0]!, small: null }])).rejects.toThrow(/small.*not nullable/);
  });
});

describe('Parquet writer: encoding and codec choices per column', () => {
  const choices = tableSchema([col.bigint('id'), col.bigint('count'), col.double('amount')]);

  async function write(input: Row[], rowGroupSize: number) {
    const sink = new MemorySink();
    const writer = createParquetWriter(choices, sink, { rowGroupSize });
    await writer.write(input);
    await writer.finish();
    const bytes = sink.bytes();
    const meta = parquetMetadata(arrayBuffer(bytes));
    const chunk = (group: number, name: string) =>
      meta.row_groups[group]!.columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!;
    return { bytes, meta, chunk };
  }

  const readBack = (bytes: Uint8Array) => readWithDuckDB(bytes, choices);

  it('keeps -0 and 0 apart when they come in runs and as small integers', async () => {
    const amounts = [0, 0, -0, -0, 0, 7, 7, -0, 0, 0.5, -0, -0, 4095, 4096, -1, 0];
    const input = Array.from({ length: 640 }, (_, i) => ({
      id: i % 5,
      count: i % 3 === 0 ? -0 : i % 4,
      amount: amounts[i % amounts.length]!,
    }));
    const { bytes, chunk } = await write(input, 640);
    expect(chunk(0, 'amount').encodings).toContain('RLE_DICTIONARY');
    const read = await parquetReadObjects({ file: arrayBuffer(bytes), compressors: PARQUET_DECOMPRESSORS });
    expect(read.map((r) => r.amount)).toHaveLength(input.length);
    for (let i = 0; i < input.length; i++) {
      expect(Object.is(read[i]!.amount, input[i]!.amount)).toBe(true);
      // INT64 has no -0: a -0 count reads back as 0.
      expect(Number(read[i]!.count)).toBe((input[i]!.count as number) + 0);
    }
  });

  it('holds many small integers and then hashed values in one dictionary (ids crossing 4096 in a row group)', async () => {
    // 1,100 distinct small ids fill the direct slots, then ids past 4096 are hashed: the hash
    // table must grow for its own entries only (it once re-inserted every entry and never ended).
    const input = Array.from({ length: 4_800 }, (_, row) => {
      const i = row % 1_200; // each id four times, so the dictionary pays
      return { id: i < 1_100 ? 3_000 + i : 5_000 + i, count: i % 7, amount: i < 1_100 ? 1 : 0.5 + i };
    });
    // Row groups of 10,000: a dictionary of up to 2,500 entries, so all 1,200 ids fit one.
    const { bytes, chunk } = await write(input, 10_000);
    expect(chunk(0, 'id').encodings).toContain('RLE_DICTIONARY');
    expect(await readBack(bytes)).toEqual(input);
  });

  it('tries a dictionary again some row groups after one overflowed', async () => {
    // Row group 0: 400 distinct ids (past the dictionary's limit, so PLAIN); then 3 ids repeated.
    const input = Array.from({ length: 400 * 12 }, (_, i) => ({
      id: i < 400 ? 1_000_000 + i : i % 3,
      count: 1,
      amount: 0.25,
    }));
    const { bytes, chunk } = await write(input, 400);
    expect(chunk(0, 'id').encodings).not.toContain('RLE_DICTIONARY');
    expect(chunk(11, 'id').encodings).toContain('RLE_DICTIONARY');
    expect(await readBack(bytes)).toEqual(input);
  });

  it('writes UNCOMPRESSED the chunks GZIP barely shrinks, and tries GZIP again later', async () => {
    const next = random(9);
    // amount: 256 random doubles picked at random, a dictionary whose indexes are random bytes
    // (GZIP gains almost nothing); id and count: a handful of values (GZIP gains much).
    const palette = Array.from({ length: 256 }, () => next());
    const input = Array.from({ length: 5_000 * 12 }, (_, i) => ({
      id: i % 5,
      count: i % 4,
      amount: palette[Math.floor(next() * 256)]!,
    }));
    const { bytes, chunk } = await write(input, 5_000);
    expect(chunk(0, 'amount').codec).toBe('GZIP');
    expect(chunk(1, 'amount').codec).toBe('UNCOMPRESSED');
    expect(chunk(1, 'count').codec).toBe('GZIP');
    const later = Array.from({ length: 11 }, (_, g) => chunk(g + 1, 'amount').codec);
    expect(later).toContain('GZIP');
    expect(await readBack(bytes)).toEqual(input);
  });
});

describe('CodecChoice: GZIP only where it saves a fifth', () => {
  it('keeps compressing a column GZIP shrinks by a fifth or more', () => {
    const choice = new CodecChoice();
    choice.observe(true, 1_000, 800);
    expect(choice.compress()).toBe(true);
  });

  it('writes the next 8 chunks UNCOMPRESSED after GZIP saved under a fifth, then tries again', () => {
    const choice = new CodecChoice();
    choice.observe(true, 1_000, 850);
    const next: boolean[] = [];
    for (let group = 0; group < 9; group++) {
      const compress = choice.compress();
      next.push(compress);
      choice.observe(compress, 1_000, compress ? 850 : 1_000);
    }
    expect(next).toEqual([false, false, false, false, false, false, false, false, true]);
  });
});

describe('RLE / bit-packing hybrid', () => {
  /** Decodes the hybrid encoding (Parquet spec, "Run Length Encoding / Bit-Packing Hybrid"). */
  function decode(bytes: Uint8Array, bitWidth: number, count: number): number[] {
    return decodeWithEnd(bytes, bitWidth, count).values;
  }

  /** The values, and where the last run or group ends (whole groups are read, padding included). */
  function decodeWithEnd(
    bytes: Uint8Array,
    bitWidth: number,
    count: number,
  ): { values: number[]; end: number } {
    const out: number[] = [];
    let at = 0;
    const varint = () => {
      let value = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[at++]!;
        value |= (b & 0x7f) << shift;
        if (b < 0x80) return value;
        shift += 7;
      }
    };
    while (out.length < count) {
      const header = varint();
      if (header & 1) {
        let buffer = 0;
        let bits = 0;
        for (let i = 0; i < (header >>> 1) * 8; i++) {
          while (bits < bitWidth) {
            buffer |= bytes[at++]! << bits;
            bits += 8;
          }
          out.push(buffer & ((1 << bitWidth) - 1));
          buffer >>>= bitWidth;
          bits -= bitWidth;
        }
      } else {
        let value = 0;
        for (let b = 0; b < (bitWidth + 7) >> 3; b++) value |= bytes[at++]! << (8 * b);
        for (let i = 0; i < header >>> 1; i++) out.push(value);
      }
    }
    return { values: out.slice(0, count), end: at };
  }

  it.each([1, 3, 8, 13, 16])('round-trips runs and noise at bit width %i', (bitWidth) => {
    const next = random(bitWidth);
    const values: number[] = [];
    while (values.length < 5_000) {
      const value = Math.floor(next() * 2 ** bitWidth);
      const run = next() < 0.3 ? 1 + Math.floor(next() * 40) : 1;
      for (let i = 0; i < run; i++) values.push(value);
    }
    const out = new ByteWriter(16);
    const written = writeHybrid(out, Int32Array.from(values), bitWidth);
    expect(written).toBe(out.index);
    expect(decode(out.getBytes(), bitWidth, values.length)).toEqual(values);
  });

  it.each([1, 5, 9, 16])(
    'pads a last partial group at bit width %i, after runs and after noise',
    (bitWidth) => {
      const top = 2 ** bitWidth - 1;
      for (let length = 1; length <= 25; length++) {
        for (const values of [
          Array.from({ length }, (_, i) => (i * 7919) & top),
          Array.from({ length }, (_, i) => (i < 9 ? top : (i * 31) & top)),
        ]) {
          const out = new ByteWriter(16);
          writeHybrid(out, Int32Array.from(values), bitWidth);
          const { values: read, end } = decodeWithEnd(out.getBytes(), bitWidth, values.length);
          expect(read).toEqual(values);
          // The last group is whole (its padding written), and nothing follows it.
          expect(end).toBe(out.index);
        }
      }
    },
  );

  it('writes one run of a repeated value', () => {
    const out = new ByteWriter(4);
    out.appendUint8(0xee);
    const written = writeRun(out, 300, 1);
    expect(written).toBe(out.index - 1);
    expect(decode(out.getBytes().subarray(1), 1, 300)).toEqual(new Array(300).fill(1));
    const wide = new ByteWriter(4);
    writeRun(wide, 5, 0x1234, 13);
    expect(decode(wide.getBytes(), 13, 5)).toEqual(new Array(5).fill(0x1234));
  });
});
