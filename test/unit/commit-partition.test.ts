import { describe, expect, it } from 'vitest';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { digestRows } from '../../functions/engine/partitions/row-digest.js';
import { commitPartition } from '../../functions/engine/run/commit-partition.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';
import { MemoryCommitGuard } from '../support/memory-stores.js';

const schema = tableSchema([col.bigint('id'), col.double('value')]);
const connector = itemsConnector({ name: 'unit', table: 'unit_items', schema });

function setup(commitGuard?: MemoryCommitGuard) {
  const { runtime, staging, lake } = itemsRuntime('unit_source', connector, { commitGuard });
  const date = '2025-06-01';
  const partition = runtime.partition('items', date);
  const key = partitionObjectKey(partition, 'parquet');
  /** Stages a run's manifest (one slice) and the given pages of it. */
  async function stage(runId: string, pages: { ordinal: number; rows: Row[]; isLast: boolean }[]) {
    await staging.writeManifest({
      runId,
      partition,
      report: 'items',
      slices: [{ key: 'all', params: {} }],
      plannedAt: 'now',
    });
    for (const page of pages) {
      const sink = await staging.openPage(runId, partition, 'all', page.ordinal);
      await sink.write(page.rows);
      await sink.commit({
        slice: 'all',
        ordinal: page.ordinal,
        rows: page.rows.length,
        isLast: page.isLast,
        requests: 1,
        retries: 0,
        throttled: 0,
        stagedAt: 'now',
        digest: digestRows(page.rows, ['id', 'value']),
      });
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

  it('answers a duplicate commit task without reading the staged metas (fenced first)', async () => {
    // Several pages finishing a partition at once each send a commit task: the ones after the
    // first must not read every staged meta again (S3: one GET per page each).
    const { runtime, staging, stage, task } = setup(new MemoryCommitGuard());
    const run = '20250602T060000Z-schedule';
    await stage(run, [
      { ordinal: 0, rows: rows(1, 2), isLast: false },
      { ordinal: 1, rows: rows(3, 2), isLast: true },
    ]);
    let listed = 0;
    const listPages = staging.listPages.bind(staging);
    staging.listPages = async (...args) => {
      listed++;
      return listPages(...args);
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
