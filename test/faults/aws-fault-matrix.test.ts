import type { Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { runManifestKey } from '../../functions/deployment/index.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { AwsClients } from '../../functions/handlers/aws-context.js';
import type { PlannerResult, RunManifest } from '../../functions/handlers/planner.js';
import {
  type AwsHarness,
  type HarnessDeployment,
  startAwsHarness,
} from '../integration/support/aws-harness.js';
import { countMessages, sendBody } from '../integration/support/lambda-queue-driver.js';
import { testClock } from '../integration/support/test-clock.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { FAULT_CASES } from '../support/fault-cases.js';
import { expectLakeEqualsTruth, findSecrets } from '../support/lake.js';
import { FAST_FAULTS } from '../support/simulator-suite.js';
import { reportByTable, VENDOR_CASES, type VendorCase } from '../support/vendor-cases.js';

/**
 * The fault matrix of test/faults/fault-matrix.test.ts, through the deployed pipeline instead of
 * the CLI: the real planner and fetcher handlers in this process against fauxqs (S3 + SQS), a
 * Secrets Manager stub and the vendor simulators, with a driver that polls SQS like the Lambda
 * event source. Vendor faults are seeded; queue-level faults (duplicate deliveries, a crash
 * between staging and acknowledging, a commit run twice, two runs at once) are the ones only the
 * queue can cause. Every case compares every partition in S3 with the simulator's truth.
 */
const FAULT_RATE = 0.25;
/** Generous: a page that exhausts its in-process retries is retried by redelivery before the DLQ. */
const MAX_RECEIVE_COUNT = 5;
const ENGINE: AwsClients['engine'] = { ...FAST_FAULTS, retry: { ...FAST_FAULTS.retry, maxAttempts: 10 } };

let aws: AwsHarness;
const issuedSecrets: string[] = [];
let deployments = 0;

beforeAll(async () => {
  // DEBUG: the leak scan then covers the most detailed log lines the handlers can write.
  aws = await startAwsHarness({ logLevel: 'DEBUG' });
});

afterAll(async () => {
  await aws?.stop();
});

interface CaseDeployment {
  deployment: HarnessDeployment;
  source: string;
  queueUrl: string;
  deadLetterUrl: string;
  /** The backfill event of the vendor's dates. */
  backfill: { source: string; from: string; to: string };
}

/** A fresh bucket, queue + DLQ and secrets for one case, so cases never see each other's objects. */
async function deployCase(
  vendor: VendorCase,
  simulator: SimulatorHandle,
  options: { maxReceiveCount?: number; engine?: AwsClients['engine'] } = {},
): Promise<CaseDeployment> {
  const n = ++deployments;
  const source = `${vendor.connector}_aws`;
  const resources = await aws.createSourceResources({
    name: `matrix-${vendor.connector}-${n}`,
    credentials: simulator.credentials,
    // Short: a crashed invocation's batch comes back after a second.
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: options.maxReceiveCount ?? MAX_RECEIVE_COUNT,
  });
  const config = {
    name: source,
    connector: vendor.connector,
    baseUrl: simulator.url,
    timezone: 'UTC',
    options: vendor.options,
  } as Partial<SourceConfig>;
  const deployment = await aws.deploy({
    bucket: `matrix-${vendor.connector}-${n}`,
    sources: [{ config, ...resources }],
    engine: options.engine ?? ENGINE,
    // Snapshot partitions keyed by a fixed day: two plans of a case never straddle a real midnight.
    now: testClock().now,
  });
  return {
    deployment,
    source,
    queueUrl: resources.queueUrl,
    deadLetterUrl: resources.deadLetterUrl,
    backfill: { source, from: vendor.dates[0]!, to: vendor.dates.at(-1)! },
  };
}

function partitionKey(source: string, table: string, date: string): string {
  return partitionObjectKey({ table, source, date }, 'parquet');
}

async function plannedPartitions(c: CaseDeployment, planned: PlannerResult) {
  const manifest = JSON.parse(
    await aws.getText(c.deployment.bucket, runManifestKey(planned.runId, c.source)),
  ) as RunManifest;
  expect(manifest.partitions.filter((p) => p.error)).toEqual([]);
  return manifest.partitions;
}

/**
 * Exactly one object per planned partition, and each equals the vendor's truth: row count,
 * per-column sums, order-independent digest, no duplicate keys.
 */
async function expectBucketEqualsTruth(
  c: CaseDeployment,
  vendor: VendorCase,
  simulator: SimulatorHandle,
  partitions: readonly { table: string; date: string }[],
) {
  // Restatement records are checked where a case restates (docs/guarantees.md § 11).
  const lakeKeys = (await aws.listKeys(c.deployment.bucket)).filter(
    (k) => !k.startsWith('_') && !k.startsWith('restatements/'),
  );
  expect(lakeKeys.sort()).toEqual(partitions.map((p) => partitionKey(c.source, p.table, p.date)).sort());
  await expectLakeEqualsTruth(
    {
      file: (table, date) => aws.download(c.deployment.bucket, partitionKey(c.source, table, date)),
      report: (table) => reportByTable(vendor.connector, table),
    },
    partitions,
    vendor.truth(simulator),
  );
  expect(await countMessages(aws.sqs, c.deadLetterUrl)).toBe(0);
  expect(await countMessages(aws.sqs, c.deployment.commitQueue.deadLetterUrl)).toBe(0);
  expect(await aws.listKeys(c.deployment.bucket, '_locks/')).toEqual([]);
}

async function partitionBytes(c: CaseDeployment, partitions: readonly { table: string; date: string }[]) {
  return Promise.all(
    partitions.map(async (p) =>
      Buffer.from(await aws.getBytes(c.deployment.bucket, partitionKey(c.source, p.table, p.date))),
    ),
  );
}

for (const vendor of VENDOR_CASES) {
  describe(`AWS fault matrix: ${vendor.connector}`, () => {
    let simulator: SimulatorHandle;
    beforeAll(async () => {
      // A short rate-limit window: a refusal that waits for the reset waits a tenth of a second.
      simulator = await vendor.start({
        seed: 11,
        latencyMs: 1,
        rateLimit: { limit: 100_000, windowMs: 100 },
      });
    });
    afterAll(async () => {
      issuedSecrets.push(...simulator.issuedSecrets());
      await simulator.close();
    });

    const faults = FAULT_CASES.flatMap(({ name, kinds, vendors, aws }) =>
      aws && (aws.vendors ?? vendors ?? [vendor.connector]).includes(vendor.connector)
        ? [{ name, kinds, seed: aws.seed }]
        : [],
    );
    it.each(faults)('$name (seed $seed)', async ({ kinds, seed }) => {
      const c = await deployCase(vendor, simulator);
      const injectedBefore = simulator.stats.faultsInjected;
      simulator.setFaults({ seed, rate: FAULT_RATE, kinds });
      try {
        const planned = await c.deployment.plan(c.backfill);
        await c.deployment.drain(c.source);
        expect(simulator.stats.faultsInjected).toBeGreaterThan(injectedBefore);
        await expectBucketEqualsTruth(c, vendor, simulator, await plannedPartitions(c, planned));
      } finally {
        simulator.setFaults({});
      }
    });

    it('reads each staged page once: no page reads another page to decide completeness', async () => {
      // Every slice of a partition (TrackMaster: one per campaign) finishing used to read every
      // staged meta of the partition: about pages²/2 GETs. The page tally answers instead.
      const c = await deployCase(vendor, simulator);
      const readsBefore = aws.captured.s3Reads.length;
      const planned = await c.deployment.plan(c.backfill);
      const stats = await c.deployment.drain(c.source);
      expect(stats.failedRecords).toBe(0);
      const partitions = await plannedPartitions(c, planned);
      await expectBucketEqualsTruth(c, vendor, simulator, partitions);
      const stagedReads = aws.captured.s3Reads
        .slice(readsBefore)
        .filter((key) => key.startsWith('_staging/') && !key.endsWith('_manifest.json'));
      const staged = new Set(stagedReads.filter((key) => key.endsWith('.ndjson')));
      expect(staged.size).toBeGreaterThan(0);
      expect(stagedReads.length).toBe(staged.size);
    });

    it('duplicate SQS deliveries (every message delivered twice)', async () => {
      const c = await deployCase(vendor, simulator);
      const planned = await c.deployment.plan(c.backfill);
      const duplicated = new Set<string>();
      const duplicateInto = (queueUrl: string) => async (messages: Message[]) => {
        for (const message of messages) {
          if (duplicated.has(message.Body!)) continue;
          duplicated.add(message.Body!);
          await sendBody(aws.sqs, queueUrl, message.Body!);
        }
      };
      const stats = await c.deployment.drain(c.source, {
        beforeInvoke: duplicateInto(c.queueUrl),
        commits: { beforeInvoke: duplicateInto(c.deployment.commitQueue.queueUrl) },
      });
      expect([...duplicated].some((body) => body.includes('"commit-partition"'))).toBe(true);
      expect(stats.failedRecords).toBe(0);
      expect(stats.records).toBeGreaterThanOrEqual(2 * duplicated.size);
      await expectBucketEqualsTruth(c, vendor, simulator, await plannedPartitions(c, planned));
    });

    it('a fetcher that crashes after staging, before acknowledging (redelivered after the visibility timeout)', async () => {
      const c = await deployCase(vendor, simulator);
      const planned = await c.deployment.plan(c.backfill);
      const crash = aws.crashingS3((key) => key.startsWith('_staging/') && key.endsWith('.ndjson'));
      const stats = await c.deployment.drain(c.source, {
        clients: { s3: crash.client },
        crashed: crash.crashed,
        visibilityTimeoutSeconds: 1,
      });
      expect(stats.crashedInvocations).toBe(1);
      expect(stats.maxReceiveCount).toBeGreaterThanOrEqual(2);
      await expectBucketEqualsTruth(c, vendor, simulator, await plannedPartitions(c, planned));
    });

    it('the commit run twice (every message of the run delivered again after it committed)', async () => {
      const c = await deployCase(vendor, simulator);
      const planned = await c.deployment.plan(c.backfill);
      await c.deployment.drain(c.source);
      const partitions = await plannedPartitions(c, planned);
      const first = await partitionBytes(c, partitions);
      const sent = [...(aws.captured.sentBodies.get(c.queueUrl) ?? [])];
      const commitQueueUrl = c.deployment.commitQueue.queueUrl;
      const commitsSent = [...(aws.captured.sentBodies.get(commitQueueUrl) ?? [])];
      // Every task the planner sent is re-sent: pages to the source's queue, and the commits of
      // partitions planned without pages (TrackMaster's campaigns, staged while planning) to the
      // commit queue.
      expect(sent.length + commitsSent.length).toBeGreaterThanOrEqual(planned.tasks);
      expect(commitsSent.length).toBeGreaterThan(0);
      for (const body of sent) await sendBody(aws.sqs, c.queueUrl, body);
      for (const body of commitsSent) await sendBody(aws.sqs, commitQueueUrl, body);
      const again = await c.deployment.drain(c.source);
      expect(again.failedRecords).toBe(0);
      // The late deliveries re-staged and re-committed the same pages: the same objects, byte for byte.
      expect(await partitionBytes(c, partitions)).toEqual(first);
      await expectBucketEqualsTruth(c, vendor, simulator, partitions);
    });

    it('two runs of the same dates at once (two planner invocations, two fetcher containers)', async () => {
      const c = await deployCase(vendor, simulator);
      // Two backfill requests of the same dates (two different request times: two runs).
      const [one, two] = await Promise.all([
        c.deployment.plan({ ...c.backfill, requestedAt: '2026-01-01T10:00:00Z' }),
        c.deployment.plan({ ...c.backfill, requestedAt: '2026-01-01T10:00:01Z' }),
      ]);
      expect(one.runId).not.toBe(two.runId);
      const stats = await Promise.all([c.deployment.drain(c.source), c.deployment.drain(c.source)]);
      expect(stats.map((s) => s.failedRecords)).toEqual([0, 0]);
      await expectBucketEqualsTruth(c, vendor, simulator, await plannedPartitions(c, one));
    });
  });
}

describe('DLQ redrive: a partition that cannot finish, then can', () => {
  const vendor = VENDOR_CASES.find((v) => v.connector === 'adcloud')!;
  let simulator: AdcloudSimulator;
  beforeAll(async () => {
    simulator = await startAdcloud({
      seed: 12,
      latencyMs: 1,
      rowsPerDate: (date) => (date.endsWith('1') ? 450 : 130),
    });
  });
  afterAll(async () => {
    issuedSecrets.push(...simulator.issuedSecrets());
    await simulator.close();
  });

  it('keeps the previous object, fills the DLQ and logs the failure; redriving the DLQ finishes the run', async () => {
    const maxReceiveCount = 2;
    const c = await deployCase(vendor, simulator, {
      maxReceiveCount,
      engine: { ...FAST_FAULTS, retry: { ...FAST_FAULTS.retry, maxAttempts: 2 } },
    });
    const planned = await c.deployment.plan(c.backfill);
    await c.deployment.drain(c.source);
    const partitions = await plannedPartitions(c, planned);
    await expectBucketEqualsTruth(c, vendor, simulator, partitions);
    const before = await partitionBytes(c, partitions);

    // The vendor restates the first date; the re-run of it then fails on every data request.
    const date = vendor.dates[0]!;
    simulator.restate(date);
    const rerun = await c.deployment.plan({ source: c.source, from: date, to: date });
    const errorLinesBefore = aws.captured.logLines.filter((l) => l.includes('"level":"ERROR"')).length;
    simulator.setFaults({ rate: 1, kinds: [{ kind: 'status', status: 500 }] });
    const failed = await c.deployment.drain(c.source);
    expect(failed.failedRecords).toBe(rerun.tasks * maxReceiveCount);

    // The run says so: its messages sit in the DLQ (the DeadLettersAlarm watches that depth),
    // every failed attempt logged an error, and no outcome was recorded for the partition.
    const deadLetters = await countMessages(aws.sqs, c.deadLetterUrl);
    expect(deadLetters).toBe(rerun.tasks);
    expect(await countMessages(aws.sqs, c.queueUrl)).toBe(0);
    const errorLines = aws.captured.logLines.filter((l) => l.includes('"level":"ERROR"'));
    expect(errorLines.length - errorLinesBefore).toBeGreaterThanOrEqual(rerun.tasks * maxReceiveCount);
    expect(errorLines.at(-1)).toContain('page failed');
    expect(await aws.listKeys(c.deployment.bucket, `_runs/${rerun.runId}/${c.source}/`)).toEqual([]);
    // The previous data of every partition is untouched, byte for byte.
    expect(await partitionBytes(c, partitions)).toEqual(before);
    // A run that did not commit records no restatement.
    expect(await aws.listKeys(c.deployment.bucket, 'restatements/')).toEqual([]);

    // The vendor recovers; `aws sqs start-message-move-task` moves the dead letters back.
    simulator.setFaults({});
    expect(await aws.redrive(c.deadLetterUrl, c.queueUrl)).toBe(deadLetters);
    const redriven = await c.deployment.drain(c.source);
    expect(redriven.failedRecords).toBe(0);
    await expectBucketEqualsTruth(c, vendor, simulator, partitions);
    const after = await partitionBytes(c, partitions);
    const restated = partitions.findIndex((p) => p.date === date);
    expect(after[restated]!.equals(before[restated]!)).toBe(false);
    expect(after.filter((_, i) => i !== restated)).toEqual(before.filter((_, i) => i !== restated));
    // The redriven commit that replaced the restated date recorded it, once, and nothing else.
    const records = await aws.listKeys(c.deployment.bucket, 'restatements/');
    expect(records.length).toBeGreaterThan(0);
    for (const key of records)
      expect(key).toMatch(new RegExp(`^restatements/source=${c.source}/dt=${date}/`));
    expect(records.length).toBeLessThanOrEqual(partitions.filter((p) => p.date === date).length);
  });
});

describe('leak scan over the AWS matrix', () => {
  it('finds no issued secret in any SQS message, S3 object (staging included), log line or error', () => {
    const { sqsRequests, s3Writes, logLines, errors } = aws.captured;
    expect(issuedSecrets.length).toBeGreaterThan(10);
    expect(sqsRequests.some((r) => r.includes('fetch-page'))).toBe(true);
    expect(s3Writes.some((w) => w.key.startsWith('_staging/'))).toBe(true);
    expect(logLines.some((l) => l.includes('"level":"ERROR"'))).toBe(true);
    const texts = [...sqsRequests, ...s3Writes.map((w) => `${w.key}\n${w.text}`), ...logLines, ...errors];
    expect(findSecrets(texts, issuedSecrets)).toEqual([]);
  });
});
