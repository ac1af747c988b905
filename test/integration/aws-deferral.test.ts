import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { duplicatesBy, fingerprint, readPartition } from '../support/lake.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';

/**
 * The deferral path end to end, on fauxqs + dynalite: the vendor asks for a wait (429 with
 * Retry-After) longer than the fetcher invocation has left. The fetcher must not sleep into its
 * timeout: the page goes back to the queue as a new message delayed to the wait's end, and
 * completes then. The queue sends a message to its DLQ at its first failure, so a deferral that
 * counted as one would lose the partition.
 */
const report = adcloud.reports.advertiser!;
const SOURCE = 'adcloud_defer';
const DATE = '2025-06-02';
const VENDOR_WAIT_SECONDS = 4;
/** Each invocation has 3.5 s; waits must end 1 s before that: any wait past 2.5 s is deferred. */
const REMAINING_MS = 3_500;
const TIMING = { minTimeMs: 1_000, waitReserveMs: 1_000 };

let aws: AwsHarness;
let simulator: AdcloudSimulator;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'INFO' });
  // 1000 rows: five pages of 200.
  simulator = await startAdcloud({ rowsPerDate: 1000, seed: 8 });
});

afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('a vendor wait longer than the invocation has left', () => {
  it('hands the page back delayed to the wait’s end; it completes later, committed exactly once', async () => {
    const resources = await aws.createSourceResources({
      name: 'rf-defer',
      credentials: simulator.credentials,
      maxReceiveCount: 1,
    });
    const config = { name: SOURCE, connector: 'adcloud', baseUrl: simulator.url, timezone: 'UTC' };
    const deployment = await aws.deploy({
      bucket: 'rf-defer-lake',
      sources: [{ config: config as Partial<SourceConfig>, ...resources }],
    });
    const planned = await deployment.plan({ source: SOURCE, from: DATE, to: DATE });
    // The third data request (a fanned-out page) is refused with a wait of 4 s.
    simulator.setFaults({
      scripted: [{ nth: 3, fault: { kind: 'status', status: 429, retryAfter: String(VENDOR_WAIT_SECONDS) } }],
    });
    const logStart = simulator.stats.requestLog.length;
    const stats = await deployment.drain(SOURCE, {
      batchSize: 1,
      remainingTimeMs: REMAINING_MS,
      clients: { timing: TIMING },
    });
    simulator.setFaults({});

    // Deferred, not failed: no record failed, no message was received twice, no DLQ.
    expect(stats.failedRecords).toBe(0);
    expect(stats.maxReceiveCount).toBe(1);
    expect(await countMessages(aws.sqs, resources.deadLetterUrl)).toBe(0);
    expect(await countMessages(aws.sqs, deployment.commitQueue.deadLetterUrl)).toBe(0);
    // The page went back as a new message, delayed at least to the end of the vendor's wait.
    const deferred = aws.captured.sqsRequests
      .map(
        (r) =>
          JSON.parse(r) as { QueueUrl?: string; Entries?: { MessageBody?: string; DelaySeconds?: number }[] },
      )
      .filter((r) => r.QueueUrl === resources.queueUrl)
      .flatMap((r) => r.Entries ?? [])
      .filter((e) => e.MessageBody !== undefined && JSON.parse(e.MessageBody).deferrals === 1);
    expect(deferred.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...deferred.map((e) => e.DelaySeconds ?? 0))).toBeGreaterThanOrEqual(VENDOR_WAIT_SECONDS);
    expect(
      aws.captured.logLines.some((l) => l.includes('task deferred: the wait outlasts this invocation')),
    ).toBe(true);
    // The vendor was asked for that page again only after the wait it imposed.
    const log = simulator.stats.requestLog.slice(logStart).filter((e) => e.query.page !== undefined);
    const refused = log.find((e) => e.status === 429)!;
    expect(refused).toBeDefined();
    const again = log.find((e) => e.at > refused.at && e.query.page === refused.query.page)!;
    expect(again.status).toBe(200);
    expect(again.at - refused.at).toBeGreaterThanOrEqual(VENDOR_WAIT_SECONDS * 1000 - 100);

    // Completed later, exactly once: the vendor's rows, one object written once, the ledger says so.
    const key = partitionObjectKey({ table: report.table, source: SOURCE, date: DATE }, 'parquet');
    const rows = await readPartition(await aws.download(deployment.bucket, key), report.schema);
    const truth = simulator.rowsFor(DATE) as unknown as Record<string, unknown>[];
    expect(rows.length).toBe(1000);
    expect(duplicatesBy(rows, report.uniqueKey)).toBe(0);
    expect(fingerprint(rows, report.schema)).toEqual(fingerprint(truth as never, report.schema));
    const puts = aws.captured.s3Writes.filter((w) => w.bucket === deployment.bucket && w.key === key);
    expect(puts.length).toBeLessThanOrEqual(1);
    expect(
      (await aws.listKeys(deployment.bucket, '_commits/')).filter((k) => k.endsWith('json')),
    ).toHaveLength(1);
    const ledger = new DynamoRunLedger(aws.dynamo.client, deployment.controlTable);
    expect((await ledger.partitions(SOURCE, planned.runId)).map((p) => p.state)).toEqual(['committed']);
  }, 120_000);
});
