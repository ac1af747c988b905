import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';

const report = adcloud.reports.advertiser!;
const SOURCE = 'adcloud_fs';

let aws: AwsHarness;
let simulator: AdcloudSimulator;
beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  simulator = await startAdcloud({ rowsPerDate: 260, seed: 13 });
});
afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('deployed: a source that switches its output format', () => {
  it('leaves one object, in the new format, in each partition it commits again', async () => {
    const resources = await aws.createSourceResources({ name: 'rf-fs', credentials: simulator.credentials });
    const deployWith = (format: 'ndjson' | 'parquet') =>
      aws.deploy({
        bucket: 'rf-fs-lake',
        sources: [
          {
            config: { name: SOURCE, connector: 'adcloud', baseUrl: simulator.url, timezone: 'UTC', format },
            ...resources,
          } as { config: Partial<SourceConfig> } & typeof resources,
        ],
      });
    const key = (date: string, format: 'parquet' | 'ndjson') =>
      partitionObjectKey({ table: report.table, source: SOURCE, date }, format);

    const before = await deployWith('ndjson');
    await before.plan({
      source: SOURCE,
      from: '2025-04-01',
      to: '2025-04-02',
      requestedAt: '2025-04-03T08:00:00Z',
    });
    await before.drain(SOURCE);
    expect((await aws.listKeys(before.bucket, `${report.table}/`)).sort()).toEqual([
      key('2025-04-01', 'ndjson'),
      key('2025-04-02', 'ndjson'),
    ]);

    // The release that switches the source to Parquet, then a backfill of one date.
    const after = await deployWith('parquet');
    await after.plan({
      source: SOURCE,
      from: '2025-04-01',
      to: '2025-04-01',
      requestedAt: '2025-04-04T08:00:00Z',
    });
    const stats = await after.drain(SOURCE);
    expect(stats.failedRecords).toBe(0);
    expect((await aws.listKeys(after.bucket, `${report.table}/`)).sort()).toEqual([
      key('2025-04-01', 'parquet'),
      key('2025-04-02', 'ndjson'),
    ]);
    const commit = JSON.parse(
      await aws.getText(after.bucket, `_commits/${report.table}_source=${SOURCE}_dt=2025-04-01_json`),
    );
    expect(commit).toMatchObject({ format: 'parquet', rows: 260 });
    expect(await countMessages(aws.sqs, resources.deadLetterUrl)).toBe(0);
  }, 120_000);
});
