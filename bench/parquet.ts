/**
 * 3. Parquet throughput: the project's streaming writer (parquet-writer.ts, GZIP level 1 or
 * UNCOMPRESSED per column chunk) on realistic
 * Adcloud rows (the connector's 42-column schema; rows built by the simulator's catalogue and
 * passed through the engine's row normaliser) against DuckDB's COPY … TO parquet on the same
 * rows, in the same run. Only the writer calls and the COPY statement are timed.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { atomicFileSink } from '../functions/adapters/local/file-sink.js';
import { adcloud } from '../functions/connectors/adcloud.js';
import { duckdbType } from '../functions/engine/schema/glue-columns.js';
import { createRowNormaliser } from '../functions/engine/schema/row-normaliser.js';
import type { Row } from '../functions/engine/schema/table-schema.js';
import { createParquetWriter } from '../functions/engine/writers/parquet-writer.js';
import { AdcloudCatalog } from '../test/simulators/adcloud/adcloud-data.js';
import { type Benchmark, type BenchRow, elapsedSeconds, fmt, fmtInt, mb, removeDir, tempDir } from './lib.js';

const ROWS = Number(process.env.BENCH_PARQUET_ROWS ?? 1_000_000);
const BATCH = 5_000; // the engine's staging batch size
const DATE = '2026-11-01';

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

/**
 * Where the writer's CPU goes on these rows: CPU time per phase (extraction, ingest and encode per
 * column type, zlib and bit-packing inside encode) over 1 M rows, at commit 7f5f718, on a loaded
 * machine (shares, not seconds). Re-measure when the writer changes.
 */
const WRITER_PROFILE =
  "Where the writer's CPU goes on these rows (per-phase CPU, 1 M rows): GZIP about a quarter; string dictionaries a fifth (half of it the simulator's concatenated booking strings, which V8 flattens on first read); numeric dictionaries a fifth; copying values out of the row objects a sixth; bit-packing under a tenth; the rest (PLAIN values, page headers, statistics) an eighth. Rows parsed from NDJSON, as the commit reads its staging, cost the writer about a fifth more: each string is fresh and hashed once per value.";

const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const parquet: Benchmark = {
  name: 'parquet',
  async run() {
    const report = adcloud.reports.advertiser!;
    const schema = report.schema;
    const catalog = new AdcloudCatalog(1);
    const normalise = createRowNormaliser(schema, { unknownFields: 'error' });
    const dir = await tempDir('parquet');
    try {
      const oursPath = join(dir, 'ours.parquet');
      const duckPath = join(dir, 'duckdb.parquet');
      const ndjsonPath = join(dir, 'rows.ndjson');
      const writer = createParquetWriter(schema, await atomicFileSink(oursPath));
      const ndjson = createWriteStream(ndjsonPath);
      let writerNs = 0n;
      let writerCpuUs = 0;
      let generateNs = 0n;
      for (let start = 0; start < ROWS; start += BATCH) {
        const t0 = process.hrtime.bigint();
        const rows: Row[] = [];
        for (let i = start; i < Math.min(ROWS, start + BATCH); i++)
          rows.push(normalise(catalog.row(DATE, i, 0)));
        const t1 = process.hrtime.bigint();
        const cpu = process.cpuUsage();
        await writer.write(rows);
        writerCpuUs += cpuSince(cpu);
        const t2 = process.hrtime.bigint();
        generateNs += t1 - t0;
        writerNs += t2 - t1;
        let text = '';
        for (const row of rows) text += `${JSON.stringify(row)}\n`;
        if (!ndjson.write(text)) await once(ndjson, 'drain');
      }
      const t3 = process.hrtime.bigint();
      const finishCpu = process.cpuUsage();
      const { bytes: oursBytes } = await writer.finish();
      writerCpuUs += cpuSince(finishCpu);
      writerNs += process.hrtime.bigint() - t3;
      ndjson.end();
      await once(ndjson, 'finish');
      const oursSeconds = Number(writerNs) / 1e9;

      const instance = await DuckDBInstance.create(':memory:');
      const db = await instance.connect();
      const columns = schema.columns.map((c) => `'${c.name}': '${duckdbType(c.type)}'`).join(', ');
      await db.run(
        `CREATE TABLE t AS SELECT * FROM read_json(${sql(ndjsonPath)}, format = 'newline_delimited', columns = {${columns}})`,
      );
      const copyStarted = process.hrtime.bigint();
      await db.run(`COPY t TO ${sql(duckPath)} (FORMAT parquet, COMPRESSION snappy)`);
      const duckSeconds = elapsedSeconds(copyStarted);
      const duckBytes = (await stat(duckPath)).size;
      const threads = (await db.runAndReadAll("SELECT current_setting('threads') AS n")).getRowObjectsJS()[0]!
        .n;
      // The same COPY on one thread, for a like-for-like (single-core) comparison.
      await db.run('SET threads = 1');
      const singleStarted = process.hrtime.bigint();
      const singleCpu = process.cpuUsage();
      await db.run(
        `COPY t TO ${sql(join(dir, 'duckdb-1thread.parquet'))} (FORMAT parquet, COMPRESSION snappy)`,
      );
      const duckSingleCpuSeconds = cpuSince(singleCpu) / 1e6;
      const duckSingleSeconds = elapsedSeconds(singleStarted);
      // And with the project's codec, to separate the codec from the encoder.
      const gzipCpu = process.cpuUsage();
      await db.run(
        `COPY t TO ${sql(join(dir, 'duckdb-1thread-gzip.parquet'))} (FORMAT parquet, COMPRESSION gzip)`,
      );
      const duckGzipCpuSeconds = cpuSince(gzipCpu) / 1e6;
      const duckGzipBytes = (await stat(join(dir, 'duckdb-1thread-gzip.parquet'))).size;
      await db.run(`SET threads = ${Number(threads)}`);

      // Read-back: both files against the source table, row for row (EXCEPT ALL both ways), plus
      // a count and an order-independent checksum of every column.
      const names = schema.columns.map((c) => c.name).join(', ');
      const checksum = async (from: string) =>
        (
          await db.runAndReadAll(
            `SELECT count(*)::BIGINT AS n, sum(hash(${names}))::VARCHAR AS h FROM ${from}`,
          )
        ).getRowObjectsJS()[0] as { n: bigint; h: string };
      const source = await checksum('t');
      const ours = await checksum(`read_parquet(${sql(oursPath)})`);
      const duck = await checksum(`read_parquet(${sql(duckPath)})`);
      const diff = async (a: string, b: string) =>
        Number(
          (
            await db.runAndReadAll(
              `SELECT count(*)::BIGINT AS n FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`,
            )
          ).getRowObjectsJS()[0]!.n,
        );
      const oursFile = `read_parquet(${sql(oursPath)})`;
      const differing = (await diff(oursFile, 't')) + (await diff('t', oursFile));
      db.closeSync();
      instance.closeSync();

      const label = `${fmtInt(ROWS)} rows × ${schema.columns.length} cols`;
      const oursRate = ROWS / oursSeconds;
      const duckRate = ROWS / duckSeconds;
      const speed = oursRate / duckRate;
      const size = oursBytes / duckBytes;
      const identical =
        differing === 0 &&
        ours.n === source.n &&
        duck.n === source.n &&
        ours.h === source.h &&
        duck.h === source.h &&
        Number(source.n) === ROWS;
      // The target compares CPU seconds on one thread: on a machine shared with other work, a
      // wall-clock ratio of a 13 s run and a 1 s run measures the load as much as the code.
      const cpuRatio = duckSingleCpuSeconds / (writerCpuUs / 1e6);
      const rows: BenchRow[] = [
        {
          benchmark: '3 parquet write',
          metric: `writer speed ÷ DuckDB COPY speed on 1 thread, CPU time (${label})`,
          value: `${fmt(cpuRatio)} (${fmtInt(ROWS / (writerCpuUs / 1e6))} vs ${fmtInt(ROWS / duckSingleCpuSeconds)} rows per CPU-second; ${fmt(writerCpuUs / 1e6)} s vs ${fmt(duckSingleCpuSeconds)} s)`,
          target: '≥ 0.50',
          pass: cpuRatio >= 0.5,
          note: `DuckDB with its default codec (snappy); the project writes GZIP level 1 (native zlib, memLevel 9, 8 KB window), or UNCOMPRESSED for a column whose last chunk GZIP shrank by under a fifth (dense dictionary indexes of near-unique ids and of counts with a thousand values: a trade of 2.4 % more bytes for about 4 % less CPU), retried every 8 row groups. The project's writer (functions/engine/writers/parquet-columns.ts: typed column buffers filled by a loop compiled per schema, typed dictionaries with a direct slot per small integer, no dictionary tried for 8 row groups after one overflowed, own RLE/bit-packing) is single-threaded JavaScript; DuckDB COPY with threads = 1 is native. CPU time of this process around each call (the writer's includes its GC threads). ${WRITER_PROFILE}${cpuRatio >= 0.5 ? '' : ' Below the target: no part dominates; each is a per-value cost in JavaScript or zlib'}`,
        },
        {
          benchmark: '3 parquet write',
          metric: 'writer speed ÷ DuckDB COPY speed on 1 thread, CPU time, both GZIP',
          value: `${fmt(duckGzipCpuSeconds / (writerCpuUs / 1e6))} (DuckDB ${fmt(duckGzipCpuSeconds)} s, ${mb(duckGzipBytes)})`,
          target: '(report)',
          note: 'the same codec on both sides: what the encoders alone compare to',
        },
        {
          benchmark: '3 parquet write',
          metric: 'writer speed ÷ DuckDB COPY speed on 1 thread, wall clock',
          value: `${fmt(oursRate / (ROWS / duckSingleSeconds))} (${fmtInt(oursRate)} vs ${fmtInt(ROWS / duckSingleSeconds)} rows/s; ${fmt(oursSeconds)} s vs ${fmt(duckSingleSeconds)} s)`,
          target: '(report)',
          note: 'wall clock on a shared machine: the load at the moment of each run weighs in (the writer runs interleaved with row generation; the COPY alone)',
        },
        {
          benchmark: '3 parquet write',
          metric: `writer speed ÷ DuckDB COPY speed, DuckDB on ${threads} threads, wall clock`,
          value: `${fmt(speed)} (${fmtInt(oursRate)} vs ${fmtInt(duckRate)} rows/s; ${fmt(oursSeconds)} s vs ${fmt(duckSeconds)} s)`,
          target: '(report)',
          note: 'DuckDB parallelises the COPY; the project writer encodes one row group after another on the event loop',
        },
        {
          benchmark: '3 parquet write',
          metric: 'file size ÷ DuckDB file size',
          value: `${fmt(size)} (${mb(oursBytes)} vs ${mb(duckBytes)})`,
          target: '≤ 1.30',
          pass: size <= 1.3,
          note: `ours GZIP level 1 (UNCOMPRESSED where GZIP gains under a fifth), DuckDB snappy (its default)${size <= 1.3 ? '' : '; no dictionary encoding for repetitive strings; enable it per column'}`,
        },
        {
          benchmark: '3 parquet write',
          metric: 'read-back identical (DuckDB: EXCEPT ALL both ways, count, hash sum)',
          value: identical
            ? 'identical'
            : `DIFFERENT (${differing} rows differ; counts ${ours.n}/${duck.n}/${source.n})`,
          target: 'identical',
          pass: identical,
          note: `row generation + normalisation (not timed): ${fmt(Number(generateNs) / 1e9)} s`,
        },
      ];
      return rows;
    } finally {
      await removeDir(dir);
    }
  },
};
