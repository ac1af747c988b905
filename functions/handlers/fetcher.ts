import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { putJson } from '../adapters/aws/s3-json.js';
import { S3StagingStore } from '../adapters/aws/s3-staging-store.js';
import { toReportFetcherError } from '../engine/errors.js';
import type { PageState } from '../engine/pagination/paginator.js';
import { commitPartition, describeFields } from '../engine/run/commit-partition.js';
import { fetchPage } from '../engine/run/fetch-page.js';
import type { FetchPageTask } from '../engine/run/tasks.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';
import { FETCHER_SOURCE_ENV, runOutcomeKey } from './deployment.js';

/** A queue message: a fetch-page task, state only (never a token or a secret). */
export const fetchPageMessage = z.object({
  type: z.literal('fetch-page'),
  runId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  source: z.string(),
  report: z.string(),
  date: z.iso.date(),
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

export function createFetcherHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  const logger = createLogger('report-fetcher-fetcher');
  const metrics = createMetrics('report-fetcher-fetcher');
  const aws = lazy(() => new AwsContext(env, clients));
  const ownSource = env[FETCHER_SOURCE_ENV];
  // Records of a batch run one after another, so a source never has more requests in flight
  // than its event source's maximum concurrency.
  const processor = new BatchProcessor(EventType.SQS);
  if (ownSource) metrics.setDefaultDimensions({ source: ownSource });

  async function processRecord(record: SQSRecord): Promise<void> {
    const task: FetchPageTask = fetchPageMessage.parse(JSON.parse(record.body));
    const where = {
      source: task.source,
      report: task.report,
      date: task.date,
      slice: task.slice.key,
      page: task.page.ordinal,
      runId: task.runId,
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
    };
    if (ownSource && task.source !== ownSource)
      throw new Error(`task for source "${task.source}" arrived at the fetcher of "${ownSource}"`);
    const context = aws();
    try {
      const runtime = await context.runtime(task.source, task.runId);
      const outcome = await fetchPage(runtime, task);
      metrics.addMetric('PagesStaged', MetricUnit.Count, 1);
      metrics.addMetric('RowsStaged', MetricUnit.Count, outcome.meta.rows);
      metrics.addMetric('Requests', MetricUnit.Count, outcome.meta.requests);
      metrics.addMetric('Retries', MetricUnit.Count, outcome.meta.retries);
      metrics.addMetric('Throttles', MetricUnit.Count, outcome.meta.throttled);
      logger.debug('page staged', { ...where, rows: outcome.meta.rows, following: outcome.following.length });
      if (outcome.following.length > 0) {
        // Enqueued before this message is deleted: a crash in between re-runs this page, which
        // re-stages the same keys and enqueues the same followers again; both are harmless.
        await context.queue(task.source).send(outcome.following);
        return;
      }
      // This page enqueued nothing: it may have been the partition's last. S3 decides.
      const { totalPages } = outcome.meta;
      if (totalPages !== undefined && context.deps.staging instanceof S3StagingStore) {
        const partition = runtime.partition(task.report, task.date);
        const staged = await context.deps.staging.stagedPageCount(task.runId, partition, task.slice.key);
        if (staged < totalPages) {
          logger.debug('slice not complete yet', { ...where, staged, totalPages });
          return;
        }
      }
      const commit = await commitPartition(runtime, task);
      if (commit.status === 'incomplete') {
        logger.debug('partition not complete yet', { ...where, missing: commit.missing });
        return;
      }
      if (commit.status === 'superseded') {
        // A redriven or late page of an older run: the newer partition stays as it is.
        logger.warn('partition not committed: a newer run committed it', { ...where, by: commit.by });
        metrics.addMetric('CommitsSuperseded', MetricUnit.Count, 1);
        return;
      }
      const { partition: committed, ...outcomeRecord } = commit;
      await putJson(
        context.s3,
        context.deployment.bucket,
        runOutcomeKey(task.runId, task.source, committed.table, task.date),
        { ...outcomeRecord, report: task.report, ...committed },
      );
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
    } catch (error) {
      const failure = toReportFetcherError(error, {
        source: task.source,
        report: task.report,
        date: task.date,
      });
      metrics.addMetric('PageFailures', MetricUnit.Count, 1);
      logger.error('page failed; SQS will redeliver it, then move it to the DLQ', {
        ...where,
        code: failure.code,
        retryable: failure.retryable,
        error: failure.describe(),
      });
      throw failure;
    }
  }

  async function handle(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
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
