import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface DriverOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  /** One handler, or several "containers" (each with its own memory) taking invocations in turn. */
  handler: SqsHandler | SqsHandler[];
  batchSize?: number;
  /**
   * Seconds after which the batch of a crashed invocation reappears (default 2). While an
   * invocation runs, its messages stay invisible (see RUNNING_VISIBILITY_SECONDS).
   */
  visibilityTimeoutSeconds?: number;
  /** Called before each invocation; may send duplicates or change the world (expire tokens). */
  beforeInvoke?: (messages: Message[], invocation: number) => Promise<void>;
  /** Returns true when the invocation "crashed": the whole batch stays undeleted, as when a Lambda dies. */
  crashed?: () => boolean;
  /** Give up after this long (ms). */
  deadlineMs?: number;
  /** What each invocation's context reports as its remaining time (default 300 s, the fetcher's timeout). */
  remainingTimeMs?: number;
}

export interface DriverStats {
  invocations: number;
  records: number;
  failedRecords: number;
  crashedInvocations: number;
  maxReceiveCount: number;
}

/** Adds one drain's counts to another's. */
export function addStats(total: DriverStats, more: DriverStats): DriverStats {
  total.invocations += more.invocations;
  total.records += more.records;
  total.failedRecords += more.failedRecords;
  total.crashedInvocations += more.crashedInvocations;
  total.maxReceiveCount = Math.max(total.maxReceiveCount, more.maxReceiveCount);
  return total;
}

const fakeContext = (invocation: number, remainingTimeMs: number): Context => {
  // As in Lambda, the time left shrinks while the invocation runs.
  const endsAt = Date.now() + remainingTimeMs;
  return {
    functionName: 'report-fetcher-fetcher-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:report-fetcher-fetcher-test',
    memoryLimitInMB: '1024',
    awsRequestId: `request-${invocation}`,
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } as Context;
};

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'test',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'eu-west-1',
  };
}

/**
 * Deployed, a queue's visibility timeout is six times its function's timeout, so a message never
 * reappears while the invocation that received it still runs. The driver keeps that true however
 * slow a loaded machine makes an invocation: messages are received invisible for this long (more
 * than any test invocation takes), and a crashed invocation's batch is then made to reappear
 * after `visibilityTimeoutSeconds`.
 */
const RUNNING_VISIBILITY_SECONDS = 600;

/**
 * Polls a queue the way the Lambda SQS event source does: receives up to `batchSize` messages
 * (invisible while the invocation runs), invokes the handler with them, deletes the ones not
 * listed in `batchItemFailures`, and leaves the rest to reappear, so the queue's redrive policy
 * moves a message that keeps failing to its DLQ. Failed messages are made visible again at once
 * (as a short function timeout would) to keep tests fast; a crashed invocation's batch after
 * `visibilityTimeoutSeconds`. Runs until the queue is empty.
 */
export async function drainQueue(options: DriverOptions): Promise<DriverStats> {
  const { sqs, queueUrl, queueArn } = options;
  const handlers = Array.isArray(options.handler) ? options.handler : [options.handler];
  const batchSize = options.batchSize ?? 5;
  const visibility = options.visibilityTimeoutSeconds ?? 2;
  const deadline = Date.now() + (options.deadlineMs ?? 50_000);
  const stats: DriverStats = {
    invocations: 0,
    records: 0,
    failedRecords: 0,
    crashedInvocations: 0,
    maxReceiveCount: 0,
  };
  for (;;) {
    if (Date.now() > deadline) throw new Error(`queue not drained in time: ${JSON.stringify(stats)}`);
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: batchSize,
        VisibilityTimeout: Math.max(visibility, RUNNING_VISIBILITY_SECONDS),
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) {
      if (await isEmpty(sqs, queueUrl)) return stats;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const invocation = ++stats.invocations;
    await options.beforeInvoke?.(messages, invocation);
    stats.records += messages.length;
    for (const m of messages) {
      stats.maxReceiveCount = Math.max(
        stats.maxReceiveCount,
        Number(m.Attributes?.ApproximateReceiveCount ?? 1),
      );
    }
    let response: SQSBatchResponse;
    try {
      response = await handlers[(invocation - 1) % handlers.length]!(
        { Records: messages.map((m) => toRecord(m, queueArn)) },
        fakeContext(invocation, options.remainingTimeMs ?? 300_000),
      );
    } catch {
      // The whole invocation failed: every message comes back.
      response = { batchItemFailures: messages.map((m) => ({ itemIdentifier: m.MessageId! })) };
    }
    if (options.crashed?.()) {
      // The runtime died before the event source saw a response: nothing is deleted and the
      // messages reappear only after their visibility timeout.
      stats.crashedInvocations++;
      await setVisibility(sqs, queueUrl, messages, visibility);
      continue;
    }
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    stats.failedRecords += failed.size;
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    await setVisibility(
      sqs,
      queueUrl,
      messages.filter((m) => failed.has(m.MessageId!)),
      0,
    );
  }
}

async function setVisibility(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly Message[],
  seconds: number,
): Promise<void> {
  if (messages.length === 0) return;
  await sqs.send(
    new ChangeMessageVisibilityBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({
        Id: String(i),
        ReceiptHandle: m.ReceiptHandle!,
        VisibilityTimeout: seconds,
      })),
    }),
  );
}

/** Nothing visible, in flight or delayed. */
export async function isEmpty(sqs: SQSClient, queueUrl: string): Promise<boolean> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0) ===
    0
  );
}

export async function countMessages(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

export async function sendBody(sqs: SQSClient, queueUrl: string, body: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
}
