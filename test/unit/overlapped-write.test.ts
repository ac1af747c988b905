import { afterEach, describe, expect, it } from 'vitest';
import { FileStagingStore } from '../../functions/adapters/local/file-staging-store.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { digestRows } from '../../functions/engine/partitions/row-digest.js';
import { commitPartition } from '../../functions/engine/run/commit-partition.js';
import { OverlappedWrite } from '../../functions/engine/run/overlapped-write.js';
import { PartitionWrite } from '../../functions/engine/run/partition-write.js';
import { SourceRuntime } from '../../functions/engine/run/source-runtime.js';
import { commitPage, pageStager } from '../../functions/engine/run/stage-page.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import type { PageMeta } from '../../functions/engine/staging/staging-store.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';
import { tempDir } from '../support/lake.js';
import { MemoryLakeStore } from '../support/memory-stores.js';

const schema = tableSchema([
  col.bigint('id'),
  col.string('name', { nullable: true }),
  col.double('value', { metric: true, nullable: true }),
]);
const connector = itemsConnector({ name: 'unit', table: 'unit_items', schema });
const COLUMNS = ['id', 'name', 'value'];
const DATE = '2025-06-01';
const RUN = '20250602T060000Z-r1';
const task = { runId: RUN, source: 'unit_source', report: 'items', date: DATE };

let dirs: { cleanup: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const dir of dirs) await dir.cleanup();
  dirs = [];
});

/** A runtime over NDJSON files on disk (the CLI's staging) and a lake in memory. */
async function setup(lake = new MemoryLakeStore()) {
  const dir = await tempDir();
  dirs.push(dir);
  // The items vendor's runtime, its staging swapped for NDJSON files.
  const items = itemsRuntime('unit_source', connector).runtime;
  const runtime = new SourceRuntime(items.settings, {
    ...items.deps,
    staging: new FileStagingStore(dir.path),
    lake,
  });
  return { runtime, lake };
}

/** The same staged pages and tally, committed into another lake. */
function sameStagingOtherLake(runtime: SourceRuntime) {
  const lake = new MemoryLakeStore();
  return {
    lake,
    runtime: new SourceRuntime(runtime.settings, { ...runtime.deps, lake, pageTally: runtime.pageTally }),
  };
}

const rowsOf = (slice: string, ordinal: number): Row[] =>
  Array.from({ length: 40 }, (_, i) => ({
    id: (slice === 'a' ? 0 : 10_000) + ordinal * 100 + i,
    name: i % 7 === 0 ? null : `${slice}-${ordinal}-${i % 5}`,
    value: (ordinal * 40 + i) / 8,
  }));

/** Plans two slices (a: 3 pages, b: 2 pages) and stages the given pages; returns every page's meta. */
async function stage(
  runtime: SourceRuntime,
  which?: (meta: PageMeta) => boolean,
  rowsFor = rowsOf,
): Promise<PageMeta[]> {
  const partition = runtime.partition('items', DATE);
  await runtime.deps.staging.writeManifest({
    runId: RUN,
    partition,
    report: 'items',
    slices: [
      { key: 'a', params: {} },
      { key: 'b', params: {} },
    ],
    plannedAt: 'now',
  });
  await runtime.pageTally.expect(RUN, partition, 2);
  const metas: PageMeta[] = [];
  for (const [slice, pages] of [
    ['a', 3],
    ['b', 2],
  ] as const) {
    for (let ordinal = 0; ordinal < pages; ordinal++) {
      const rows = rowsFor(slice, ordinal);
      const meta: PageMeta = {
        slice,
        ordinal,
        rows: rows.length,
        isLast: ordinal === pages - 1,
        requests: 1,
        retries: 0,
        throttled: 0,
        stagedAt: 'now',
        digest: digestRows(rows, COLUMNS),
      };
      metas.push(meta);
      if (which && !which(meta)) continue;
      const sink = await runtime.deps.staging.openPage(RUN, partition, slice, ordinal);
      await sink.write(rows);
      await commitPage(runtime, task, sink, meta);
    }
  }
  return metas;
}

const key = partitionObjectKey({ table: 'unit_items', source: 'unit_source', date: DATE }, 'parquet');

/** What the commit alone writes from the same staged pages (the AWS committer's path). */
async function ordinaryBytes(runtime: SourceRuntime, rows = 200): Promise<Uint8Array> {
  const other = sameStagingOtherLake(runtime);
  expect(await commitPartition(other.runtime, task)).toMatchObject({ status: 'committed', rows });
  return other.lake.objects.get(key)!;
}

describe('a partition written while its pages are fetched (the local runner)', () => {
  it('writes pages staged in any order in page order, and the commit ends with the bytes the commit alone writes', async () => {
    const { runtime, lake } = await setup();
    const metas = await stage(runtime);
    const overlap = new OverlappedWrite(runtime, task);
    // Staged out of order: b's pages and a's last before a's first.
    for (const i of [4, 3, 2, 0, 1]) overlap.staged(metas[i]!);
    const started = await overlap.take();
    expect(started?.pages).toEqual([
      { slice: 'a', ordinal: 0 },
      { slice: 'a', ordinal: 1 },
      { slice: 'a', ordinal: 2 },
      { slice: 'b', ordinal: 0 },
      { slice: 'b', ordinal: 1 },
    ]);
    // Nothing is visible before the commit publishes it.
    expect(lake.objects.size).toBe(0);
    const outcome = await commitPartition(runtime, task, { started });
    expect(outcome).toMatchObject({ status: 'committed', rows: 200, pages: 5, overlapped: 5 });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('writes the rows handed over with their pages without reading them back, with the same bytes', async () => {
    const { runtime, lake } = await setup();
    const metas = await stage(runtime);
    const reads: string[] = [];
    const readPage = runtime.deps.staging.readPage.bind(runtime.deps.staging);
    runtime.deps.staging.readPage = (...args) => {
      reads.push(`${args[2]}/${args[3]}`);
      return readPage(...args);
    };
    const overlap = new OverlappedWrite(runtime, task);
    // Out of order again; a/0 comes without its rows (a page too large to keep): it is read back.
    for (const i of [1, 4, 0, 3, 2])
      overlap.staged(metas[i]!, i === 0 ? undefined : rowsOf(metas[i]!.slice, metas[i]!.ordinal));
    const outcome = await commitPartition(runtime, task, { started: await overlap.take() });
    expect(outcome).toMatchObject({ status: 'committed', rows: 200, overlapped: 5 });
    expect(reads).toEqual(['a/0']);
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('holds at most 20,000 rows of pages staged ahead of their turn; a page that does not fit is read back', async () => {
    // Pages of 6,000 rows: three fit in the 20,000 rows held, a fourth does not.
    const large = (slice: string, ordinal: number): Row[] =>
      Array.from({ length: 6_000 }, (_, i) => ({
        id: (slice === 'a' ? 0 : 1_000_000) + ordinal * 10_000 + i,
        name: `${slice}-${ordinal}-${i % 5}`,
        value: i / 8,
      }));
    const { runtime, lake } = await setup();
    const metas = await stage(runtime, undefined, large);
    const reads: string[] = [];
    const readPage = runtime.deps.staging.readPage.bind(runtime.deps.staging);
    runtime.deps.staging.readPage = (...args) => {
      reads.push(`${args[2]}/${args[3]}`);
      return readPage(...args);
    };
    const overlap = new OverlappedWrite(runtime, task);
    // a/0 comes last: a/1, a/2 and b/0 wait with their rows (18,000), b/1 and a/0 would pass 20,000.
    for (const i of [1, 2, 3, 4, 0]) overlap.staged(metas[i]!, large(metas[i]!.slice, metas[i]!.ordinal));
    const outcome = await commitPartition(runtime, task, { started: await overlap.take() });
    expect(outcome).toMatchObject({ status: 'committed', rows: 30_000, overlapped: 5 });
    expect(reads).toEqual(['a/0', 'b/1']);
    expect(
      Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime, 30_000))),
    ).toBe(true);
  });

  it('reads back the pages whose rows JSON would change (-0, NaN), so the bytes stay those of the commit alone', async () => {
    // The staged NDJSON holds 0 and null where the rows in memory hold -0 and NaN.
    // -0 on page a/1, NaN on page b/0: each page is judged on its own.
    const odd = (slice: string, ordinal: number): Row[] =>
      rowsOf(slice, ordinal).map((row, i) => {
        if (i > 0 || ordinal > 1) return row;
        if (slice === 'a' && ordinal === 1) return { ...row, value: -0 };
        return slice === 'b' && ordinal === 0 ? { ...row, value: Number.NaN } : row;
      });
    const { runtime, lake } = await setup();
    const metas = await stage(runtime, undefined, odd);
    const overlap = new OverlappedWrite(runtime, task);
    for (const meta of metas) overlap.staged(meta, odd(meta.slice, meta.ordinal));
    const outcome = await commitPartition(runtime, task, { started: await overlap.take() });
    expect(outcome).toMatchObject({ status: 'committed', rows: 200, overlapped: 5 });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('leaves the pages it was not told of (a resumed run) to the commit, with the same bytes', async () => {
    const { runtime, lake } = await setup();
    const metas = await stage(runtime);
    const overlap = new OverlappedWrite(runtime, task);
    // Page a/1 was staged by an earlier process: this runner never sees it.
    for (const i of [0, 2, 3, 4]) overlap.staged(metas[i]!);
    const outcome = await commitPartition(runtime, task, { started: await overlap.take() });
    expect(outcome).toMatchObject({ status: 'committed', rows: 200, overlapped: 1 });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('is started afresh by the commit when it does not hold the first pages in order', async () => {
    const { runtime, lake } = await setup();
    await stage(runtime);
    const started = await PartitionWrite.open(runtime, task);
    await started.add({ slice: 'a', ordinal: 1 });
    const outcome = await commitPartition(runtime, task, { started });
    expect(outcome).toMatchObject({ status: 'committed', rows: 200 });
    expect(outcome).not.toHaveProperty('overlapped');
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('is dropped when a page is staged twice, and the commit writes the partition on its own', async () => {
    const { runtime, lake } = await setup();
    const metas = await stage(runtime);
    const overlap = new OverlappedWrite(runtime, task);
    overlap.staged(metas[0]!);
    overlap.staged(metas[0]!);
    for (const meta of metas.slice(1)) overlap.staged(meta);
    const started = await overlap.take();
    expect(started).toBeUndefined();
    expect(await commitPartition(runtime, task, { started })).toMatchObject({
      status: 'committed',
      rows: 200,
    });
    expect(Buffer.from(lake.objects.get(key)!).equals(Buffer.from(await ordinaryBytes(runtime)))).toBe(true);
  });

  it('publishes nothing when the commit refuses the partition, and holds the write back from a later commit', async () => {
    const { runtime, lake } = await setup();
    // Page b/1 (the last of slice b) never arrives: the partition is incomplete.
    const metas = await stage(runtime, (meta) => !(meta.slice === 'b' && meta.ordinal === 1));
    const overlap = new OverlappedWrite(runtime, task);
    for (const meta of metas.slice(0, 4)) overlap.staged(meta);
    const started = await overlap.take();
    expect(started?.pages).toHaveLength(4);
    expect(await commitPartition(runtime, task, { started })).toMatchObject({ status: 'incomplete' });
    expect(lake.objects.size).toBe(0);
    // The commit dropped the write it was handed: it cannot be continued or published.
    expect(started?.startsWith([])).toBe(false);
    await expect(started!.finish()).rejects.toThrow(/aborted/);
  });
});

describe('the rows a fetched page hands to the overlapped write', () => {
  it('are the rows staged, and only while the page stages no more than the runner allows', async () => {
    const { runtime } = await setup();
    const page = {
      ...task,
      type: 'fetch-page' as const,
      slice: { key: 'all', params: {} },
      page: runtime.report('items').paginator.first(),
      fannedOut: false,
    };
    const context = { source: 'unit_source', report: 'items', date: DATE };
    const records = [
      { id: 1, name: 'x', value: 1.5 },
      { id: 2, name: null, value: 2 },
      { id: 3, name: 'z', value: 0.25 },
    ];
    const staged = async (keep: number) => {
      const sink = await runtime.deps.staging.openPage(RUN, runtime.partition('items', DATE), 'all', keep);
      const stager = pageStager(runtime, runtime.report('items'), page, sink, context, keep);
      for (const record of records) await stager.push(record);
      const rows = await stager.finish();
      await sink.abort();
      return rows;
    };
    expect((await staged(3)).kept).toEqual(records);
    expect(await staged(2)).not.toHaveProperty('kept');
    expect(await staged(0)).not.toHaveProperty('kept');
  });
});
