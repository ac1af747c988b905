import type { Task } from './tasks.js';

/**
 * Where tasks go to be run later: page tasks to the fetchers of their source, commit tasks to the
 * committer. Deployed, SQS queues (`adapters/aws/sqs-task-queue.ts`); a send is at least once,
 * so every task must be safe to run twice.
 */
export interface TaskQueue {
  /** `delaySeconds` (0-900) keeps the tasks back that long: the remainder of a deferred wait. */
  send(tasks: readonly Task[], delaySeconds?: number): Promise<void>;
}
