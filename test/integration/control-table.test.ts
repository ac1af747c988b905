import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCommitGuard } from '../../functions/adapters/aws/dynamo-commit-guard.js';
import { DynamoLeaseStore } from '../../functions/adapters/aws/dynamo-lease.js';
import { DynamoPageTally } from '../../functions/adapters/aws/dynamo-page-tally.js';
import { DynamoRateBudgetStore } from '../../functions/adapters/aws/dynamo-rate-budget.js';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import { SharedRateGate } from '../../functions/engine/control/shared-rate-gate.js';
import { DeadlineError } from '../../functions/engine/errors.js';
import {
  InProcessPageTally,
  missingFromTally,
  type PageTally,
  type TalliedPage,
} from '../../functions/engine/staging/page-tally.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.stop();
});

const T0 = Date.UTC(2025, 5, 1, 12);

describe('the control table on DynamoDB (dynalite in process)', () => {
  it('accepts exactly 50 of 200 concurrent conditional takes from a slot of 50', async () => {
    const store = new DynamoRateBudgetStore(dynamo.client, await dynamo.table());
    const taken = await Promise.all(
      Array.from({ length: 200 }, () => store.take('acct', 7, 50, T0 + 60_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(50);
  }, 60_000);

  it('keeps 60 racing containers under the limit in every window, spending the planned share', async () => {
    const table = await dynamo.table();
    const store = new DynamoRateBudgetStore(dynamo.client, table);
    const limit = { requests: 50, windowMs: 5_000 };
    const sends: number[] = [];
    const gates = Array.from(
      { length: 60 },
      () =>
        new SharedRateGate({
          account: 'trackmaster:acme',
          limit,
          store,
          now: () => T0,
          sleep: async (ms) => {
            sends.push(T0 + ms);
          },
        }),
    );
    // The invocation may wait 5 s at most: whoever gets no slot by then is handed back.
    const deadline = { at: T0 + 5_000, name: 'the invocation' };
    const outcomes = await Promise.allSettled(gates.map((g) => g.acquire(deadline)));
    const granted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const deferred = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof DeadlineError);
    expect(granted + deferred.length).toBe(60);
    expect(granted).toBe(sends.length);
    // No window of 5 s, wherever it starts, holds more than 50 sends.
    sends.sort((x, y) => x - y);
    let most = 0;
    for (let i = 0, j = 0; i < sends.length; i++) {
      while (sends[i]! - sends[j]! >= limit.windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(50);
    // A window's worth of budget, spent at the plan's share (0.96 here) at least.
    const { share } = gates[0]!.plan;
    expect(share).toBeGreaterThanOrEqual(0.9);
    expect(granted).toBeGreaterThanOrEqual(Math.floor(50 * share));
    // A deferral says when to come back: a slot after the deadline.
    expect((deferred[0] as PromiseRejectedResult).reason.resumeAt).toBeGreaterThanOrEqual(T0 + 5_000);
  }, 60_000);

  it('lets a vendor refusal push the schedule of every container of the account to the reset', async () => {
    const table = await dynamo.table();
    const store = new DynamoRateBudgetStore(dynamo.client, table);
    let now = T0;
    const make = () =>
      new SharedRateGate({
        account: 'a',
        limit: { requests: 100, windowMs: 1_000 },
        store,
        now: () => now,
        blockCacheMs: 0,
        sleep: async () => undefined,
      });
    const first = make();
    const second = make();
    const soon = () => ({ at: now + 100, name: 'the invocation' });
    await first.acquire(soon());
    first.observe(0, T0 + 30_000);
    await first.pending;
    await expect(second.acquire(soon())).rejects.toMatchObject({ resumeAt: T0 + 30_000 });
    now = T0 + 30_000;
    await expect(second.acquire(soon())).resolves.toBeGreaterThan(0);
  }, 30_000);

  it('gives a lease to one holder, takes it over only after expiry, and fences the old holder', async () => {
    const table = await dynamo.table();
    let now = T0;
    const leases = new DynamoLeaseStore(dynamo.client, table, () => now);
    const contenders = await Promise.all(
      Array.from({ length: 20 }, (_, i) => leases.tryAcquire('token#src', `c${i}`, 60_000)),
    );
    const holders = contenders.filter((l) => l !== undefined);
    expect(holders).toHaveLength(1);
    const first = holders[0]!;
    expect(await leases.tryAcquire('token#src', 'late', 60_000)).toBeUndefined();

    now += 61_000; // the holder stalled past its lease
    const second = await leases.tryAcquire('token#src', 'next', 60_000);
    expect(second?.fence).toBe(first.fence + 1);
    expect(await leases.confirm(first, 60_000)).toBe(false);
    await leases.release(first); // must not end the successor's lease
    expect(await leases.tryAcquire('token#src', 'third', 60_000)).toBeUndefined();
    expect(await leases.confirm(second!, 60_000)).toBe(true);
    await leases.release(second!);
    expect(await leases.tryAcquire('token#src', 'third', 60_000)).toBeDefined();
  });

  it('tallies staged pages: 40 containers recording at once, twice each, see the partition whole exactly when it is', async () => {
    const tally = new DynamoPageTally(dynamo.client, await dynamo.table());
    const partition = { table: 'trackmaster_daily_reports', source: 'tm', date: '2025-06-01' };
    const run = '20250602T000000Z-schedule';
    await tally.expect(run, partition, 2);
    // Slice "media=1/campaign=7": 30 fanned-out pages; slice "media=1/campaign=8": one page, the last.
    const pages = [
      ...Array.from({ length: 30 }, (_, ordinal) => ({ slice: 'media=1/campaign=7', ordinal, pages: 30 })),
      { slice: 'media=1/campaign=8', ordinal: 0, pages: 1 },
    ];
    // Every page recorded twice (a redelivered message) and all at once (one container each).
    const answers = await Promise.all([...pages, ...pages].map((page) => tally.record(run, partition, page)));
    // Only answers after the last distinct page was recorded may say "complete"; at least one does.
    expect(answers.some((answer) => missingFromTally(answer) === undefined)).toBe(true);
    const final = await tally.read(run, partition);
    expect(final.slices).toBe(2);
    expect(final.bySlice.get('media=1/campaign=7')).toEqual({
      staged: new Set(Array.from({ length: 30 }, (_, i) => i)),
      pages: 30,
      // Whichever page recorded the count first: the others announced the same.
      countedBy: { ordinal: expect.any(Number) },
    });
    expect(missingFromTally(final, ['media=1/campaign=7', 'media=1/campaign=8'])).toBeUndefined();
    // Another partition, one page short: never complete, whatever the order.
    const other = { ...partition, date: '2025-06-02' };
    await tally.expect(run, other, 1);
    const short = await Promise.all(
      [0, 1, 3].map((ordinal) => tally.record(run, other, { slice: 'all', ordinal, pages: 4 })),
    );
    expect(short.map((answer) => missingFromTally(answer))).toEqual([
      expect.stringMatching(/not staged/),
      expect.stringMatching(/not staged/),
      expect.stringMatching(/not staged/),
    ]);
  }, 60_000);

  it("keeps each slice's page count to the newest answer of the page that set it, or a smaller one (both stores alike)", async () => {
    const partition = { table: 'adcloud_advertiser', source: 'grows', date: '2025-06-01' };
    const stores: [string, PageTally][] = [
      ['DynamoDB', new DynamoPageTally(dynamo.client, await dynamo.table())],
      ['in process', new InProcessPageTally()],
    ];
    for (const [name, tally] of stores) {
      const run = `20250602T000000Z-${name === 'DynamoDB' ? 'dynamo' : 'memory'}`;
      await tally.expect(run, partition, 2);
      const record = async (page: TalliedPage) => {
        const answer = await tally.record(run, partition, page);
        const slice = answer.bySlice.get(page.slice)!;
        return {
          pages: slice.pages,
          countedBy: slice.countedBy,
          missing: missingFromTally(answer, [page.slice]),
        };
      };
      // Slice "last" pages say only whether they are the last. Page 2 was the last, then it was
      // fetched again after the vendor's data grew: now more pages follow, and its count goes.
      await record({ slice: 'last', ordinal: 0 });
      expect(await record({ slice: 'last', ordinal: 1, pages: 2, stagedAt: 't1' }), name).toEqual({
        pages: 2,
        countedBy: { ordinal: 1, stagedAt: 't1' },
        missing: undefined,
      });
      expect(await record({ slice: 'last', ordinal: 1, stagedAt: 't2' }), name).toEqual({
        pages: undefined,
        countedBy: undefined,
        missing: 'slice last: last page not fetched yet (2 staged)',
      });
      // Another page saying "more" never clears the count a page set.
      expect(await record({ slice: 'last', ordinal: 2, pages: 3, stagedAt: 't3' }), name).toMatchObject({
        pages: 3,
        missing: undefined,
      });
      expect(await record({ slice: 'last', ordinal: 0, stagedAt: 't4' }), name).toMatchObject({
        pages: 3,
        countedBy: { ordinal: 2, stagedAt: 't3' },
      });
      // Slice "total" pages announce a page total. Another page's larger total never raises the
      // count (the pages past the smaller one were never sent); a smaller one lowers it; the page
      // that set the count moves it either way, and its newest answer is the one kept.
      await record({ slice: 'total', ordinal: 0, pages: 2, stagedAt: 'u1' });
      expect(await record({ slice: 'total', ordinal: 1, pages: 3, stagedAt: 'u2' }), name).toEqual({
        pages: 2,
        countedBy: { ordinal: 0, stagedAt: 'u1' },
        missing: undefined,
      });
      expect(await record({ slice: 'total', ordinal: 0, pages: 4, stagedAt: 'u3' }), name).toMatchObject({
        pages: 4,
        countedBy: { ordinal: 0, stagedAt: 'u3' },
      });
      expect(await record({ slice: 'total', ordinal: 1, pages: 3, stagedAt: 'u4' }), name).toMatchObject({
        pages: 3,
        countedBy: { ordinal: 1, stagedAt: 'u4' },
      });
      expect(await record({ slice: 'total', ordinal: 1, pages: 3, stagedAt: 'u5' }), name).toMatchObject({
        countedBy: { ordinal: 1, stagedAt: 'u5' },
      });
      // A page past the first never raises the count, not even its own: page 1 fanned out only
      // up to it, so the pages past it would be nobody's to fetch.
      expect(await record({ slice: 'total', ordinal: 1, pages: 5, stagedAt: 'u6' }), name).toEqual({
        pages: 3,
        countedBy: { ordinal: 1, stagedAt: 'u5' },
        missing: 'slice total: page 3 of 3 not staged',
      });
      expect((await tally.read(run, partition)).bySlice.get('last'), name).toEqual({
        staged: new Set([0, 1, 2]),
        pages: 3,
        countedBy: { ordinal: 2, stagedAt: 't3' },
      });
    }
  });

  it('records a page in one write, but the last of a slice followed one page at a time (two: one refused)', async () => {
    let writes = 0;
    const counting = {
      send: (command: Parameters<typeof dynamo.client.send>[0]) => {
        writes++;
        return dynamo.client.send(command);
      },
    } as typeof dynamo.client;
    const tally = new DynamoPageTally(counting, await dynamo.table());
    const partition = { table: 'mediamath_x', source: 'writes', date: '2025-06-01' };
    const run = '20250602T000000Z-writes';
    const writesFor = async (page: TalliedPage) => {
      writes = 0;
      await tally.record(run, partition, page);
      return writes;
    };
    // A one-page slice (TrackMaster's campaigns); a fanned-out slice of 3, page 1 first.
    expect(await writesFor({ slice: 'one', ordinal: 0, pages: 1, stagedAt: 'a' })).toBe(1);
    expect(await writesFor({ slice: 'fan', ordinal: 0, pages: 3, stagedAt: 'b' })).toBe(1);
    expect(await writesFor({ slice: 'fan', ordinal: 2, pages: 3, stagedAt: 'c' })).toBe(1);
    expect(await writesFor({ slice: 'fan', ordinal: 1, pages: 3, stagedAt: 'd' })).toBe(1);
    // Followed one page at a time: "more", "more", then the last.
    expect(await writesFor({ slice: 'chain', ordinal: 0, stagedAt: 'e' })).toBe(1);
    expect(await writesFor({ slice: 'chain', ordinal: 1, stagedAt: 'f' })).toBe(1);
    expect(await writesFor({ slice: 'chain', ordinal: 2, pages: 3, stagedAt: 'g' })).toBe(2);
    const final = await tally.read(run, partition);
    const slices = [...final.bySlice].sort(([a], [b]) => a.localeCompare(b));
    expect(slices.map(([key, slice]) => [key, slice.pages, slice.staged.size])).toEqual([
      ['chain', 3, 3],
      ['fan', 3, 3],
      ['one', 1, 1],
    ]);
  });

  // DynamoDB refuses an item over 400 KB (409,600 bytes; dynalite enforces the same limit).
  describe('a page tally never outgrows its DynamoDB item', () => {
    const partition = { table: 'tune_campaigns', source: 'tune_big', date: '2025-06-01' };
    const run = '20250602T000000Z-schedule';
    const keyOf = (p: typeof partition) => ({
      pk: { S: `pages#${p.source}#${run}` },
      sk: { S: `${p.table}#${p.date}` },
    });

    it('bounds its capacity below 400 KB: fewer pages with more and longer slice keys', async () => {
      const tally = new DynamoPageTally(dynamo.client, await dynamo.table());
      const one = tally.capacity(run, partition, ['all']);
      expect(one).toBeGreaterThan(75_000);
      expect(one).toBeLessThan(100_000); // the default maxPagesPerPartition does not fit one item
      const many = Array.from({ length: 1_000 }, (_, i) => `media=101/campaign=${100_000 + i}`);
      expect(tally.capacity(run, partition, many)).toBeLessThan(one - 10_000);
      expect(tally.capacity(run, partition, Array(8_000).fill('x'.repeat(60)))).toBe(0);
    });

    it('holds every page of its capacity, and refuses the next before writing, with one clear error', async () => {
      const table = await dynamo.table();
      const tally = new DynamoPageTally(dynamo.client, table);
      const capacity = tally.capacity(run, partition, ['all']);
      // Every ordinal below the capacity in one write: DynamoDB (dynalite) takes the item.
      await dynamo.client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: keyOf(partition),
          UpdateExpression: 'ADD #staged :ordinals SET slices = :one, #ttl = :ttl',
          ExpressionAttributeNames: { '#staged': 'staged#all', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':ordinals': { NS: Array.from({ length: capacity - 1 }, (_, i) => String(i)) },
            ':one': { N: '1' },
            ':ttl': { N: '1790000000' },
          },
        }),
      );
      const last = await tally.record(run, partition, {
        slice: 'all',
        ordinal: capacity - 1,
        pages: capacity,
      });
      expect(missingFromTally(last)).toBeUndefined();
      const refused = await tally
        .record(run, partition, { slice: 'all', ordinal: capacity })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED' });
      expect((refused as Error).message).toMatch(
        new RegExp(
          `page ${capacity + 1} of slice all is past the ${capacity} pages .*one DynamoDB item of at most 400 KB`,
        ),
      );
      expect((await tally.read(run, partition)).bySlice.get('all')?.staged.size).toBe(capacity);
    }, 60_000);

    it("names the tally when DynamoDB refuses a write for the item's size (a page of another slice)", async () => {
      const table = await dynamo.table();
      const tally = new DynamoPageTally(dynamo.client, table);
      const other = { ...partition, date: '2025-06-02' };
      const key = keyOf(other);
      // An item a few bytes under the limit, as dynalite counts it (names + values).
      const used = 2 + key.pk.S.length + 2 + key.sk.S.length + 'pad'.length;
      await dynamo.client.send(
        new PutItemCommand({ TableName: table, Item: { ...key, pad: { S: 'x'.repeat(409_595 - used) } } }),
      );
      const refused = await tally
        .record(run, other, { slice: 'b', ordinal: 0, pages: 1 })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'BUDGET_EXCEEDED' });
      expect((refused as Error).message).toMatch(
        /DynamoDB refused to record page 1 of slice b: .*page tally/,
      );
    }, 60_000);
  });

  it('refuses a commit by a run older than the one that committed the partition', async () => {
    const table = await dynamo.table();
    const guard = new DynamoCommitGuard(dynamo.client, table);
    const partition = { table: 'tm_daily', source: 'tm', date: '2025-06-01' };
    const newer = await guard.claim(partition, '20250602T060000Z-schedule');
    expect(newer.granted).toBe(true);
    // While it commits, nobody else may.
    expect(await guard.claim(partition, '20250603T060000Z-schedule')).toMatchObject({
      granted: false,
      reason: 'busy',
    });
    if (newer.granted) await newer.release({ rows: 3, bytes: 10, committedAt: 'now' });
    expect(await guard.claim(partition, '20250601T060000Z-schedule')).toMatchObject({
      granted: false,
      reason: 'superseded',
      by: '20250602T060000Z-schedule',
    });
    expect(await guard.claim(partition, '20250602T060000Z-schedule')).toMatchObject({
      granted: false,
      reason: 'committed',
    });
    expect(await guard.committed('tm')).toEqual([
      expect.objectContaining({
        table: 'tm_daily',
        date: '2025-06-01',
        rows: 3,
        runId: '20250602T060000Z-schedule',
      }),
    ]);
  });

  it('starts a run once: a repeat finds it, a planner that died while planning is taken over', async () => {
    const table = await dynamo.table();
    let now = T0;
    const ledger = new DynamoRunLedger(dynamo.client, table, () => now);
    const run = {
      source: 'tm',
      runId: '20250602T060000Z-schedule',
      trigger: 'schedule' as const,
      dates: ['2025-06-01'],
      state: 'planning' as const,
      startedAt: 'x',
    };
    const starts = await Promise.all([1, 2, 3].map(() => ledger.startRun(run, 60_000)));
    expect(starts.filter((s) => s.started)).toHaveLength(1);
    now += 61_000;
    expect(await ledger.startRun(run, 60_000)).toEqual({ started: true });
    await ledger.finishPlanning('tm', run.runId);
    expect(await ledger.startRun(run, 60_000)).toMatchObject({ started: false, reason: 'planned' });
    const partition = { table: 'tm_daily', source: 'tm', date: '2025-06-01' };
    const entry = {
      runId: run.runId,
      report: 'daily',
      partition,
      state: 'planned' as const,
      pages: 2,
      plannedAt: 'x',
      updatedAt: 'x',
    };
    expect(await ledger.recordPlanned(entry)).toBe(true);
    expect(await ledger.recordPlanned(entry)).toBe(false);
    await ledger.settle(run.runId, partition, { state: 'committed', rows: 5, bytes: 9 });
    await ledger.settle(run.runId, partition, { state: 'failed', error: 'late duplicate' });
    expect(await ledger.partitions('tm', run.runId)).toEqual([
      expect.objectContaining({ state: 'committed', rows: 5, bytes: 9 }),
    ]);
    expect((await ledger.runs('tm')).map((r) => r.state)).toEqual(['planned']);
  });
});
