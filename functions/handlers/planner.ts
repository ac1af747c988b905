import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { putJson } from '../adapters/aws/s3-json.js';
import { toReportFetcherError } from '../engine/errors.js';
import { planPartition } from '../engine/run/plan-partition.js';
import { dateRange, scheduledDates } from '../engine/run/report-dates.js';
import { partitionsFor } from '../engine/run/run-plan.js';
import { type FetchPageTask, newRunId } from '../engine/run/tasks.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';
import { runManifestKey } from './deployment.js';

/**
 * The fetchers of a run must not have to replace the token while they fan out: the planner makes
 * sure the cached token has this much life left before it enqueues anything.
 */
const TOKEN_MIN_LIFE_MS = 30 * 60_000;

/** `{source}` from the daily schedule; `{source, from, to}` for a backfill (`report-fetcher backfill --deployed`). */
export const plannerEvent = z.union([
  z.strictObject({ source: z.string(), from: z.iso.date(), to: z.iso.date() }),
  z.strictObject({ source: z.string() }),
]);
export type PlannerEvent = z.infer<typeof plannerEvent>;

export interface RunManifest {
  runId: string;
  source: string;
  trigger: 'schedule' | 'backfill';
  dates: string[];
  plannedAt: string;
  partitions: { report: string; table: string; date: string; pages: number; error?: string }[];
}

export interface PlannerResult {
  runId: string;
  source: string;
  manifest: string;
  partitions: number;
  failedPartitions: number;
  tasks: number;
}

export function createPlannerHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  const logger = createLogger('report-fetcher-planner');
  const metrics = createMetrics('report-fetcher-planner');
  const aws = lazy(() => new AwsContext(env, clients));

  async function plan(rawEvent: unknown, _context?: Context): Promise<PlannerResult> {
    // Counted before anything can fail, so every invocation publishes at least one metric.
    metrics.addMetric('PlannerInvocations', MetricUnit.Count, 1);
    const event = plannerEvent.parse(rawEvent);
    const context = aws();
    const backfill = 'from' in event;
    const runId = newRunId();
    logger.appendKeys({ source: event.source, runId });
    metrics.addDimension('source', event.source);
    const runtime = await context.runtime(event.source, runId);
    await runtime.client.ensureToken(TOKEN_MIN_LIFE_MS);

    const { settings } = runtime;
    const dates = backfill
      ? dateRange(event.from, event.to)
      : scheduledDates(settings.timezone, settings.lookbackDays);
    const partitions = partitionsFor(settings, dates, runId);
    const manifest: RunManifest = {
      runId,
      source: event.source,
      trigger: backfill ? 'backfill' : 'schedule',
      dates,
      plannedAt: new Date().toISOString(),
      partitions: [],
    };
    const tasks: FetchPageTask[] = [];
    for (const partition of partitions) {
      const entry = {
        report: partition.report,
        table: runtime.report(partition.report).table,
        date: partition.date,
        pages: 0,
      };
      try {
        const first = await planPartition(runtime, partition);
        entry.pages = first.length;
        tasks.push(...first);
      } catch (error) {
        // One partition that cannot be planned must not hold back the others; the run still fails below.
        const failure = toReportFetcherError(error, {
          source: event.source,
          report: partition.report,
          date: partition.date,
        });
        logger.error('planning a partition failed', { partition: entry, error: failure.describe() });
        manifest.partitions.push({ ...entry, error: failure.describe() });
        continue;
      }
      manifest.partitions.push(entry);
    }
    const manifestKey = runManifestKey(runId, event.source);
    await putJson(context.s3, context.deployment.bucket, manifestKey, manifest);
    await context.queue(event.source).send(tasks);

    const failed = manifest.partitions.filter((p) => p.error).length;
    metrics.addMetric('PartitionsPlanned', MetricUnit.Count, partitions.length - failed);
    metrics.addMetric('PartitionsFailedToPlan', MetricUnit.Count, failed);
    metrics.addMetric('TasksEnqueued', MetricUnit.Count, tasks.length);
    logger.info('run planned', { dates, partitions: partitions.length, failed, tasks: tasks.length });
    if (failed > 0) {
      throw new Error(
        `${failed} of ${partitions.length} partitions could not be planned (see s3://${context.deployment.bucket}/${manifestKey})`,
      );
    }
    return {
      runId,
      source: event.source,
      manifest: `s3://${context.deployment.bucket}/${manifestKey}`,
      partitions: partitions.length,
      failedPartitions: failed,
      tasks: tasks.length,
    };
  }

  return middy(plan)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

export const handler = createPlannerHandler();
