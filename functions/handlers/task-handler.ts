import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  type CommitPartitionTask,
  type Deadline,
  DeadlineError,
  type FetchPageTask,
  failureMetricOf,
  InternalError,
  toReportFetcherError,
} from '../engine/index.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';
import { taskMessage } from './task-messages.js';

export type QueuedTask = FetchPageTask | CommitPartitionTask;

/** Waits must end this long before the invocation does, leaving time to stage and hand back. */
const WAIT_RESERVE_MS = 45_000;
/** SQS's longest message delay. */
export const MAX_DELAY_SECONDS = 900;
/** A task deferred this often (about a day of 15-minute waits) fails instead: something is wrong. */
export const MAX_DEFERRALS = 96;

/** What a task runner gets besides its task. */
export interface TaskTools {
  context: AwsContext;
  logger: Logger;
  metrics: Metrics;
  /** Where the task is, for log lines. */
  where: Record<string, unknown>;
  /** The invocation's remaining time, less a reserve to stage and hand back (absent: no limit). */
  deadline?: Deadline;
}

export interface TaskHandlerOptions {
  /** Powertools service name (a dimension of every metric). */
  service: string;
  /** What a failure is called in the log line ("page", "commit"). */
  noun: string;
  /** The metric counting failed records. */
  failureMetric: string;
  /** A record is not started with less than this left: it goes back to the queue untouched. */
  minTimeMs: number;
  /** The source this function serves, if it serves one (fetchers). */
  ownSource?: string;
  run(task: QueuedTask, tools: TaskTools): Promise<void>;
}

/**
 * The SQS side of the fetcher and the committer: records of a batch one after another, each
 * parsed as a task message, a time guard before each, a wait that would outlast the invocation
 * handed back as a delayed message (not a failure), and any other failure logged, counted and
 * returned as a batch item failure so that SQS redelivers it and, in the end, moves it to the DLQ.
 */
export function createTaskHandler(
  options: TaskHandlerOptions,
  env: NodeJS.ProcessEnv = process.env,
  clients: AwsClients = {},
) {
  const logger = createLogger(options.service);
  const metrics = createMetrics(options.service, env);
  const aws = lazy(() => new AwsContext(env, clients));
  const { ownSource } = options;
  // Records of a batch run one after another, so a source never has more requests in flight
  // than its event source's maximum concurrency.
  const processor = new BatchProcessor(EventType.SQS);
  if (ownSource) metrics.setDefaultDimensions({ source: ownSource });
  let invocation: Context | undefined;

  async function processRecord(record: SQSRecord): Promise<void> {
    const task = taskMessage.parse(JSON.parse(record.body)) as QueuedTask;
    const where = {
      type: task.type,
      source: task.source,
      report: task.report,
      date: task.date,
      ...(task.type === 'fetch-page' ? { slice: task.slice.key, page: task.page.ordinal } : {}),
      runId: task.runId,
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
    };
    if (ownSource && task.source !== ownSource)
      throw new InternalError(`task for source "${task.source}" arrived at the fetcher of "${ownSource}"`);
    const context = aws();
    // The time guard: a record that cannot finish in what is left goes back to the queue as a
    // batch failure instead of being cut off by the timeout half-way.
    const remaining = invocation?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    if (remaining < (clients.timing?.minTimeMs ?? options.minTimeMs)) {
      throw new InternalError(`not started: ${Math.round(remaining / 1000)} s left`, { retryable: true });
    }
    const deadline = Number.isFinite(remaining)
      ? {
          at: Date.now() + remaining - (clients.timing?.waitReserveMs ?? WAIT_RESERVE_MS),
          name: "the invocation's remaining time",
        }
      : undefined;
    try {
      await options.run(task, { context, logger, metrics, where, deadline });
    } catch (error) {
      if (error instanceof DeadlineError && (task.deferrals ?? 0) < MAX_DEFERRALS) {
        // Waiting is not failing: the task goes back to the queue as a new message, delayed to
        // the wait's end, so its receive count (and the way to the DLQ) starts over.
        const delaySeconds = Math.min(
          MAX_DELAY_SECONDS,
          Math.max(0, Math.ceil((error.resumeAt - Date.now()) / 1000)),
        );
        await context
          .queue(task.source)
          .send([{ ...task, deferrals: (task.deferrals ?? 0) + 1 }], delaySeconds);
        metrics.addMetric('Deferrals', MetricUnit.Count, 1);
        logger.info('task deferred: the wait outlasts this invocation', { ...where, delaySeconds });
        return;
      }
      const failure = toReportFetcherError(error, {
        source: task.source,
        report: task.report,
        date: task.date,
      });
      metrics.addMetric(options.failureMetric, MetricUnit.Count, 1);
      // And by failure family (VendorErrors, DriftErrors, …): what kind of failure, not only where.
      metrics.addMetric(failureMetricOf(failure), MetricUnit.Count, 1);
      logger.error(`${options.noun} failed; SQS will redeliver it, then move it to the DLQ`, {
        ...where,
        code: failure.code,
        family: failure.family,
        retryable: failure.retryable,
        error: failure.describe(),
      });
      throw failure;
    }
  }

  async function handle(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
    invocation = context;
    return processPartialResponse(event, processRecord, processor, {
      context,
      processInParallel: false,
    });
  }

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
