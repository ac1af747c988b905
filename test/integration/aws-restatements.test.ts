import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { expectRecords, restatementCase } from '../support/restatement-case.js';
import { VENDOR_CASES } from '../support/vendor-cases.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';

/**
 * The restatement guarantee deployed: planner and fetchers on fauxqs (S3 + SQS) and dynalite, a
 * look-back window backfilled twice, the vendor restates one date, backfilled again, then once
 * more unchanged. The records in S3 must be exactly those the simulator's rows call for.
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

for (const vendor of VENDOR_CASES) {
  describe(`restatements deployed: ${vendor.connector}`, () => {
    let simulator: SimulatorHandle & { restateLate(date: string): void };
    beforeAll(async () => {
      simulator = (await vendor.start({ seed: 16 })) as typeof simulator;
    });
    afterAll(async () => {
      await simulator?.close();
    });

    it('writes one record per restated partition with exact counts and deltas, none for unchanged runs', async () => {
      const c = restatementCase(vendor);
      const name = `${vendor.connector}_aws_restated`;
      const bucket = `rf-restated-${vendor.connector}`;
      const resources = await aws.createSourceResources({
        name: `rf-rs-${vendor.connector}`,
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
      const d = await aws.deploy({ bucket, sources: [{ config, ...resources }] });
      let backfills = 0;
      const backfill = async () => {
        const planned = await d.plan({
          source: name,
          from: c.dates[0],
          to: c.dates[2],
          requestedAt: new Date(Date.UTC(2024, 6, 1 + backfills++, 6)).toISOString(),
        });
        expect(planned.failedPartitions).toBe(0);
        const stats = await d.drain(name, { batchSize: 5, deadlineMs: 120_000 });
        expect(stats.failedRecords).toBe(0);
        expect(await countMessages(aws.sqs, resources.deadLetterUrl)).toBe(0);
      };
      await backfill();
      await backfill();
      expect(await aws.listKeys(bucket, 'restatements/')).toEqual([]);

      const committed = (await aws.listKeys(bucket)).filter((k) => !k.startsWith('_'));
      const tables = [...new Set(committed.map((k) => k.split('/')[0]!))];
      // Snapshot reports are keyed by the planner's day (the real clock): read it from the lake.
      const snapshotDate =
        committed
          .map((k) => /dt=([^/]+)\//.exec(k)![1]!)
          .filter((date) => !c.dates.includes(date))
          .sort()
          .at(-1) ?? '';
      const before = c.truth(simulator, tables, snapshotDate);
      simulator.restateLate(c.restated);
      const expected = c.expected(before, c.truth(simulator, tables, snapshotDate));
      expect(expected.size).toBeGreaterThan(0);

      const restatedLines = () =>
        aws.captured.logLines.filter((l) => l.includes(`partition restated`) && l.includes(name));
      expect(restatedLines()).toEqual([]);
      await backfill();
      // The committer reports each restated partition (with the RestatedPartitions metric).
      expect(restatedLines()).toHaveLength(expected.size);
      const found = await records(bucket);
      expectRecords(found, expected, name);

      await backfill();
      expect(await records(bucket)).toHaveLength(found.length);
      expect(restatedLines()).toHaveLength(expected.size);
    }, 300_000);
  });
}
