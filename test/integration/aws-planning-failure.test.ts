import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { GaveUpError } from '../../functions/engine/errors.js';
import type { RunManifest } from '../../functions/handlers/planner.js';
import { startTune, type TuneSimulator } from '../simulators/tune/tune.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';

/**
 * The deployed planner when one partition cannot be planned: TUNE's count of one entity (the
 * total its planning reads, document line 296) refused with a 400, which is not retried.
 */
const SOURCE = 'tune_plan';
const REFUSED = '/v2/advertiser/campaigns/count.json';
let aws: AwsHarness;
let simulator: TuneSimulator;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  simulator = await startTune({ seed: 3 });
});

afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('a run with a partition that cannot be planned', () => {
  it('plans the others, records the failure in the run manifest, and fails the invocation in one line saying how many', async () => {
    const resources = await aws.createSourceResources({
      name: 'rf-plan-fail',
      credentials: simulator.credentials,
    });
    const config = { name: SOURCE, connector: 'tune', baseUrl: simulator.url, timezone: 'UTC' };
    const deployment = await aws.deploy({
      bucket: 'rf-plan-fail-lake',
      sources: [{ config: config as Partial<SourceConfig>, ...resources }],
    });
    simulator.setFaults({
      scripted: [
        {
          nth: 1,
          path: REFUSED,
          fault: { kind: 'status', status: 400, body: { message: 'Invalid filter' } },
        },
      ],
    });
    const failure = await deployment.plan({ source: SOURCE }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GaveUpError);
    const { message } = failure as GaveUpError;
    const said =
      /^1 of (\d+) partitions could not be planned \(see s3:\/\/rf-plan-fail-lake\/([^ ]+)\); first: (.+)$/.exec(
        message,
      );
    expect(said, message).not.toBeNull();
    expect(said![3]).toMatch(
      new RegExp(
        `^${SOURCE}/campaigns \\d{4}-\\d{2}-\\d{2}: GET \\S+/count\\.json answered HTTP 400: Invalid filter$`,
      ),
    );
    // In the family of what went wrong (its metric and alarm), never retried again.
    expect(failure).toMatchObject({ family: 'vendor', retryable: false });

    const manifest = JSON.parse(await aws.getText(deployment.bucket, said![2]!)) as RunManifest;
    const failed = manifest.partitions.filter((p) => p.error);
    const planned = manifest.partitions.filter((p) => !p.error);
    expect(manifest.partitions.length).toBe(Number(said![1]));
    expect(failed.map((p) => p.report)).toEqual(['campaigns']);
    // The other entities were planned, and their first pages enqueued, despite the failure.
    expect(planned.length).toBe(manifest.partitions.length - 1);
    expect(planned.length).toBeGreaterThanOrEqual(3);
    expect(await countMessages(aws.sqs, resources.queueUrl)).toBeGreaterThanOrEqual(planned.length);
  });
});
