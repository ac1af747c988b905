import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { InternalError, type Task, type TaskQueue } from '../../engine/index.js';

/** SQS takes at most ten messages per SendMessageBatch. */
const SQS_BATCH = 10;
const MAX_ATTEMPTS = 5;

/**
 * Tasks onto a source's queue, ten per call. Entries SQS refuses inside an otherwise successful
 * batch are re-sent; a re-sent duplicate is harmless because staging keys are deterministic.
 */
export class SqsTaskQueue implements TaskQueue {
  constructor(
    private readonly client: SQSClient,
    readonly queueUrl: string,
  ) {}

  /** `delaySeconds` (0-900) keeps the messages invisible that long: a deferred wait's remainder. */
  async send(tasks: readonly Task[], delaySeconds?: number): Promise<void> {
    for (let start = 0; start < tasks.length; start += SQS_BATCH) {
      let pending = tasks.slice(start, start + SQS_BATCH).map((task, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify(task),
        ...(delaySeconds ? { DelaySeconds: delaySeconds } : {}),
      }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const response = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }),
        );
        const failed = new Set((response.Failed ?? []).map((f) => f.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= MAX_ATTEMPTS) {
          const reasons = (response.Failed ?? []).map((f) => f.Code).join(', ');
          throw new InternalError(
            `SQS refused ${pending.length} task(s) after ${attempt} attempts: ${reasons}`,
          );
        }
      }
    }
  }
}

/**
 * A source's task queue as the handlers see it: page tasks go to the source's queue (its
 * fetcher), commit tasks to the stage's commit queue (the committer, with its own memory and
 * timeout), whoever sends them.
 */
export class SqsTaskRouter implements TaskQueue {
  private readonly pages: SqsTaskQueue;
  private readonly commits: SqsTaskQueue;

  constructor(client: SQSClient, pageQueueUrl: string, commitQueueUrl: string) {
    this.pages = new SqsTaskQueue(client, pageQueueUrl);
    this.commits = new SqsTaskQueue(client, commitQueueUrl);
  }

  async send(tasks: readonly Task[], delaySeconds?: number): Promise<void> {
    const commits = tasks.filter((t) => t.type === 'commit-partition');
    const pages = tasks.filter((t) => t.type !== 'commit-partition');
    if (pages.length > 0) await this.pages.send(pages, delaySeconds);
    if (commits.length > 0) await this.commits.send(commits, delaySeconds);
  }
}
