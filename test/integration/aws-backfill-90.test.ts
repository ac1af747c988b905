import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { trackmaster } from '../../functions/connectors/trackmaster.js';
import { dateRange } from '../../functions/engine/run/report-dates.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages, drainQueue } from './support/lambda-queue-driver.js';

const REFERENCE_DATE = '2025-06-10';
const table = trackmaster.reports.daily_reports!.table;

let aws: AwsHarness;
let simulator: TrackMasterSimulator;
beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  // The document's limit (120 requests per 5 s); few campaigns so the test stays small, some
  // dates with none live (empty partitions).
  simulator = await startTrackMaster({
    medias: { 101: 3, 102: 2 },
    referenceDate: REFERENCE_DATE,
    seed: 9,
    latencyMs: 1,
    rateLimit: { limit: 120, windowMs: 5_000 },
  });
});
afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('a 90-day TrackMaster backfill on the deployed pipeline (scaled down)', () => {
  it('finishes with no DLQ message and every partition committed exactly once', async () => {
    const resources = await aws.createSourceResources({
      name: 'rf-tm90',
      credentials: simulator.credentials,
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 5,
    });
    const config = {
      name: 'tm_ninety',
      connector: 'trackmaster',
      baseUrl: simulator.url,
      timezone: 'UTC',
      reports: ['daily_reports'],
      options: { mediaIds: [101, 102] },
      rateLimit: { requests: 120, windowSeconds: 5 },
    } as Partial<SourceConfig>;
    const deployment = await aws.deploy({ bucket: 'rf-tm90-lake', sources: [{ config, ...resources }] });
    const dates = dateRange('2025-03-11', '2025-06-08');
    expect(dates).toHaveLength(90);
    const planned = await deployment.plan({
      source: 'tm_ninety',
      from: dates[0],
      to: dates.at(-1),
      requestedAt: '2025-06-10T08:00:00Z',
    });
    expect(planned).toMatchObject({ partitions: 90, failedPartitions: 0 });
    await Promise.all(
      Array.from({ length: 4 }, () =>
        drainQueue({
          sqs: aws.sqs,
          queueUrl: resources.queueUrl,
          queueArn: resources.queueArn,
          handler: deployment.fetcher('tm_ninety'),
          visibilityTimeoutSeconds: 30,
          deadlineMs: 240_000,
        }),
      ),
    );
    await drainQueue({
      sqs: aws.sqs,
      ...deployment.commitQueue,
      handler: deployment.committer(),
      deadlineMs: 240_000,
    });
    expect(await countMessages(aws.sqs, resources.deadLetterUrl)).toBe(0);
    expect(await countMessages(aws.sqs, deployment.commitQueue.deadLetterUrl)).toBe(0);
    expect(simulator.stats.refused).toBe(0);
    // Exactly one PUT of each partition's object: nothing committed twice, nothing missing.
    const puts = new Map<string, number>();
    for (const write of aws.captured.s3Writes) {
      if (write.bucket !== deployment.bucket || !write.key.startsWith(`${table}/source=tm_ninety/`)) continue;
      puts.set(write.key, (puts.get(write.key) ?? 0) + 1);
    }
    expect(puts.size).toBe(90);
    expect([...puts.values()].every((n) => n === 1)).toBe(true);
    // Some of those dates had no live campaign: committed empty, as the CLI would.
    const empty = dates.filter((d) => [101, 102].every((m) => simulator.liveCampaigns(m, d).length === 0));
    expect(empty.length).toBeGreaterThan(0);
  }, 300_000);
});
