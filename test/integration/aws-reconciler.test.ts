import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunLedger } from '../../functions/adapters/aws/dynamo-run-ledger.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { createReconcilerHandler } from '../../functions/handlers/reconciler.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import type { SqsHandler } from './support/lambda-queue-driver.js';

let aws: AwsHarness;
let simulator: AdcloudSimulator;
beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  simulator = await startAdcloud({ rowsPerDate: 300, seed: 8 });
});
afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('the reconciler', () => {
  it('finds partitions planned but never committed, re-drives their commits, and reports them', async () => {
    const resources = await aws.createSourceResources({
      name: 'rf-recon',
      credentials: simulator.credentials,
    });
    const config = { name: 'adcloud_rc', connector: 'adcloud', baseUrl: simulator.url, timezone: 'UTC' };
    const deployment = await aws.deploy({
      bucket: 'rf-recon-lake',
      sources: [{ config: config as Partial<SourceConfig>, ...resources }],
    });
    const planned = await deployment.plan({
      source: 'adcloud_rc',
      from: '2025-06-01',
      to: '2025-06-03',
      requestedAt: new Date().toISOString(),
    });
    // Every commit message is lost (deleted unprocessed): the pages are staged, nothing commits.
    const losingCommits: SqsHandler = async () => ({ batchItemFailures: [] });
    await deployment.drain('adcloud_rc', { commits: { handler: losingCommits } });
    const ledger = new DynamoRunLedger(aws.dynamo.client, deployment.controlTable);
    expect((await ledger.partitions('adcloud_rc', planned.runId)).map((p) => p.state)).toEqual([
      'planned',
      'planned',
      'planned',
    ]);

    const inHours = (hours: number) => () => new Date(Date.now() + hours * 3600_000);
    const clients = { s3: aws.s3, sqs: aws.sqs, dynamo: aws.dynamo.client };
    // Within the bound nothing is overdue yet.
    const early = createReconcilerHandler(deployment.env, clients, inHours(1));
    expect(await early({}, {} as never)).toEqual({ overdue: 0, redriven: 0, freshness: expect.any(Array) });
    const late = createReconcilerHandler(deployment.env, clients, inHours(7));
    expect(await late({}, {} as never)).toEqual({ overdue: 3, redriven: 3, freshness: expect.any(Array) });
    expect(aws.captured.logLines.filter((l) => l.includes('not committed in time'))).toHaveLength(3);

    await deployment.drain('adcloud_rc');
    expect((await ledger.partitions('adcloud_rc', planned.runId)).map((p) => p.state)).toEqual([
      'committed',
      'committed',
      'committed',
    ]);
    expect(await late({}, {} as never)).toEqual({ overdue: 0, redriven: 0, freshness: expect.any(Array) });
  }, 120_000);
});
