import fc from 'fast-check';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { type PageRef, type Paginator, pagesForTotal } from '../../functions/engine/pagination/paginator.js';
import { paginate } from '../../functions/engine/pagination/paginators.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { digestRows } from '../../functions/engine/partitions/row-digest.js';
import { commitPartition, findMissing } from '../../functions/engine/run/commit-partition.js';
import { commitPage } from '../../functions/engine/run/stage-page.js';
import { col, type Row, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { InProcessPageTally, missingFromTally } from '../../functions/engine/staging/page-tally.js';
import type { PageMeta } from '../../functions/engine/staging/staging-store.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';
import { PARQUET_DECOMPRESSORS } from '../support/lake.js';
import { MemoryStagingStore } from '../support/memory-stores.js';

const schema = tableSchema([col.bigint('id'), col.string('label', { nullable: true }), col.double('value')]);
const COLUMNS = schema.columns.map((c) => c.name);

const connector = (paginator: Paginator) =>
  itemsConnector({ name: 'prop', table: 'prop_items', schema, paginator });

const sourceRows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, label: i % 3 ? `r${i}` : null, value: i / 8 }));

/**
 * A simulated vendor + queue: pages are delivered in any order, some twice, some after a
 * failed attempt that wrote rows into its sink and aborted. The engine's paginator decides the
 * following pages, staging keeps one copy per page, and the commit must see exactly the rows.
 */
async function simulate(
  paginator: Paginator,
  pageSize: number,
  rows: Row[],
  knownUpFront: boolean,
  choices: { pick: number; duplicate: boolean; failFirst: boolean }[],
) {
  const { runtime, staging, lake } = itemsRuntime('prop_source', connector(paginator));
  const task = { runId: 'run-1', source: 'prop_source', report: 'items', date: '2024-01-01' };
  const partition = runtime.partition('items', task.date);
  const slice = { key: 'all', params: {}, ...(knownUpFront ? { totalItems: rows.length } : {}) };
  await staging.writeManifest({
    runId: task.runId,
    partition,
    report: 'items',
    slices: [slice],
    plannedAt: '',
  });

  const queue: PageRef[] = knownUpFront
    ? pagesForTotal(paginator, rows.length, Number.POSITIVE_INFINITY)
    : [paginator.first()];
  let step = 0;
  while (queue.length > 0) {
    const choice = choices[step++ % Math.max(1, choices.length)] ?? {
      pick: 0,
      duplicate: false,
      failFirst: false,
    };
    const [page] = queue.splice(choice.pick % queue.length, 1);
    const ordinal = page!.ordinal;
    const pageRows = rows.slice(ordinal * pageSize, (ordinal + 1) * pageSize);
    const deliveries = choice.duplicate ? 2 : 1;
    for (let delivery = 0; delivery < deliveries; delivery++) {
      if (choice.failFirst && delivery === 0) {
        const doomed = await staging.openPage(task.runId, partition, 'all', ordinal);
        await doomed.write(pageRows.slice(0, Math.ceil(pageRows.length / 2)));
        await doomed.abort();
      }
      const following = paginator.next(
        page!,
        { records: pageRows.length, headers: new Headers(), totalItems: rows.length },
        { fannedOut: knownUpFront },
      );
      const sink = await staging.openPage(task.runId, partition, 'all', ordinal);
      await sink.write(pageRows);
      await commitPage(runtime, task, sink, {
        slice: 'all',
        ordinal,
        rows: pageRows.length,
        isLast: following.isLast,
        totalPages: following.totalPages,
        totalItems: rows.length,
        requests: 1,
        retries: 0,
        throttled: 0,
        stagedAt: '',
        digest: digestRows(pageRows, COLUMNS),
      });
      // A redelivered message fans out again: the queue may hold a page twice.
      queue.push(...following.pages);
    }
  }
  expect(missingFromTally(await runtime.pageTally.read(task.runId, partition), ['all'])).toBeUndefined();
  const first = await commitPartition(runtime, task);
  const second = await commitPartition(runtime, task);
  const bytes = lake.objects.get(partitionObjectKey(partition, 'parquet'))!;
  const read = await parquetReadObjects({
    file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    compressors: PARQUET_DECOMPRESSORS,
  });
  return {
    first,
    second,
    read: read.map((r) => ({ id: Number(r.id), label: r.label as string | null, value: r.value as number })),
  };
}

describe('paginators + staging + commit (property)', () => {
  it('commit the source rows exactly, whatever the page size, order, duplicates and failed attempts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 250 }),
        fc.integer({ min: 0, max: 1 }),
        fc.boolean(),
        fc.array(fc.record({ pick: fc.nat(50), duplicate: fc.boolean(), failFirst: fc.boolean() }), {
          maxLength: 20,
        }),
        async (count, pageSize, firstPageNumber, knownUpFront, choices) => {
          const paginator = paginate.pageNumber({
            in: 'query',
            pageParam: 'page',
            sizeParam: 'size',
            pageSize,
            firstPage: firstPageNumber,
          });
          const rows = sourceRows(count);
          const { first, second, read } = await simulate(paginator, pageSize, rows, knownUpFront, choices);
          expect(first.status).toBe('committed');
          expect(second.status).toBe('committed');
          if (first.status === 'committed' && second.status === 'committed') {
            expect(first.rows).toBe(count);
            expect(second.digest).toBe(first.digest);
            // The commit adds up the digests the pages took while staging.
            expect(first.digest).toBe(digestRows(rows, COLUMNS));
          }
          expect(read).toHaveLength(count);
          expect(digestRows(read, COLUMNS)).toBe(digestRows(rows, COLUMNS));
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  });

  it('never commits a partition with a page missing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 30 }), fc.nat(), async (pages, missingSeed) => {
        const staging = new MemoryStagingStore();
        const tally = new InProcessPageTally();
        const partition = { table: 't', source: 's', date: '2024-01-01' };
        await staging.writeManifest({
          runId: 'r',
          partition,
          report: 'x',
          slices: [{ key: 'all', params: {} }],
          plannedAt: '',
        });
        const missing = missingSeed % pages;
        const metas: PageMeta[] = [];
        for (let ordinal = 0; ordinal < pages; ordinal++) {
          if (ordinal === missing) continue;
          const sink = await staging.openPage('r', partition, 'all', ordinal);
          const meta = {
            slice: 'all',
            ordinal,
            rows: 0,
            isLast: ordinal === pages - 1,
            requests: 1,
            retries: 0,
            throttled: 0,
            stagedAt: '',
            digest: digestRows([], COLUMNS),
          };
          await sink.commit(meta);
          metas.push(meta);
          await tally.record('r', partition, { slice: 'all', ordinal, ...(meta.isLast ? { pages } : {}) });
        }
        // Neither the tally (the fetchers' and the commit's first check) nor the pages' own metas
        // (the commit's check before it replaces the partition) see the partition whole.
        expect(missingFromTally(await tally.read('r', partition), ['all'])).toBeDefined();
        const manifest = (await staging.readManifest('r', partition))!;
        expect(findMissing(manifest, metas)).toBeDefined();
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
