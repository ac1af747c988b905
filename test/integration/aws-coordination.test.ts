import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCommitGuard } from '../../functions/adapters/aws/dynamo-commit-guard.js';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { trackmaster } from '../../functions/connectors/trackmaster.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { runIdFor } from '../../functions/engine/run/run-id.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { startTrackMaster } from '../simulators/trackmaster/trackmaster.js';
import { tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { type AwsHarness, type HarnessDeployment, startAwsHarness } from './support/aws-harness.js';
import { countMessages, sendBody } from './support/lambda-queue-driver.js';

const report = adcloud.reports.advertiser!;
const SOURCE = 'adcloud_co';

let aws: AwsHarness;
let simulator: AdcloudSimulator;
let deployments = 0;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  simulator = await startAdcloud({ rowsPerDate: (date) => (date === '2025-06-01' ? 0 : 230), seed: 5 });
});

afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

async function deploy(): Promise<HarnessDeployment & { queueUrl: string; deadLetterUrl: string }> {
  const n = ++deployments;
  const resources = await aws.createSourceResources({
    name: `rf-co-${n}`,
    credentials: simulator.credentials,
    maxReceiveCount: 3,
  });
  const config = {
    name: SOURCE,
    connector: 'adcloud',
    baseUrl: simulator.url,
    timezone: 'UTC',
  } as SourceConfig;
  const deployment = await aws.deploy({ bucket: `rf-co-lake-${n}`, sources: [{ config, ...resources }] });
  return { ...deployment, queueUrl: resources.queueUrl, deadLetterUrl: resources.deadLetterUrl };
}

const keyOf = (date: string) => partitionObjectKey({ table: report.table, source: SOURCE, date }, 'parquet');

describe('deployed runs that coordinate through the control table', () => {
  it('gives one run for three planner invocations of one scheduled time', async () => {
    const d = await deploy();
    const event = { source: SOURCE, scheduledTime: '2025-06-05T06:00:00Z' };
    // Two at once (a duplicate delivery), then a retry after the first finished.
    const [a, b] = await Promise.all([d.plan(event), d.plan(event)]);
    const c = await d.plan(event);
    const results = [a, b, c];
    expect(new Set(results.map((r) => r.runId))).toEqual(new Set(['20250605T060000Z-schedule']));
    const planning = results.filter((r) => r.repeated === undefined);
    expect(planning).toHaveLength(1);
    expect(results.filter((r) => r.repeated !== undefined).every((r) => r.tasks === 0)).toBe(true);
    expect(await countMessages(aws.sqs, d.queueUrl)).toBe(planning[0]!.tasks);
    await d.drain(SOURCE);
    const ledger = new DynamoRunLedger(aws.dynamo.client, d.controlTable);
    const partitions = await ledger.partitions(SOURCE, '20250605T060000Z-schedule');
    expect(partitions.length).toBe(planning[0]!.partitions);
    expect(partitions.every((p) => p.state === 'committed')).toBe(true);
    expect(await ledger.runs(SOURCE)).toEqual([expect.objectContaining({ state: 'planned' })]);
  }, 60_000);

  // 23:59:30 on 4 June in Los Angeles; a late delivery (Scheduler or async Lambda retries)
  // arrives past that zone's midnight, when "today" by the clock is already 5 June. A backfill
  // dates its one snapshot from its request time the same way (docs/architecture.md).
  it.each([
    {
      trigger: 'scheduled time',
      event: { source: 'tm_late', scheduledTime: '2025-06-05T06:59:30Z' },
      runId: '20250605T065930Z-schedule',
    },
    {
      trigger: 'backfill request time',
      event: { source: 'tm_late', from: '2025-06-02', to: '2025-06-03', requestedAt: '2025-06-05T06:59:30Z' },
      runId: runIdFor({
        source: 'tm_late',
        from: '2025-06-02',
        to: '2025-06-03',
        requestedAt: '2025-06-05T06:59:30Z',
      }),
    },
  ])(
    'plans the window and snapshot day of its $trigger, however late it is delivered',
    async ({ event, runId }) => {
      const tm = await startTrackMaster({ medias: { 101: 5 }, referenceDate: '2025-06-05', seed: 3 });
      try {
        const source = 'tm_late';
        const planned = async (clock: { at: Date }) => {
          const n = ++deployments;
          const resources = await aws.createSourceResources({
            name: `rf-co-${n}`,
            credentials: tm.credentials,
          });
          const config = {
            name: source,
            connector: 'trackmaster',
            reports: ['daily_reports', 'campaigns'],
            options: { mediaIds: [101] },
            baseUrl: tm.url,
            timezone: 'America/Los_Angeles',
          } as Partial<SourceConfig>;
          const d = await aws.deploy({
            bucket: `rf-co-lake-${n}`,
            sources: [{ config, ...resources }],
            now: () => clock.at,
          });
          const result = await d.plan(event);
          const ledger = new DynamoRunLedger(aws.dynamo.client, d.controlTable);
          const partitions = async () =>
            (await ledger.partitions(source, runId)).map((p) => `${p.report}/${p.partition.date}`).sort();
          return { d, result, partitions };
        };
        const onTime = await planned({ at: new Date('2025-06-05T06:59:40Z') });
        const lateClock = { at: new Date('2025-06-05T07:20:00Z') }; // 00:20 on 5 June in Los Angeles
        const late = await planned(lateClock);
        expect([onTime.result.runId, late.result.runId]).toEqual([runId, runId]);
        const expected = await onTime.partitions();
        expect(expected).toContain('campaigns/2025-06-04');
        expect(expected.filter((p) => p.startsWith('daily_reports/')).at(-1)).toBe(
          'daily_reports/2025-06-03',
        );
        expect(await late.partitions()).toEqual(expected);
        // Delivered again, later still: the run exists, nothing new is planned.
        lateClock.at = new Date('2025-06-05T11:00:00Z');
        const again = await late.d.plan(event);
        expect(again).toMatchObject({ runId, repeated: 'planned', tasks: 0 });
        expect(await late.partitions()).toEqual(expected);
      } finally {
        await tm.close();
      }
    },
    60_000,
  );

  it('commits a date with no pages as an empty partition, byte for byte as the CLI does', async () => {
    // TrackMaster asking only live campaigns: none lives on a date long before its campaigns, so
    // the partition has no slices and no pages at all.
    const tm = await startTrackMaster({ medias: { 101: 5 }, referenceDate: '2025-06-10', seed: 2 });
    const dir = await tempDir('rf-empty-');
    try {
      const date = '2024-06-01';
      const source = {
        name: 'tm_empty',
        connector: 'trackmaster',
        reports: ['daily_reports'],
        options: { mediaIds: [101], campaigns: 'live' },
      };
      const resources = await aws.createSourceResources({ name: 'rf-co-empty', credentials: tm.credentials });
      const deployment = await aws.deploy({
        bucket: 'rf-co-empty-lake',
        sources: [
          { config: { ...source, baseUrl: tm.url, timezone: 'UTC' } as Partial<SourceConfig>, ...resources },
        ],
      });
      const planned = await deployment.plan({
        source: 'tm_empty',
        from: date,
        to: date,
        requestedAt: '2025-06-11T10:00:00Z',
      });
      expect(planned).toMatchObject({ partitions: 1, tasks: 1 });
      await deployment.drain('tm_empty');
      const key = partitionObjectKey(
        { table: trackmaster.reports.daily_reports!.table, source: 'tm_empty', date },
        'parquet',
      );
      const deployed = await aws.getBytes(deployment.bucket, key);
      const commit = JSON.parse(
        await aws.getText(
          deployment.bucket,
          (await aws.listKeys(deployment.bucket, '_commits/')).filter((k) => k.endsWith('json'))[0]!,
        ),
      );
      expect(commit).toMatchObject({ rows: 0, pages: 0, runId: planned.runId });
      const ledger = new DynamoRunLedger(aws.dynamo.client, deployment.controlTable);
      expect(await ledger.partitions('tm_empty', planned.runId)).toEqual([
        expect.objectContaining({ state: 'committed', rows: 0, pages: 0 }),
      ]);
      // The CLI on the same vendor and date.
      const local = await runAgainst(tm, source, { dir: dir.path, dates: [date] });
      expect(local.results).toEqual([expect.objectContaining({ status: 'written', rows: 0 })]);
      const localBytes = await readFile(join(local.outDir, key));
      expect(Buffer.from(deployed).equals(localBytes)).toBe(true);
    } finally {
      await dir.cleanup();
      await tm.close();
    }
  }, 60_000);

  it('leaves the newer partition byte-identical when an old run commits late (redrive)', async () => {
    const d = await deploy();
    const date = '2025-06-03';
    const older = await d.plan({ source: SOURCE, from: date, to: date, requestedAt: '2025-06-04T10:00:00Z' });
    await d.drain(SOURCE);
    // The vendor restates the day; a newer backfill commits the new figures.
    simulator.restate(date);
    const newer = await d.plan({ source: SOURCE, from: date, to: date, requestedAt: '2025-06-05T10:00:00Z' });
    expect(newer.runId > older.runId).toBe(true);
    await d.drain(SOURCE);
    const committed = await aws.getBytes(d.bucket, keyOf(date));
    // A redriven commit of the older run (its staged pages hold the old figures) arrives late, on
    // the source's queue (as a message from before commits had their own function would): the
    // fetcher forwards it to the committer.
    await sendBody(
      aws.sqs,
      d.queueUrl,
      JSON.stringify({
        type: 'commit-partition',
        runId: older.runId,
        source: SOURCE,
        report: 'advertiser',
        date,
      }),
    );
    const stats = await d.drain(SOURCE);
    expect(stats.failedRecords).toBe(0);
    const forwarded = (aws.captured.sentBodies.get(d.commitQueue.queueUrl) ?? []).map((b) => JSON.parse(b));
    expect(forwarded).toContainEqual(
      expect.objectContaining({ type: 'commit-partition', runId: older.runId }),
    );
    expect(Buffer.from(await aws.getBytes(d.bucket, keyOf(date))).equals(Buffer.from(committed))).toBe(true);
    const fence = await new DynamoCommitGuard(aws.dynamo.client, d.controlTable).committed(SOURCE);
    expect(fence).toEqual([expect.objectContaining({ date, runId: newer.runId })]);
    const ledger = new DynamoRunLedger(aws.dynamo.client, d.controlTable);
    expect((await ledger.partitions(SOURCE, older.runId))[0]?.state).toBe('committed');
    expect(await countMessages(aws.sqs, d.deadLetterUrl)).toBe(0);
    expect(await countMessages(aws.sqs, d.commitQueue.deadLetterUrl)).toBe(0);
  }, 60_000);
});
