import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { countMessages, drainQueue, type SqsHandler } from './support/lambda-queue-driver.js';

let aws: AwsHarness;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'SILENT' });
});

afterAll(async () => {
  await aws?.stop();
});

/**
 * The queue driver stands in for the Lambda SQS event source; the pipeline tests are only as true
 * as it is. Deployed, a queue's visibility is six times its function's timeout, so a message is
 * never handed to a second invocation while the first still runs, however slow the machine.
 */
describe('the Lambda queue driver', () => {
  it('never redelivers a message while the invocation that received it still runs', async () => {
    const queue = await aws.createSourceResources({
      name: 'driver-slow',
      credentials: {},
      maxReceiveCount: 2,
    });
    for (let i = 0; i < 3; i++)
      await aws.sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: `m${i}` }));
    const seen: string[] = [];
    // Each invocation outlasts the 1 s crash visibility (as any invocation may on a loaded machine).
    const slow: SqsHandler = async (event) => {
      seen.push(...event.Records.map((r) => r.body));
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return { batchItemFailures: [] };
    };
    const options = { sqs: aws.sqs, ...queue, visibilityTimeoutSeconds: 1, batchSize: 1 };
    const stats = await Promise.all([
      drainQueue({ ...options, handler: slow }),
      drainQueue({ ...options, handler: slow }),
    ]);
    expect(seen.sort()).toEqual(['m0', 'm1', 'm2']);
    expect(stats.map((s) => s.maxReceiveCount)).toEqual([1, 1]);
    expect(await countMessages(aws.sqs, queue.deadLetterUrl)).toBe(0);
  }, 60_000);

  it('lets a crashed invocation’s batch reappear after the visibility timeout', async () => {
    const queue = await aws.createSourceResources({
      name: 'driver-crash',
      credentials: {},
      maxReceiveCount: 3,
    });
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'once' }));
    let crashes = 1;
    const stats = await drainQueue({
      sqs: aws.sqs,
      ...queue,
      visibilityTimeoutSeconds: 1,
      handler: async () => ({ batchItemFailures: [] }),
      crashed: () => crashes-- > 0,
    });
    expect(stats).toMatchObject({ invocations: 2, crashedInvocations: 1, maxReceiveCount: 2 });
  }, 60_000);
});
