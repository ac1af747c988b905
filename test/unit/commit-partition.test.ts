import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { digestRows } from '../../functions/engine/partitions/row-digest.js';
import type { ScratchSpace } from '../../functions/engine/partitions/scratch-file.js';
import { commitPartition } from '../../functions/engine/run/commit-partition.js';
import { commitPage } from '../../functions/engine/run/stage-page.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';
import { PARQUET_DECOMPRESSORS } from '../support/lake.js';
import {
  MemoryCommitGuard,
  type MemoryLakeStore,
  MemoryScratch,
  memoryScratch,
} from '../support/memory-stores.js';
import { pageMeta } from '../support/page-meta.js';

const schema = tableSchema([col.bigint('id'), col.double('value', { metric: true })]);
const connector = itemsConnector({ name: 'unit', table: 'unit_items', schema });

function setup(commitGuard?: MemoryCommitGuard, scratch: ScratchSpace = memoryScratch) {
  const { runtime, staging, lake } = itemsRuntime('unit_source', connector, { commitGuard, scratch });
  const date = '2025-06-01';
  const partition = runtime.partition('items', date);
  const key = partitionObjectKey(partition, 'parquet');
  /** Stages a run's manifest (one slice) and the given pages of it. */
  async function stage(
    runId: string,
    pages: {
      ordinal: number;
      rows: Row[];
      isLast: boolean;
      totalPages?: number;
      totalItems?: number;
      stagedAt?: string;
    }[],
    /** Writes the pages' objects only, as a fetcher does just before it records them in the tally. */
    record = true,
  ) {
    await staging.writeManifest({
      runId,
      partition,
      report: 'items',
      slices: [{ key: 'all', params: {} }],
      plannedAt: 'now',
    });
    await runtime.pageTally.expect(runId, partition, 1);
    for (const page of pages) {
      const sink = await staging.openPage(runId, partition, 'all', page.ordinal);
      await sink.write(page.rows);
      const meta = pageMeta({
        ordinal: page.ordinal,
        rows: page.rows.length,
        isLast: page.isLast,
        ...(page.totalPages !== undefined ? { totalPages: page.totalPages } : {}),
        ...(page.totalItems !== undefined ? { totalItems: page.totalItems } : {}),
        ...(page.stagedAt !== undefined ? { stagedAt: page.stagedAt } : {}),
        digest: digestRows(page.rows, ['id', 'value']),
      });
      if (record) await commitPage(runtime, task(runId), sink, meta);
      else await sink.commit(meta);
    }
  }
  const task = (runId: string) => ({ runId, source: 'unit_source', report: 'items', date });
  return { runtime, staging, lake, stage, task, key };
}

const rows = (from: number, n: number, value = 1): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, value }));

describe('commitPartition on its own', () => {
  it('refuses a partition with a page missing and writes nothing', async () => {
    const { runtime, lake, stage, task } = setup();
    // Pages 1 and 3 of 3 are staged (page 3 says it is the last); page 2 never arrived.
    await stage('20250602T060000Z-r1', [
      { ordinal: 0, rows: rows(1, 2), isLast: false },
      { ordinal: 2, rows: rows(5, 2), isLast: true },
    ]);
    const outcome = await commitPartition(runtime, task('20250602T060000Z-r1'));
    expect(outcome).toEqual({ status: 'incomplete', missing: 'slice all: page 2 of 3 not staged' });
    expect(lake.objects.size).toBe(0);
    expect(lake.commits.size).toBe(0);
  });

  it('refuses to replace the partition when the pages themselves do not make it whole, whatever the tally says', async () => {
    const { runtime, lake, stage, task } = setup();
    const run = '20250602T060000Z-r1';
    // Two pages staged, neither saying it is the last; the tally is told (wrongly) there are 2.
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false },
      { ordinal: 1, rows: rows(3, 2), isLast: false },
    ]);
    await runtime.pageTally.record(run, runtime.partition('items', '2025-06-01'), {
      slice: 'all',
      ordinal: 1,
      pages: 2,
    });
    await expect(commitPartition(runtime, task(run))).rejects.toThrow(
      /staged pages disagree with the page tally: slice all: last page not fetched yet/,
    );
    // Told so by the very answer that is staged (same stagedAt): not the vendor changing, a fault.
    await runtime.pageTally.record(run, runtime.partition('items', '2025-06-01'), {
      slice: 'all',
      ordinal: 1,
      pages: 2,
      stagedAt: 'now',
    });
    await expect(commitPartition(runtime, task(run))).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/staged pages disagree with the page tally/),
    });
    expect(lake.objects.size).toBe(0);
    expect(lake.commits.size).toBe(0);
  });

  it('refuses a partition whose last page is not known yet', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage('20250602T060000Z-r1', [{ ordinal: 0, rows: rows(1, 2), isLast: false }]);
    expect(await commitPartition(runtime, task('20250602T060000Z-r1'))).toMatchObject({
      status: 'incomplete',
    });
    expect(lake.objects.size).toBe(0);
  });

  it('never lets an older run replace a partition a newer run committed (commit fencing)', async () => {
    const { runtime, lake, stage, task, key } = setup(new MemoryCommitGuard());
    const older = '20250602T060000Z-schedule';
    const newer = '20250603T060000Z-schedule';
    await stage(older, [{ ordinal: 0, rows: rows(1, 3, 1), isLast: true }]);
    await stage(newer, [{ ordinal: 0, rows: rows(1, 3, 2), isLast: true }]);
    expect(await commitPartition(runtime, task(newer))).toMatchObject({ status: 'committed', rows: 3 });
    const committed = lake.objects.get(key)!;
    // A redriven page of the older run completes its partition later: it must not commit.
    expect(await commitPartition(runtime, task(older))).toEqual({ status: 'superseded', by: newer });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(committed))).toBe(true);
    expect(lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')?.runId).toBe(newer);
    // The same run's second commit task (two slices completed at once) writes nothing again.
    expect(await commitPartition(runtime, task(newer))).toEqual({ status: 'already-committed', by: newer });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(committed))).toBe(true);
  });

  it('answers a duplicate commit task without reading the page tally or any page (fenced first)', async () => {
    // Several pages finishing a partition at once each send a commit task: the ones after the
    // first must not read the tally and the pages again.
    const { runtime, stage, task } = setup(new MemoryCommitGuard());
    const run = '20250602T060000Z-schedule';
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false },
      { ordinal: 1, rows: rows(3, 2), isLast: true },
    ]);
    let listed = 0;
    const read = runtime.pageTally.read.bind(runtime.pageTally);
    runtime.pageTally.read = async (...args) => {
      listed++;
      return read(...args);
    };
    expect(await commitPartition(runtime, task(run))).toMatchObject({ status: 'committed', rows: 4 });
    expect(listed).toBe(1);
    expect(await commitPartition(runtime, task(run))).toEqual({ status: 'already-committed', by: run });
    expect(listed).toBe(1);
  });

  it('releases its claim when the partition turns out incomplete, so the completing commit can run', async () => {
    const { runtime, stage, task } = setup(new MemoryCommitGuard());
    const run = '20250602T060000Z-schedule';
    await stage(run, [{ ordinal: 0, rows: rows(1, 2), isLast: false }]);
    expect(await commitPartition(runtime, task(run))).toMatchObject({ status: 'incomplete' });
    await stage(run, [{ ordinal: 1, rows: rows(3, 2), isLast: true }]);
    expect(await commitPartition(runtime, task(run))).toMatchObject({ status: 'committed', rows: 4 });
  });
});

describe('staged pages that disagree about their slice (a page fetched again after the vendor changed)', () => {
  const run = '20250602T060000Z-r1';
  const PARTITION = 'unit_items/source=unit_source/dt=2025-06-01/';
  /** The previous run's partition, which a refused commit must leave as it was. */
  async function committedBefore(context: ReturnType<typeof setup>) {
    const earlier = '20250601T060000Z-r0';
    await context.stage(earlier, [{ ordinal: 0, rows: rows(1, 6), isLast: true }]);
    await commitPartition(context.runtime, context.task(earlier));
    return { bytes: context.lake.objects.get(context.key)!, earlier };
  }
  async function expectRefused(context: ReturnType<typeof setup>, message: RegExp) {
    const previous = await committedBefore(context);
    const refusal = commitPartition(context.runtime, context.task(run));
    await expect(refusal).rejects.toMatchObject({ code: 'PAGES_DISAGREE', family: 'drift' });
    await expect(commitPartition(context.runtime, context.task(run))).rejects.toThrow(message);
    expect(context.lake.objects.get(context.key)).toEqual(previous.bytes);
    expect(context.lake.commits.get(PARTITION)?.runId).toBe(previous.earlier);
  }

  it('refuses a page staged past the last page a later fetch announces (no page total)', async () => {
    const context = setup();
    // Pages 1-3 fetched (page 3 said "more", its follower never came), then page 2 fetched again
    // after the vendor's data shrank: now it is the last, and the tally counts 2 pages, all staged.
    await context.stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false },
      { ordinal: 1, rows: rows(3, 2), isLast: false },
      { ordinal: 2, rows: rows(5, 2), isLast: false },
      { ordinal: 1, rows: rows(3, 2), isLast: true },
    ]);
    await expectRefused(context, /slice all: page 2 says the slice ends at 2 pages but page 3 is staged/);
  });

  it('refuses pages that announce different page totals', async () => {
    const context = setup();
    // Page 1 said 3 pages; page 2, fetched after the vendor's data shrank, says 2 (the tally
    // takes the smaller count, so the partition looks whole).
    await context.stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false, totalPages: 3 },
      { ordinal: 1, rows: rows(3, 2), isLast: true, totalPages: 2 },
    ]);
    await expectRefused(context, /slice all: page 2 says the slice has 2 pages, page 1 says 3/);
  });

  it('refuses pages that announce different row totals for the slice', async () => {
    const context = setup();
    // Page 1's total (5) matches the rows staged, page 2's (4) is what the vendor serves now.
    await context.stage(run, [
      { ordinal: 0, rows: rows(1, 3), isLast: false, totalPages: 2, totalItems: 5 },
      { ordinal: 1, rows: rows(4, 2), isLast: true, totalPages: 2, totalItems: 4 },
    ]);
    await expectRefused(context, /slice all: page 1 says the slice holds 5 rows, page 2 says 4/);
  });

  it('commits a first page that announces no pages at all (MediaMath: total_pages 0 over an empty day)', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(run, [{ ordinal: 0, rows: [], isLast: true, totalPages: 0, totalItems: 0 }]);
    expect(await commitPartition(runtime, task(run))).toMatchObject({
      status: 'committed',
      rows: 0,
      pages: 1,
    });
    expect(lake.commits.get(PARTITION)?.runId).toBe(run);
  });

  it('still refuses a second page staged beside a first page announcing none', async () => {
    const context = setup();
    await context.stage(run, [
      { ordinal: 0, rows: [], isLast: true, totalPages: 0 },
      { ordinal: 1, rows: rows(1, 2), isLast: true },
    ]);
    await expectRefused(context, /slice all: page 1 says the slice ends at 0 pages but page 2 is staged/);
  });

  it('waits for the page a grown slice now reveals: the last page, fetched again, says more pages follow', async () => {
    const { runtime, lake, stage, task } = setup();
    // Page 2 was the last (the tally counted 2 pages); fetched again after the vendor's data grew,
    // it says more pages follow. Not an internal fault, not yet a partition: page 3 is coming.
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false, stagedAt: '2025-06-02T06:00:01.000Z' },
      { ordinal: 1, rows: rows(3, 2), isLast: true, stagedAt: '2025-06-02T06:00:02.000Z' },
      { ordinal: 1, rows: rows(3, 2), isLast: false, stagedAt: '2025-06-02T06:00:03.000Z' },
    ]);
    expect(await commitPartition(runtime, task(run))).toEqual({
      status: 'incomplete',
      missing: 'slice all: last page not fetched yet (2 staged)',
    });
    expect(lake.objects.size).toBe(0);
    await stage(run, [{ ordinal: 2, rows: rows(5, 2), isLast: true, stagedAt: '2025-06-02T06:00:04.000Z' }]);
    expect(await commitPartition(runtime, task(run))).toMatchObject({
      status: 'committed',
      rows: 6,
      pages: 3,
    });
  });

  it('calls a commit that meets the newer answer before the tally does drift, not an internal fault', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false, stagedAt: '2025-06-02T06:00:01.000Z' },
      { ordinal: 1, rows: rows(3, 2), isLast: true, stagedAt: '2025-06-02T06:00:02.000Z' },
    ]);
    // Page 2's newer answer ("more pages follow") is staged; its recording in the tally has not
    // landed yet when a commit task sent for the older answer runs.
    await stage(
      run,
      [{ ordinal: 1, rows: rows(3, 2), isLast: false, stagedAt: '2025-06-02T06:00:03.000Z' }],
      false,
    );
    const commit = commitPartition(runtime, task(run));
    await expect(commit).rejects.toMatchObject({ code: 'PAGES_DISAGREE', family: 'drift' });
    await expect(commit).rejects.toThrow(
      /slice all: page 2 told the page tally the slice has 2 pages, then was fetched again and now says more pages follow/,
    );
    expect(lake.objects.size).toBe(0);
  });

  it('commits a page fetched again when it tells the same story (a plain redelivery)', async () => {
    const { runtime, stage, task } = setup();
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false, totalPages: 2, totalItems: 4 },
      { ordinal: 1, rows: rows(3, 2), isLast: true, totalPages: 2, totalItems: 4 },
      { ordinal: 1, rows: rows(3, 2), isLast: true, totalPages: 2, totalItems: 4 },
    ]);
    expect(await commitPartition(runtime, task(run))).toMatchObject({
      status: 'committed',
      rows: 4,
      pages: 2,
    });
  });
});

/** The restatement objects in the lake, each read back as rows. */
async function restatementsIn(
  lake: MemoryLakeStore,
): Promise<{ key: string; rows: Record<string, unknown>[] }[]> {
  const found = [];
  for (const [key, bytes] of [...lake.objects].sort(([a], [b]) => a.localeCompare(b))) {
    if (!key.startsWith('restatements/')) continue;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    found.push({ key, rows: await parquetReadObjects({ file, compressors: PARQUET_DECOMPRESSORS }) });
  }
  return found;
}

const first = '20250602T060000Z-schedule';
const second = '20250603T060000Z-schedule';
// Run 1: ids 1..5 worth 1 each. Run 2: id 1 gone, id 3 worth 5, id 6 new.
const before = rows(1, 5, 1);
const after = [...rows(2, 4, 1), { id: 6, value: 1 }].map((r) => (r.id === 3 ? { ...r, value: 5 } : r));

describe('restatements at commit', () => {
  it('records metric sums and the key digest, and nothing else on a first commit', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    const outcome = await commitPartition(runtime, task(first));
    expect(outcome).toMatchObject({ status: 'committed', metrics: { value: 5 } });
    expect(outcome).not.toHaveProperty('restatement');
    expect(lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')).toMatchObject({
      metrics: { value: 5 },
      keyDigest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(await restatementsIn(lake)).toEqual([]);
  });

  it('writes no record when the restating run repeats a key: the commit fails and the partition stays', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    // Run 2 changes id 3 and sends id 2 twice: a real duplicate (DuplicateKeys), not a collision.
    await stage(second, [{ ordinal: 0, rows: [...after, { id: 2, value: 7 }], isLast: true }]);
    await commitPartition(runtime, task(first));
    const partitionBefore = lake.objects.get('unit_items/source=unit_source/dt=2025-06-01/data.parquet');
    expect(partitionBefore).toBeDefined();
    await expect(commitPartition(runtime, task(second))).rejects.toThrow(/two rows share the key/);
    expect(await restatementsIn(lake)).toEqual([]);
    expect(lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')).toMatchObject({ runId: first });
    expect(lake.objects.get('unit_items/source=unit_source/dt=2025-06-01/data.parquet')).toEqual(
      partitionBefore,
    );
  });

  it('writes nothing when another run commits the same rows (in another order)', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    await stage(second, [{ ordinal: 0, rows: [...before].reverse(), isLast: true }]);
    await commitPartition(runtime, task(first));
    const outcome = await commitPartition(runtime, task(second));
    expect(outcome).toMatchObject({ status: 'committed' });
    expect(outcome).not.toHaveProperty('restatement');
    expect(await restatementsIn(lake)).toEqual([]);
  });

  it('writes one record with keys added, removed and changed and each metric before and after', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    await stage(second, [{ ordinal: 0, rows: after, isLast: true }]);
    await commitPartition(runtime, task(first));
    // One pass: each staged page is read once, and of the lake only the previous per-key digests.
    const reads: string[] = [];
    const readPage = runtime.deps.staging.readPage.bind(runtime.deps.staging);
    runtime.deps.staging.readPage = (...args) => {
      reads.push(`page ${args[3]}`);
      return readPage(...args);
    };
    const readObject = lake.readObject.bind(lake);
    lake.readObject = async (key) => {
      reads.push(key);
      return readObject(key);
    };
    const outcome = await commitPartition(runtime, task(second));
    expect(reads).toEqual([
      'page 0',
      `_commits/keys/unit_items/source=unit_source/dt=2025-06-01/${first}.bin`,
    ]);
    expect(outcome).toMatchObject({
      status: 'committed',
      restatement: { rowsBefore: 5, rowsAfter: 5, keys: { added: 1, removed: 1, changed: 1 } },
    });
    const records = await restatementsIn(lake);
    expect(records.map((r) => r.key)).toEqual([
      `restatements/source=unit_source/dt=2025-06-01/unit_items-${second}.parquet`,
    ]);
    expect(records[0]!.rows).toHaveLength(1);
    const row = records[0]!.rows[0]!;
    expect(row).toMatchObject({
      table_name: 'unit_items',
      report: 'items',
      previous_run_id: first,
      run_id: second,
      rows_before: 5n,
      rows_after: 5n,
      keys_added: 1n,
      keys_removed: 1n,
      keys_changed: 1n,
      largest_change_metric: 'value',
      largest_relative_change: 0.8,
    });
    expect(JSON.parse(row.metrics as string)).toEqual([
      { metric: 'value', previous: 5, new: 9, relative_change: 0.8 },
    ]);
  });

  it('neither loses nor repeats the record when the commit dies after the partition and is retried', async () => {
    for (const failing of ['openObject', 'recordCommit'] as const) {
      const { runtime, lake, stage, task } = setup();
      await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
      await stage(second, [{ ordinal: 0, rows: after, isLast: true }]);
      await commitPartition(runtime, task(first));
      // The first attempt dies after the partition (and, for recordCommit, after the record and
      // the per-key digests): the commit record still names the first run.
      const original = lake[failing].bind(lake) as (...args: never[]) => Promise<unknown>;
      let calls = 0;
      (lake as unknown as Record<string, unknown>)[failing] = async (...args: never[]) => {
        const key = args[0] as unknown;
        const isKeys =
          failing === 'openObject' && typeof key === 'string' && key.startsWith('_commits/keys/');
        if ((failing === 'recordCommit' || isKeys) && calls++ === 0) throw new Error('killed');
        return original(...args);
      };
      await expect(commitPartition(runtime, task(second))).rejects.toThrow('killed');
      expect(lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')?.runId).toBe(first);
      const retried = await commitPartition(runtime, task(second));
      expect(retried).toMatchObject({
        status: 'committed',
        restatement: { keys: { added: 1, removed: 1, changed: 1 } },
      });
      const records = await restatementsIn(lake);
      expect(records, failing).toHaveLength(1);
      expect(records[0]!.rows).toHaveLength(1);
      // A third commit of other rows by a later run compares with the second run's digests.
      expect(lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')?.runId).toBe(second);
    }
  });

  it('compares with a commit written before metric sums existed, saying what it cannot know', async () => {
    const { runtime, lake, stage, task } = setup();
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    await stage(second, [{ ordinal: 0, rows: after, isLast: true }]);
    await commitPartition(runtime, task(first));
    const stored = lake.commits.get('unit_items/source=unit_source/dt=2025-06-01/')!;
    const { metrics: _m, keyDigest: _k, keyDigestsKey: _d, ...legacy } = stored;
    lake.commits.set('unit_items/source=unit_source/dt=2025-06-01/', legacy);
    const outcome = await commitPartition(runtime, task(second));
    expect(outcome).toMatchObject({
      status: 'committed',
      restatement: {
        rowsBefore: 5,
        rowsAfter: 5,
        keys: null,
        metrics: [{ metric: 'value', previous: null, new: 9, relative_change: null }],
      },
    });
    const [record] = await restatementsIn(lake);
    expect(record!.rows[0]).toMatchObject({
      keys_added: null,
      keys_changed: null,
      largest_change_metric: null,
    });
  });
});

describe('the scratch file a commit spills its key state to', () => {
  /** Scratch files that remember whether they were closed. */
  function trackedScratch() {
    const files: { closed: boolean }[] = [];
    const space: ScratchSpace = () => {
      const file = new MemoryScratch();
      const state = { closed: false };
      files.push(state);
      const close = file.close.bind(file);
      file.close = () => {
        state.closed = true;
        close();
      };
      return file;
    };
    return { space, files };
  }

  it('is freed by every commit, committed or failed (deployed, a Lambda container would fill its /tmp)', async () => {
    const { space, files } = trackedScratch();
    const { runtime, stage, task } = setup(undefined, space);
    await stage(first, [{ ordinal: 0, rows: before, isLast: true }]);
    await stage(second, [{ ordinal: 0, rows: [...after, { id: 2, value: 7 }], isLast: true }]);
    expect(await commitPartition(runtime, task(first))).toMatchObject({ status: 'committed' });
    await expect(commitPartition(runtime, task(second))).rejects.toThrow(/two rows share the key/);
    expect(files.length).toBe(2);
    expect(files.every((f) => f.closed)).toBe(true);
  });
});
