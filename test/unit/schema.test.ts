import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { ReportFetcherError } from '../../functions/engine/errors.js';
import { glueColumns } from '../../functions/engine/schema/glue-columns.js';
import { parquetSchema } from '../../functions/engine/schema/parquet-schema.js';
import { createRowNormaliser } from '../../functions/engine/schema/row-normaliser.js';
import { col, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { createParquetWriter } from '../../functions/engine/writers/parquet-writer.js';
import { PARQUET_DECOMPRESSORS } from '../support/lake.js';
import { MemorySink } from '../support/memory-stores.js';

const schema = tableSchema([
  col.date('day'),
  col.bigint('clicks'),
  col.double('cost'),
  col.string('name', { nullable: true }),
  col.boolean('active'),
  col.timestamp('created_at', { nullable: true }),
  col.bigint('campaign_id', { fromSlice: true }),
  col.bigint('impressions', { from: 'imp', nullable: true }),
]);

describe('schema → Parquet, Glue', () => {
  it('maps each type to the physical and logical type SQL engines expect', () => {
    const elements = parquetSchema(schema);
    expect(elements[0]).toEqual({ name: 'root', num_children: 8 });
    const byName = Object.fromEntries(elements.slice(1).map((e) => [e.name, e]));
    expect(byName.day).toMatchObject({ type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' });
    expect(byName.clicks).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED' });
    expect(byName.cost).toMatchObject({ type: 'DOUBLE' });
    expect(byName.name).toMatchObject({
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      repetition_type: 'OPTIONAL',
    });
    expect(byName.active).toMatchObject({ type: 'BOOLEAN' });
    expect(byName.created_at).toMatchObject({
      type: 'INT64',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
      repetition_type: 'OPTIONAL',
    });
    expect(elements.some((e) => e.type === 'INT96')).toBe(false);
  });

  it('gives Glue the same columns in the same order', () => {
    expect(glueColumns(schema).map((c) => `${c.name}:${c.type}`)).toEqual([
      'day:date',
      'clicks:bigint',
      'cost:double',
      'name:string',
      'active:boolean',
      'created_at:timestamp',
      'campaign_id:bigint',
      'impressions:bigint',
    ]);
  });

  it('rejects duplicate or unsafe column names', () => {
    expect(() => tableSchema([col.bigint('a'), col.bigint('a')])).toThrow(/twice/);
    expect(() => tableSchema([col.bigint('Bad Name')])).toThrow(/lower_snake/);
  });
});

describe('row normaliser', () => {
  const normalise = createRowNormaliser(schema, { unknownFields: 'error' }, { source: 's', report: 'r' });
  const record = {
    day: '2024-02-29',
    clicks: 3,
    cost: 1.25,
    name: null,
    active: true,
    created_at: '2024-02-29 10:00:00',
    imp: '17',
  };

  it('validates, renames, fills slice columns and keeps nulls', () => {
    expect(normalise(record, { campaign_id: 9 })).toEqual({
      day: '2024-02-29',
      clicks: 3,
      cost: 1.25,
      name: null,
      active: true,
      created_at: '2024-02-29T10:00:00.000Z',
      campaign_id: 9,
      impressions: 17,
    });
  });

  it('reads offsets in timestamps and stores UTC', () => {
    expect(
      normalise({ ...record, created_at: '2024-02-29T12:00:00+02:00' }, { campaign_id: 1 }).created_at,
    ).toBe('2024-02-29T10:00:00.000Z');
  });

  const drift = (change: Record<string, unknown>) => {
    try {
      normalise({ ...record, ...change }, { campaign_id: 1 });
    } catch (error) {
      return (error as ReportFetcherError).message;
    }
    return 'no error';
  };

  it('names the field on every kind of drift', () => {
    expect(drift({ clicks: 'many' })).toMatch(/field "clicks": .*got string "many"/);
    expect(drift({ clicks: 1.5 })).toMatch(/field "clicks": expected an integer/);
    expect(drift({ clicks: null })).toMatch(/field "clicks": expected .*got null/);
    expect(drift({ day: '2024-02-30' })).toMatch(/field "day": expected a date/);
    expect(drift({ surprise: 1 })).toMatch(/unexpected field "surprise"/);
    expect(drift({ clicks: undefined })).toMatch(/field "clicks": .*missing/);
    expect(drift({ day: undefined })).toMatch(/field "day": .*missing/);
  });

  it('tolerant contract: extra fields dropped and counted, absent nullable fields null and counted', () => {
    const tolerant = createRowNormaliser(schema, { unknownFields: 'ignore' });
    const { imp: _absent, name: _alsoAbsent, ...partial } = record;
    const row = tolerant({ ...partial, surprise: 1 }, { campaign_id: 1 });
    expect(row).not.toHaveProperty('surprise');
    expect(row).toMatchObject({ impressions: null, name: null, clicks: 3 });
    tolerant({ ...record, surprise: 2, other: 'x' }, { campaign_id: 1 });
    expect(tolerant.observed()).toEqual({ absent: { imp: 1, name: 1 }, extra: { surprise: 2, other: 1 } });
    // A required field is never tolerated.
    expect(() => tolerant({ ...record, clicks: undefined }, { campaign_id: 1 })).toThrow(/"clicks".*missing/);
  });

  it('temporal "either": a date where a timestamp is declared and the reverse, stored as declared', () => {
    const either = tableSchema([
      col.date('start_date', { nullable: true, temporal: 'either' }),
      col.timestamp('seen', { nullable: true, temporal: 'either' }),
    ]);
    const normalise = createRowNormaliser(either, { unknownFields: 'error' });
    expect(normalise({ start_date: '2023-10-18 00:00:00', seen: '2023-10-18' })).toEqual({
      start_date: '2023-10-18',
      seen: '2023-10-18T00:00:00.000Z',
    });
    expect(normalise({ start_date: '2023-10-18', seen: '2023-10-18 10:30:00' })).toEqual({
      start_date: '2023-10-18',
      seen: '2023-10-18T10:30:00.000Z',
    });
    expect(() => normalise({ start_date: '2023-10-18 xx', seen: null })).toThrow(/start_date/);
    // Without "either" the document's format is the only one accepted.
    const strictDate = createRowNormaliser(tableSchema([col.date('d')]), { unknownFields: 'error' });
    expect(() => strictDate({ d: '2023-10-18 00:00:00' })).toThrow(/"d": expected a date/);
  });
});

describe('Parquet writer', () => {
  it('writes row groups that read back with the same values and types', async () => {
    const sink = new MemorySink();
    const writer = createParquetWriter(schema, sink, { rowGroupSize: 2 });
    const rows = [0, 1, 2, 3, 4].map((i) => ({
      day: '2024-02-29',
      clicks: 2 ** 40 + i,
      cost: i / 4,
      name: i % 2 ? null : `n${i}`,
      active: i % 2 === 0,
      created_at: i === 3 ? null : `2024-02-29T0${i}:00:00.000Z`,
      campaign_id: 7,
      impressions: null,
    }));
    await writer.write(rows.slice(0, 3));
    await writer.write(rows.slice(3));
    const { rows: count } = await writer.finish();
    expect(count).toBe(5);
    expect(sink.closed).toBe(true);
    const bytes = sink.bytes();
    const read = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      compressors: PARQUET_DECOMPRESSORS,
    });
    expect(read).toHaveLength(5);
    expect(read[1]).toMatchObject({
      clicks: BigInt(2 ** 40 + 1),
      cost: 0.25,
      name: null,
      active: false,
      campaign_id: 7n,
      impressions: null,
    });
    expect((read[0]!.day as Date).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(read[3]!.created_at).toBeNull();
  });
});
