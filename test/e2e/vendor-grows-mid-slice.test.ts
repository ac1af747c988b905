import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginate } from '../../functions/engine/pagination/paginators.js';
import { commitPartition } from '../../functions/engine/run/commit-partition.js';
import { fetchPage } from '../../functions/engine/run/fetch-page.js';
import { nextTasks } from '../../functions/engine/run/next-tasks.js';
import type { FetchPageTask } from '../../functions/engine/run/tasks.js';
import { col, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { missingFromTally } from '../../functions/engine/staging/page-tally.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';

/**
 * A vendor whose pages say only whether more follow (no page or row total), and whose data grows
 * while a run fetches it: the last page, fetched again (an SQS redelivery, a retry), now says more
 * pages follow. Run through the engine's own steps (fetchPage, nextTasks, commitPartition), as
 * the fetcher and committer Lambdas run them, against a loopback vendor.
 */
const PAGE_SIZE = 2;
let served = 4;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  // GET /items?page=N&per_page=2: rows id 1..served, and "more" while rows remain past the page.
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('per_page'));
    const ids = Array.from({ length: served }, (_, i) => i + 1).slice((page - 1) * size, page * size);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ items: ids.map((id) => ({ id, value: id })), more: page * size < served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('a slice that grows while its pages are fetched (pages say only "more follow" or not)', () => {
  it('fetches the page the refetched last page now reveals, and commits the grown slice, never an internal fault', async () => {
    const paginator = paginate.pageNumber({
      in: 'query',
      pageParam: 'page',
      sizeParam: 'per_page',
      pageSize: PAGE_SIZE,
      firstPage: 1,
      hasMore: 'more',
    });
    const schema = tableSchema([col.bigint('id'), col.double('value', { metric: true })]);
    const connector = itemsConnector({ name: 'grows', table: 'grows_items', schema, paginator });
    const { runtime, staging } = itemsRuntime('grows_source', connector, {}, baseUrl);
    const runId = '20250602T060000Z-schedule';
    const date = '2025-06-01';
    const partition = runtime.partition('items', date);
    await staging.writeManifest({
      runId,
      partition,
      report: 'items',
      slices: [{ key: 'all', params: {} }],
      plannedAt: 'now',
    });
    await runtime.pageTally.expect(runId, partition, 1);
    const first: FetchPageTask = {
      type: 'fetch-page',
      runId,
      source: 'grows_source',
      report: 'items',
      date,
      slice: { key: 'all', params: {} },
      page: paginator.first(),
      fannedOut: false,
    };
    const step = async (task: FetchPageTask) => {
      const outcome = await fetchPage(runtime, task);
      return { outcome, next: await nextTasks(runtime, task, outcome) };
    };

    // 4 rows: page 1 says more, page 2 is the last and asks for the commit.
    served = 4;
    const one = await step(first);
    expect(one.next.tasks).toMatchObject([{ type: 'fetch-page', page: { ordinal: 1 } }]);
    const pageTwo = one.next.tasks[0] as FetchPageTask;
    const two = await step(pageTwo);
    expect(two.next.tasks).toMatchObject([{ type: 'commit-partition' }]);

    // The vendor's data grows to 6 rows, and page 2's message is delivered again: it now says
    // more pages follow. Its next page is fetched, and the tally no longer counts 2 pages.
    served = 6;
    const again = await step(pageTwo);
    expect(again.next.tasks).toMatchObject([{ type: 'fetch-page', page: { ordinal: 2 } }]);
    expect(missingFromTally(again.outcome.tally)).toBe('slice all: last page not fetched yet (2 staged)');

    // The commit task page 2 sent the first time runs now: the partition is not whole yet.
    const task = { runId, source: 'grows_source', report: 'items', date };
    expect(await commitPartition(runtime, task)).toEqual({
      status: 'incomplete',
      missing: 'slice all: last page not fetched yet (2 staged)',
    });

    // Page 3, the new last page, asks for the commit, which writes the vendor's 6 rows.
    const three = await step(again.next.tasks[0] as FetchPageTask);
    expect(three.next.tasks).toMatchObject([{ type: 'commit-partition' }]);
    expect(await commitPartition(runtime, task)).toMatchObject({
      status: 'committed',
      rows: 6,
      pages: 3,
      metrics: { value: 1 + 2 + 3 + 4 + 5 + 6 },
    });
  });
});
