import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployedStatus, formatStatus, localStatus } from '../../bin/status.js';
import { DynamoCommitGuard } from '../../functions/adapters/aws/dynamo-commit-guard.js';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import { FileLakeStore } from '../../functions/adapters/local/file-lake-store.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { tempDir } from '../support/lake.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.stop();
});

const NOW = new Date('2025-06-05T12:00:00Z');

describe('report-fetcher status', () => {
  it('shows the last committed date, rows and age per source and table from the local lake', async () => {
    const dir = await tempDir('rf-status-');
    try {
      const lake = new FileLakeStore(dir.path);
      for (const [date, rows] of [
        ['2025-06-03', 7],
        ['2025-06-04', 9],
      ] as const) {
        await lake.recordCommit({
          partition: { table: 'adcloud_advertiser', source: 'adcloud_de', date },
          runId: 'r',
          format: 'parquet',
          rows,
          bytes: 100,
          pages: 1,
          committedAt: '2025-06-05T06:00:00Z',
          digest: 'x',
        });
      }
      // Restatement records: three this week of two partitions (one restated twice), one older
      // than a week.
      for (const [date, table, runId] of [
        ['2025-06-03', 'adcloud_advertiser', '20250604T060000Z-abc123'],
        ['2025-06-02', 'adcloud_advertiser', '20250605T060000Z-def456'],
        ['2025-06-02', 'adcloud_advertiser', '20250604T060000Z-abc123'],
        ['2025-05-20', 'adcloud_advertiser', '20250521T060000Z-old999'],
      ] as const) {
        const sink = await lake.openObject(
          `restatements/source=adcloud_de/dt=${date}/${table}-${runId}.parquet`,
          'application/vnd.apache.parquet',
        );
        await sink.close();
      }
      const lines = await localStatus(dir.path, NOW);
      expect(lines).toEqual([
        expect.objectContaining({
          source: 'adcloud_de',
          table: 'adcloud_advertiser',
          lastDate: '2025-06-04',
          rows: 9,
          restated: 2,
        }),
      ]);
      expect(formatStatus(lines, NOW, false)).toBe(
        'source      table               last date   rows  age  restated 7d\nadcloud_de  adcloud_advertiser  2025-06-04  9     6h   2\n',
      );
    } finally {
      await dir.cleanup();
    }
  });

  it('shows deployed commits from the fences, the partitions restated this week and what recent runs failed or never committed', async () => {
    const table = await dynamo.table();
    const guard = new DynamoCommitGuard(dynamo.client, table);
    const ledger = new DynamoRunLedger(dynamo.client, table);
    const runId = '20250605T060000Z-schedule';
    const partition = (date: string) => ({ table: 'tm_daily', source: 'tm', date });
    // Three partitions: one restated this week, one restated before it, one never restated.
    for (const [date, restatedAt] of [
      ['2025-06-03', '2025-06-05T07:00:00Z'],
      ['2025-05-20', '2025-05-21T07:00:00Z'],
      ['2025-05-21', undefined],
    ] as const) {
      const claim = await guard.claim(partition(date), runId);
      expect(claim.granted).toBe(true);
      if (claim.granted)
        await claim.release({
          rows: 12,
          bytes: 1,
          committedAt: '2025-06-05T07:00:00Z',
          ...(restatedAt ? { restatedAt } : {}),
        });
    }
    // A later commit of the restated partition that found no change keeps its restatedAt.
    const again = await guard.claim(partition('2025-06-03'), '20250605T080000Z-schedule');
    if (again.granted) await again.release({ rows: 12, bytes: 1, committedAt: '2025-06-05T08:00:00Z' });
    await ledger.startRun(
      { source: 'tm', runId, trigger: 'schedule', dates: [], state: 'planning', startedAt: 'x' },
      1,
    );
    const entry = { runId, report: 'daily', plannedAt: 'x', updatedAt: 'x', pages: 1 };
    await ledger.recordPlanned({ ...entry, partition: partition('2025-06-03'), state: 'planned' });
    await ledger.settle(runId, partition('2025-06-03'), { state: 'committed', rows: 12 });
    await ledger.recordPlanned({ ...entry, partition: partition('2025-06-04'), state: 'planned' });
    await ledger.recordPlanned({
      ...entry,
      partition: partition('2025-06-02'),
      state: 'failed',
      error: 'boom',
    });
    const lines = await deployedStatus({
      client: dynamo.client,
      tableName: table,
      sources: ['tm'],
      now: NOW,
    });
    expect(lines).toEqual([
      {
        source: 'tm',
        table: 'tm_daily',
        lastDate: '2025-06-03',
        rows: 12,
        committedAt: '2025-06-05T08:00:00Z',
        restated: 1,
        failures: 1,
        notCommitted: 1,
        deferred: 0,
      },
    ]);
    expect(formatStatus(lines, NOW, true)).toContain(
      'tm      tm_daily  2025-06-03  12    4h   1            1       1',
    );
  });

  it('counts per table the dates recent scheduled runs deferred that no later run has planned yet', async () => {
    const table = await dynamo.table();
    const ledger = new DynamoRunLedger(dynamo.client, table);
    const BY_DAY = 'mm_by_day';
    const BY_HOUR = 'mm_by_hour';
    const partition = (t: string, date: string) => ({ table: t, source: 'mm', date });
    const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString();
    /** A scheduled run of a Tokyo source at 01:00 there: by_day's UTC day of yesterday is still running. */
    const run = async (runId: string, planned: [string, string][], deferredDate: string) => {
      await ledger.startRun(
        {
          source: 'mm',
          runId,
          trigger: 'schedule',
          dates: [],
          state: 'planning',
          startedAt: 'x',
          deferred: [
            {
              report: 'by_day',
              table: BY_DAY,
              date: deferredDate,
              zone: 'UTC',
              until: dayAfter(deferredDate),
            },
          ],
        },
        1,
      );
      for (const [t, date] of planned) {
        const entry = { runId, report: t, plannedAt: 'x', updatedAt: 'x', pages: 1 };
        await ledger.recordPlanned({ ...entry, partition: partition(t, date), state: 'planned' });
        await ledger.settle(runId, partition(t, date), { state: 'committed', rows: 3 });
      }
      await ledger.finishPlanning('mm', runId);
    };
    // The first run defers by_day 06-03; the next plans it (no longer waiting) and defers 06-04.
    await run(
      '20250603T160000Z-schedule',
      [
        [BY_DAY, '2025-06-02'],
        [BY_HOUR, '2025-06-03'],
      ],
      '2025-06-03',
    );
    await run(
      '20250604T160000Z-schedule',
      [
        [BY_DAY, '2025-06-03'],
        [BY_HOUR, '2025-06-04'],
      ],
      '2025-06-04',
    );
    const lines = await deployedStatus({
      client: dynamo.client,
      tableName: table,
      sources: ['mm'],
      now: NOW,
    });
    expect(lines.map((l) => [l.table, l.failures, l.notCommitted, l.deferred])).toEqual([
      [BY_DAY, 0, 0, 1],
      [BY_HOUR, 0, 0, 0],
    ]);
    expect(formatStatus(lines, NOW, true)).toBe(
      [
        'source  table       last date  rows  age  restated 7d  failed  not committed  deferred',
        'mm      mm_by_day   -          0     -    0            0       0              1',
        'mm      mm_by_hour  -          0     -    0            0       0              0',
        '',
      ].join('\n'),
    );
  });
});
