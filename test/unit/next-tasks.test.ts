import { describe, expect, it } from 'vitest';
import { digestRows } from '../../functions/engine/partitions/row-digest.js';
import type { PageOutcome } from '../../functions/engine/run/fetch-page.js';
import { nextTasks } from '../../functions/engine/run/next-tasks.js';
import { commitPage } from '../../functions/engine/run/stage-page.js';
import type { FetchPageTask } from '../../functions/engine/run/tasks.js';
import { col, tableSchema } from '../../functions/engine/schema/table-schema.js';
import type { PageMeta } from '../../functions/engine/staging/staging-store.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';
import { pageMeta } from '../support/page-meta.js';

const connector = itemsConnector({
  name: 'unit',
  table: 'unit_items',
  schema: tableSchema([col.bigint('id')]),
});

const RUN = '20250602T000000Z-unit';
const DATE = '2025-06-01';

function setup() {
  const { runtime, staging } = itemsRuntime('unit_source', connector);
  const partition = runtime.partition('items', DATE);
  const meta = (ordinal: number, extra: Partial<PageMeta> = {}): PageMeta =>
    pageMeta({ ordinal, rows: 1, isLast: false, digest: digestRows([{ id: ordinal }], ['id']), ...extra });
  async function stage(metas: PageMeta[], slices = ['all']) {
    await staging.writeManifest({
      runId: RUN,
      partition,
      report: 'items',
      slices: slices.map((key) => ({ key, params: {} })),
      plannedAt: 'now',
    });
    await runtime.pageTally.expect(RUN, partition, slices.length);
    for (const m of metas) {
      const sink = await staging.openPage(RUN, partition, m.slice, m.ordinal);
      await sink.write([{ id: m.ordinal }]);
      await commitPage(runtime, page(m.ordinal), sink, m);
    }
  }
  const page = (ordinal: number): FetchPageTask => ({
    type: 'fetch-page',
    runId: RUN,
    source: 'unit_source',
    report: 'items',
    date: DATE,
    slice: { key: 'all', params: {} },
    page: { state: { kind: 'page-number', page: ordinal + 1 } as never, ordinal },
    fannedOut: true,
  });
  const outcome = async (m: PageMeta, following: FetchPageTask[] = []): Promise<PageOutcome> => ({
    meta: m,
    following,
    tally: await runtime.pageTally.read(RUN, partition),
  });
  return { runtime, stage, meta, page, outcome };
}

describe('nextTasks, the completeness tracker of the local runner and the fetcher Lambda', () => {
  it('returns the pages a page revealed, and no commit with them', async () => {
    const { runtime, stage, meta, page, outcome } = setup();
    await stage([meta(0, { totalPages: 3 })]);
    const next = await nextTasks(
      runtime,
      page(0),
      await outcome(meta(0, { totalPages: 3 }), [page(1), page(2)]),
    );
    expect(next.tasks.map((t) => t.type)).toEqual(['fetch-page', 'fetch-page']);
  });

  it('asks for no commit while a page of the partition is not staged, and says which', async () => {
    const { runtime, stage, meta, page, outcome } = setup();
    // Pages 1 and 3 of 3 staged (a fanned-out slice), page 2 still running elsewhere.
    await stage([meta(0, { totalPages: 3 }), meta(2, { totalPages: 3, isLast: true })]);
    const next = await nextTasks(runtime, page(2), await outcome(meta(2, { totalPages: 3, isLast: true })));
    expect(next.tasks).toEqual([]);
    expect(next.missing).toMatch(/page 2 of 3 not staged/);
    // A slice whose last page is not known yet (next-link pagination) is not complete either.
    const unknown = setup();
    await unknown.stage([unknown.meta(0), unknown.meta(1)]);
    const none = await nextTasks(unknown.runtime, unknown.page(1), await unknown.outcome(unknown.meta(1)));
    expect(none.tasks).toEqual([]);
    expect(none.missing).toMatch(/last page not fetched yet/);
  });

  it('asks for the commit once every page of every slice is staged', async () => {
    const { runtime, stage, meta, page, outcome } = setup();
    await stage([
      meta(0, { totalPages: 3 }),
      meta(1, { totalPages: 3 }),
      meta(2, { totalPages: 3, isLast: true }),
    ]);
    const next = await nextTasks(runtime, page(1), await outcome(meta(1, { totalPages: 3 })));
    expect(next.tasks).toEqual([
      { type: 'commit-partition', runId: RUN, source: 'unit_source', report: 'items', date: DATE },
    ]);
  });

  it('asks for no commit while a slice of the partition has no page staged, though every staged slice is whole', async () => {
    const { runtime, stage, meta, page, outcome } = setup();
    // Two slices planned; only slice "a" (one page, the last) is staged.
    await stage([meta(0, { slice: 'a', isLast: true })], ['a', 'b']);
    const next = await nextTasks(runtime, page(0), await outcome(meta(0, { slice: 'a', isLast: true })));
    expect(next.tasks).toEqual([]);
    expect(next.missing).toMatch(/1 of 2 slices not staged yet/);
  });

  it('counts a page recorded twice (a redelivered message) once', async () => {
    const { runtime, stage, meta, page, outcome } = setup();
    await stage([meta(0, { totalPages: 3 }), meta(0, { totalPages: 3 }), meta(2, { totalPages: 3 })]);
    const next = await nextTasks(runtime, page(0), await outcome(meta(0, { totalPages: 3 })));
    expect(next.tasks).toEqual([]);
    expect(next.missing).toMatch(/page 2 of 3 not staged/);
  });
});
