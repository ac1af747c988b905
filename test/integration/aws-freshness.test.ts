import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { FRESHNESS_METRIC } from '../../functions/deployment/index.js';
import type { LedgerRun } from '../../functions/engine/control/run-ledger.js';
import { createReconcilerHandler } from '../../functions/handlers/reconciler.js';
import { type AwsHarness, type HarnessDeployment, startAwsHarness } from './support/aws-harness.js';

const SOURCE = 'tm_fresh';
const DAILY = 'trackmaster_daily_reports';
const CAMPAIGNS = 'trackmaster_campaigns';
const T0 = Date.parse('2025-06-01T06:00:00Z');
const HOUR = 3600_000;

let aws: AwsHarness;
let deployment: HarnessDeployment;
/** The ledger's clock: what the planner and the commits would have seen. */
let clock = T0;
let ledger: DynamoRunLedger;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  const resources = await aws.createSourceResources({ name: 'rf-fresh', credentials: {} });
  const config = {
    name: SOURCE,
    connector: 'trackmaster',
    baseUrl: 'http://127.0.0.1:9',
    timezone: 'UTC',
    reports: ['campaigns', 'daily_reports'],
    options: { mediaIds: [101] },
  };
  deployment = await aws.deploy({
    bucket: 'rf-fresh-lake',
    sources: [{ config: config as Partial<SourceConfig>, ...resources }],
  });
  ledger = new DynamoRunLedger(aws.dynamo.client, deployment.controlTable, () => clock);
});
afterAll(async () => {
  await aws?.stop();
});

const iso = (ms: number) => new Date(ms).toISOString();
const runIdAt = (ms: number, trigger: LedgerRun['trigger']) =>
  `${iso(ms)
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${trigger}`;

/** A run as the planner and the fetchers record it: each table's partition planned at `at`, then settled. */
async function run(
  at: number,
  trigger: LedgerRun['trigger'],
  tables: Record<string, 'committed' | 'failed' | 'planned'>,
) {
  clock = at;
  const runId = runIdAt(at, trigger);
  const date = iso(at - 24 * HOUR).slice(0, 10);
  await ledger.startRun(
    { source: SOURCE, runId, trigger, dates: [date], state: 'planning', startedAt: iso(at) },
    60_000,
  );
  for (const table of Object.keys(tables)) {
    await ledger.recordPlanned({
      runId,
      report: table === DAILY ? 'daily_reports' : 'campaigns',
      partition: { table, source: SOURCE, date },
      state: 'planned',
      pages: 1,
      plannedAt: iso(at),
      updatedAt: iso(at),
    });
  }
  await ledger.finishPlanning(SOURCE, runId);
  clock = at + HOUR;
  for (const [table, state] of Object.entries(tables)) {
    if (state !== 'planned')
      await ledger.settle(runId, { table, source: SOURCE, date }, { state, rows: 10, bytes: 100 });
  }
}

/** The reconciler at `at`, with its metrics published (as deployed) so their dimensions are checked. */
async function reconcileAt(at: number) {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  try {
    const handler = createReconcilerHandler(
      deployment.env,
      { s3: aws.s3, sqs: aws.sqs, dynamo: aws.dynamo.client },
      () => new Date(at),
    );
    const before = aws.captured.logLines.length;
    const result = await handler({}, {} as never);
    const published = aws.captured.logLines
      .slice(before)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => FRESHNESS_METRIC in line);
    const hours = (table: string) => {
      const entry = result.freshness.find((f) => f.table === table)!;
      return entry.secondsSinceCommit / 3600;
    };
    return { result, published, hours };
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = saved;
  }
}

describe('table freshness from the run ledger', () => {
  it('alarms on a table that stops getting partitions while another table of the source keeps committing', async () => {
    // First reconcile before any run: both tables are watched from now on (a new table is not stale yet).
    const first = await reconcileAt(T0 - HOUR);
    expect(first.result.freshness.map((f) => [f.table, f.secondsSinceCommit])).toEqual([
      [CAMPAIGNS, 0],
      [DAILY, 0],
    ]);

    await run(T0, 'schedule', { [DAILY]: 'committed', [CAMPAIGNS]: 'committed' });
    // From day 2 the campaigns partition fails every day while the daily reports keep arriving.
    await run(T0 + 24 * HOUR, 'schedule', { [DAILY]: 'committed', [CAMPAIGNS]: 'failed' });
    await run(T0 + 48 * HOUR, 'schedule', { [DAILY]: 'committed', [CAMPAIGNS]: 'planned' });
    // A backfill of old dates commits campaigns: it says nothing about today's data arriving.
    await run(T0 + 49 * HOUR, 'backfill', { [CAMPAIGNS]: 'committed' });

    const day3 = await reconcileAt(T0 + 51 * HOUR);
    expect(day3.hours(DAILY)).toBe(2); // committed at T0 + 49 h
    expect(day3.hours(CAMPAIGNS)).toBe(50); // last committed by a scheduled run at T0 + 1 h
    // One metric per table with the alarm's dimensions (lib/source-pipeline.ts › Freshness-<table>).
    expect(
      day3.published.map((line) => [line.service, line.source, line.table, line[FRESHNESS_METRIC]]),
    ).toEqual([
      ['report-fetcher-reconciler', SOURCE, CAMPAIGNS, 50 * 3600],
      ['report-fetcher-reconciler', SOURCE, DAILY, 2 * 3600],
    ]);
    const declared = day3.published.map(
      (line) =>
        (line._aws as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Unit: string }[] }[] })
          .CloudWatchMetrics[0]!,
    );
    for (const metric of declared) {
      expect(metric.Dimensions).toEqual([expect.arrayContaining(['service', 'source', 'table'])]);
      expect(metric.Dimensions[0]).toHaveLength(3);
      expect(metric.Metrics[0]!.Unit).toBe('Seconds');
    }

    // Ten days on, every run has left the ledger's look-back: the watch still knows when each
    // table was last committed, so a stale table stays stale instead of starting afresh.
    const later = await reconcileAt(T0 + 10 * 24 * HOUR);
    expect(later.hours(DAILY)).toBe(10 * 24 - 49);
    expect(later.hours(CAMPAIGNS)).toBe(10 * 24 - 1);
  }, 60_000);
});
