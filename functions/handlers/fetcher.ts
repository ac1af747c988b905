import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { putJson } from '../adapters/aws/s3-json.js';
import { DeadlineError, ReportFetcherError, toReportFetcherError } from '../engine/errors.js';
import type { Deadline } from '../engine/limits.js';
import type { PageState } from '../engine/pagination/paginator.js';
import { commitPartition, describeFields, findMissing } from '../engine/run/commit-partition.js';
import { fetchPage } from '../engine/run/fetch-page.js';
import type { CommitPartitionTask, FetchPageTask } from '../engine/run/tasks.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';
import { FETCHER_SOURCE_ENV, runOutcomeKey } from './deployment.js';

const partitionFields = {
  runId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  source: z.string(),
  report: z.string(),
  date: z.iso.date(),
  /** How often this task was handed back for a wait (rate budget, vendor reset): not failures. */
  deferrals: z.int().min(0).optional(),
};

/** A queue message: a fetch-page task, state only (never a token or a secret). */
export const fetchPageMessage = z.object({
  type: z.literal('fetch-page'),
  ...partitionFields,
  slice: z.object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    totalItems: z.number().optional(),
  }),
  // Paginator states are the engine's business; only their discriminant is checked here, and a
  // link-header state's next page must be a path (the engine resolves it on the configured
  // origin and checks the path prefix again before any credential is attached).
  page: z.object({
    state: z
      .looseObject({ kind: z.string() })
      .refine(
        (s) =>
          s.kind !== 'link-header' || s.next === null || (typeof s.next === 'string' && isPagePath(s.next)),
        'a link-header page state must carry a path on the source (never a URL to another origin)',
      )
      .transform((s) => s as unknown as PageState),
    ordinal: z.int().min(0),
  }),
  fannedOut: z.boolean(),
});

/** A path and query on the source's origin: "/…", never "//host/…" or "scheme:…". */
function isPagePath(next: string): boolean {
  return next.startsWith('/') && !next.startsWith('//') && !next.includes('\\');
}

/** A queue message: commit a partition whose pages are all staged (or that has none). */
export const commitPartitionMessage = z.object({ type: z.literal('commit-partition'), ...partitionFields });

export const taskMessage = z.discriminatedUnion('type', [fetchPageMessage, commitPartitionMessage]);
type QueuedTask = FetchPageTask | CommitPartitionTask;

/** A record is not started with less than this left: it goes back to the queue untouched. */
export const MIN_TIME_FOR_PAGE_MS = 60_000;
/** A commit (reading every staged page, writing one object) gets more. */
export const MIN_TIME_FOR_COMMIT_MS = 150_000;
/** Waits must end this long before the invocation does, leaving time to stage and hand back. */
const WAIT_RESERVE_MS = 45_000;
/** How long a commit task waits when another commit of its partition is in progress. */
const BUSY_RETRY_SECONDS = 5;
/** SQS's longest message delay. */
const MAX_DELAY_SECONDS = 900;
/** A task deferred this often (about a day of 15-minute waits) fails instead: something is wrong. */
export const MAX_DEFERRALS = 96;

export function createFetcherHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  const logger = createLogger('report-fetcher-fetcher');
  const metrics = createMetrics('report-fetcher-fetcher', env);
  const aws = lazy(() => new AwsContext(env, clients));
  const ownSource = env[FETCHER_SOURCE_ENV];
  // Records of a batch run one after another, so a source never has more requests in flight
  // than its event source's maximum concurrency.
  const processor = new BatchProcessor(EventType.SQS);
  if (ownSource) metrics.setDefaultDimensions({ source: ownSource });
  let invocation: Context | undefined;

  async function processRecord(record: SQSRecord): Promise<void> {
    const task: QueuedTask = taskMessage.parse(JSON.parse(record.body)) as QueuedTask;
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
      throw new Error(`task for source "${task.source}" arrived at the fetcher of "${ownSource}"`);
    const context = aws();
    // The time guard: a record that cannot finish in what is left goes back to the queue as a
    // batch failure instead of being cut off by the timeout half-way.
    const remaining = invocation?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
    const needed = task.type === 'commit-partition' ? MIN_TIME_FOR_COMMIT_MS : MIN_TIME_FOR_PAGE_MS;
    if (remaining < needed) {
      throw new ReportFetcherError('INTERNAL', `not started: ${Math.round(remaining / 1000)} s left`, {
        retryable: true,
      });
    }
    const deadline = Number.isFinite(remaining)
      ? { at: Date.now() + remaining - WAIT_RESERVE_MS, name: "the invocation's remaining time" }
      : undefined;
    try {
      if (task.type === 'commit-partition') await commit(context, task, where);
      else await fetch(context, task, where, deadline);
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
      metrics.addMetric('PageFailures', MetricUnit.Count, 1);
      logger.error(
        `${task.type === 'commit-partition' ? 'commit' : 'page'} failed; SQS will redeliver it, then move it to the DLQ`,
        {
          ...where,
          code: failure.code,
          retryable: failure.retryable,
          error: failure.describe(),
        },
      );
      throw failure;
    }
  }

  async function fetch(
    context: AwsContext,
    task: FetchPageTask,
    where: Record<string, unknown>,
    deadline: Deadline | undefined,
  ) {
    const runtime = await context.runtime(task.source, task.runId);
    const outcome = await fetchPage(runtime, task, { deadline });
    metrics.addMetric('PagesStaged', MetricUnit.Count, 1);
    metrics.addMetric('RowsStaged', MetricUnit.Count, outcome.meta.rows);
    metrics.addMetric('Requests', MetricUnit.Count, outcome.meta.requests);
    metrics.addMetric('Retries', MetricUnit.Count, outcome.meta.retries);
    metrics.addMetric('Throttles', MetricUnit.Count, outcome.meta.throttled);
    logger.debug('page staged', { ...where, rows: outcome.meta.rows, following: outcome.following.length });
    const queue = context.queue(task.source);
    if (outcome.following.length > 0) {
      // Enqueued before this message is deleted: a crash in between re-runs this page, which
      // re-stages the same keys and enqueues the same followers again; both are harmless.
      await queue.send(outcome.following);
      return;
    }
    // This page enqueued nothing: it may have been the partition's last. The staged state
    // decides (the completeness tracker), and the commit runs as its own task.
    const partition = runtime.partition(task.report, task.date);
    const { totalPages } = outcome.meta;
    if (
      totalPages !== undefined &&
      (await runtime.deps.staging.countStagedPages(task.runId, partition, task.slice.key)) < totalPages
    ) {
      logger.debug('partition not complete yet', { ...where, slice: task.slice.key, totalPages });
      return;
    }
    const manifest = await runtime.deps.staging.readManifest(task.runId, partition);
    if (!manifest) return;
    const missing = findMissing(manifest, await runtime.deps.staging.listPages(task.runId, partition));
    if (missing) {
      logger.debug('partition not complete yet', { ...where, missing });
      return;
    }
    const { runId, source, report, date } = task;
    await queue.send([{ type: 'commit-partition', runId, source, report, date }]);
  }

  async function commit(context: AwsContext, task: CommitPartitionTask, where: Record<string, unknown>) {
    const runtime = await context.runtime(task.source, task.runId);
    const partition = runtime.partition(task.report, task.date);
    const commit = await commitPartition(runtime, task);
    if (commit.status === 'incomplete') {
      logger.debug('partition not complete yet', { ...where, missing: commit.missing });
      return;
    }
    if (commit.status === 'already-committed') {
      // A second commit task of the same run (two slices completed at once, a duplicate): the
      // partition is written exactly once.
      logger.debug('partition already committed by this run', where);
      return;
    }
    if (commit.status === 'busy') {
      // Another container commits this partition right now (a duplicate, or another run):
      // come back shortly, without counting towards the DLQ.
      await context
        .queue(task.source)
        .send([{ ...task, deferrals: (task.deferrals ?? 0) + 1 }], BUSY_RETRY_SECONDS);
      logger.info('partition being committed elsewhere; commit task deferred', { ...where, by: commit.by });
      return;
    }
    if (commit.status === 'superseded') {
      // A redriven or late page of an older run: the newer partition stays as it is.
      logger.warn('partition not committed: a newer run committed it', { ...where, by: commit.by });
      metrics.addMetric('CommitsSuperseded', MetricUnit.Count, 1);
      await context.ledger.settle(task.runId, partition, { state: 'superseded' });
      return;
    }
    const { partition: committed, ...outcomeRecord } = commit;
    await putJson(
      context.s3,
      context.deployment.bucket,
      runOutcomeKey(task.runId, task.source, committed.table, task.date),
      { ...outcomeRecord, report: task.report, ...committed },
    );
    await context.ledger.settle(task.runId, partition, {
      state: 'committed',
      rows: commit.rows,
      bytes: commit.bytes,
    });
    metrics.addMetric('PartitionsCommitted', MetricUnit.Count, 1);
    metrics.addMetric('RowsCommitted', MetricUnit.Count, commit.rows);
    logger.info('partition committed', {
      ...where,
      location: commit.location,
      rows: commit.rows,
      pages: commit.pages,
      bytes: commit.bytes,
      retries: commit.retries,
      throttled: commit.throttled,
    });
    if (commit.fields) logger.warn(`schema contract: ${describeFields(commit.fields)}`, where);
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

export const handler = createFetcherHandler();
