import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployedStatus } from '../../bin/status.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import {
  type PartitionRef,
  partitionObjectKey,
  partitionPrefix,
} from '../../functions/engine/partitions/partition.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { expectRecords, restatementCase } from '../support/restatement-case.js';
import { VENDOR_CASES, type VendorCase } from '../support/vendor-cases.js';
import { type AwsHarness, type DrainOptions, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';
import { testClock } from './support/test-clock.js';

/**
 * The restatement guarantee deployed: planner, fetchers and committer on fauxqs (S3 + SQS) and
 * dynalite, a look-back window backfilled twice, the vendor restates one date, backfilled again,
 * then once more unchanged. The records in S3 must be exactly those the simulator's rows call for.
 */
let aws: AwsHarness;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'INFO' });
});

afterAll(async () => {
  await aws?.stop();
});

/** Every restatement record under the bucket, read with DuckDB as Athena would (hive columns). */
async function records(bucket: string): Promise<Record<string, unknown>[]> {
  const keys = (await aws.listKeys(bucket, 'restatements/')).sort();
  const out: Record<string, unknown>[] = [];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const key of keys) {
      const file = await aws.download(bucket, key);
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
      const [, source, dt] = /^restatements\/source=([^/]+)\/dt=([^/]+)\//.exec(key)!;
      for (const row of reader.getRowObjectsJS() as Record<string, unknown>[])
        out.push({ ...row, source, dt });
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return out;
}

const SNAPSHOT_DATE = '2024-07-01';

type Restatable = SimulatorHandle & { restateLate(date: string): void };

/** A source on the restating vendor, deployed on its own bucket, and its look-back backfill. */
async function deployRestated(vendor: VendorCase, simulator: Restatable, suffix: string) {
  const c = restatementCase(vendor);
  const name = `${vendor.connector}_aws_${suffix}`;
  const bucket = `rf-${suffix}-${vendor.connector}`.replaceAll('_', '-');
  const resources = await aws.createSourceResources({
    name: `rf-${suffix}-${vendor.connector}`.replaceAll('_', '-'),
    credentials: simulator.credentials,
    visibilityTimeoutSeconds: 5,
  });
  const config = {
    name,
    connector: vendor.connector,
    baseUrl: simulator.url,
    timezone: 'UTC',
    options: c.options,
    // The shared rate budget cuts the vendor's window into slots (W/48 each): TrackMaster's
    // documented hour would spread this test's few hundred requests over 75-second slots. A
    // minute's window keeps the same budget logic, far below what the simulators allow.
    rateLimit: { requests: 5000, windowSeconds: 60 },
  } as SourceConfig;
  const clock = testClock(SNAPSHOT_DATE);
  const d = await aws.deploy({ bucket, sources: [{ config, ...resources }], now: clock.now });
  let backfills = 0;
  const backfill = async (drain: DrainOptions = {}) => {
    const planned = await d.plan({
      source: name,
      from: c.dates[0],
      to: c.dates[2],
      // A minute apart on SNAPSHOT_DATE: each backfill is a new run, and dates its snapshots
      // from its request time (run-id.ts planningInstant), so all on SNAPSHOT_DATE.
      requestedAt: new Date(Date.UTC(2024, 6, 1, 6, backfills++)).toISOString(),
    });
    expect(planned.failedPartitions).toBe(0);
    const stats = await d.drain(name, { batchSize: 5, deadlineMs: 120_000, ...drain });
    expect(stats.failedRecords).toBe(0);
    expect(await countMessages(aws.sqs, resources.deadLetterUrl)).toBe(0);
    expect(await countMessages(aws.sqs, d.commitQueue.deadLetterUrl)).toBe(0);
    return { ...planned, stats };
  };
  /** Backfills twice unchanged (no record), then has the vendor restate; the records that must follow. */
  const restate = async () => {
    await backfill();
    await backfill();
    expect(await aws.listKeys(bucket, 'restatements/')).toEqual([]);
    const committed = (await aws.listKeys(bucket)).filter((k) => !k.startsWith('_'));
    const tables = [...new Set(committed.map((k) => k.split('/')[0]!))];
    // Every snapshot partition is keyed by the day its backfill was requested, never the real one.
    const snapshots = committed.filter((k) => c.reportByTable(k.split('/')[0]!).kind === 'snapshot');
    for (const key of snapshots) expect(key).toContain(`/dt=${SNAPSHOT_DATE}/`);
    const before = c.truth(simulator, tables, SNAPSHOT_DATE);
    simulator.restateLate(c.restated);
    const expected = c.expected(before, c.truth(simulator, tables, SNAPSHOT_DATE));
    expect(expected.size).toBeGreaterThan(0);
    return expected;
  };
  const restatedLines = () =>
    aws.captured.logLines.filter((l) => l.includes('partition restated') && l.includes(`"${name}"`));
  return { c, name, bucket, d, clock, backfill, restate, restatedLines };
}

for (const vendor of VENDOR_CASES) {
  describe(`restatements deployed: ${vendor.connector}`, () => {
    let simulator: Restatable;
    beforeAll(async () => {
      simulator = (await vendor.start({ seed: 16 })) as Restatable;
    });
    afterAll(async () => {
      await simulator?.close();
    });

    it('writes one record per restated partition with exact counts and deltas, none for unchanged runs', async () => {
      const r = await deployRestated(vendor, simulator, 'restated');
      const expected = await r.restate();
      expect(r.restatedLines()).toEqual([]);
      await r.backfill();
      // The committer reports each restated partition (with the RestatedPartitions metric).
      expect(r.restatedLines()).toHaveLength(expected.size);
      const found = await records(r.bucket);
      expectRecords(found, expected, r.name);
      // `report-fetcher status --deployed` counts them per table from the commit fences.
      const restatedPerTable = async () =>
        Object.fromEntries(
          (
            await deployedStatus({
              client: aws.dynamo.client,
              tableName: r.d.controlTable,
              sources: [r.name],
            })
          ).map((line) => [line.table, line.restated]),
        );
      const perTable: Record<string, number> = {};
      for (const partition of expected.keys()) {
        const table = partition.split(' ')[0]!;
        perTable[table] = (perTable[table] ?? 0) + 1;
      }
      const statusBefore = await restatedPerTable();
      expect(Object.fromEntries(Object.entries(statusBefore).filter(([, n]) => n > 0))).toEqual(perTable);

      await r.backfill();
      // An unchanged commit keeps the partition's restatedAt: the week's count stands.
      expect(await restatedPerTable()).toEqual(statusBefore);
      expect(await records(r.bucket)).toHaveLength(found.length);
      expect(r.restatedLines()).toHaveLength(expected.size);
    }, 300_000);
  });
}

/**
 * The order of docs/guarantees.md § 11 deployed: the committer of the restating run dies right
 * after one of its writes of the restated partition (the Lambda runtime gone: no release of the
 * claim, no answer to SQS). The commit task comes back after its visibility timeout, once the
 * dead claim has expired (the clock moved past its 16 minutes), and the partition must end with
 * exactly one record, with the same counts and deltas as an uninterrupted commit.
 */
const CRASH_POINTS = [
  { after: 'the partition', object: (p: PartitionRef) => partitionObjectKey(p, 'parquet') },
  {
    after: 'the restatement record',
    object: (p: PartitionRef) => `restatements/source=${p.source}/dt=${p.date}/`,
  },
  { after: 'the per-key digests', object: (p: PartitionRef) => `_commits/keys/${partitionPrefix(p)}` },
  {
    after: 'the commit record',
    object: (p: PartitionRef) => `_commits/${partitionPrefix(p).replaceAll('/', '_')}json`,
  },
] as const;
/** What a write is: a whole object (PutObject) or the end of a multipart upload. */
const WRITES = new Set(['PutObjectCommand', 'CompleteMultipartUploadCommand']);

describe('restatements deployed: a committer that dies between its writes (adcloud)', () => {
  const vendor = VENDOR_CASES.find((v) => v.connector === 'adcloud')!;

  for (const [i, point] of CRASH_POINTS.entries()) {
    it(`dies after ${point.after}: the redelivered commit ends with exactly one record, its deltas exact`, async () => {
      const simulator = (await vendor.start({ seed: 17 })) as Restatable;
      try {
        const r = await deployRestated(vendor, simulator, `crash${i}`);
        const expected = await r.restate();
        expect(expected.size).toBe(1);
        const [table, date] = [...expected.keys()][0]!.split(' ') as [string, string];
        const partition = { table, source: r.name, date };
        const crash = aws.crashingS3(
          (key, command) => key.startsWith(point.object(partition)) && WRITES.has(command),
        );
        // What the crash left, seen before the redelivered commit runs.
        let left: { records: string[]; digests: string[]; commitRun?: string } | undefined;
        const commitKey = `_commits/${partitionPrefix(partition).replaceAll('/', '_')}json`;
        const previousRun = JSON.parse(await aws.getText(r.bucket, commitKey)).runId as string;
        let crashed = false;
        const { runId, stats } = await r.backfill({
          commits: {
            clients: { s3: crash.client },
            visibilityTimeoutSeconds: 1,
            crashed: () => {
              if (!crash.crashed()) return false;
              crashed = true;
              // The task comes back after the dead claim expired (a Lambda lives at most 15 min).
              r.clock.pass(17 * 60_000);
              return true;
            },
            async beforeInvoke() {
              if (!crashed || left) return;
              left = {
                records: await aws.listKeys(r.bucket, `restatements/source=${r.name}/dt=${date}/`),
                digests: await aws.listKeys(r.bucket, `_commits/keys/${partitionPrefix(partition)}`),
                commitRun: JSON.parse(await aws.getText(r.bucket, commitKey)).runId,
              };
            },
          },
        });
        expect(stats.crashedInvocations).toBe(1);
        const recordKey = `restatements/source=${r.name}/dt=${date}/${table}-${runId}.parquet`;
        const newDigests = `_commits/keys/${partitionPrefix(partition)}${runId}.bin`;
        // The crash happened where it was meant to, in the order of § 11.
        expect(left).toEqual(
          [
            { records: [], digests: [expect.stringContaining(previousRun)], commitRun: previousRun },
            { records: [recordKey], digests: [expect.stringContaining(previousRun)], commitRun: previousRun },
            {
              records: [recordKey],
              digests: expect.arrayContaining([newDigests]),
              commitRun: previousRun,
            },
            { records: [recordKey], digests: expect.arrayContaining([newDigests]), commitRun: runId },
          ][i],
        );
        const found = await records(r.bucket);
        expectRecords(found, expected, r.name);
        expect(found.map((f) => f.run_id)).toEqual([runId]);
        expect(JSON.parse(await aws.getText(r.bucket, commitKey)).runId).toBe(runId);
        // Reported once (log line with the metrics) and counted by status --deployed, whichever
        // attempt found it: a commit that died past its commit record reports it from there.
        expect(r.restatedLines()).toHaveLength(1);
        const status = await deployedStatus({
          client: aws.dynamo.client,
          tableName: r.d.controlTable,
          sources: [r.name],
        });
        expect(status.find((line) => line.table === table)?.restated).toBe(1);
        // An unchanged run after it writes none.
        await r.backfill();
        expect(await records(r.bucket)).toHaveLength(1);
      } finally {
        await simulator.close();
      }
    }, 300_000);
  }
});
