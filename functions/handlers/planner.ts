import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { putJson } from '../adapters/aws/s3-json.js';
import { runManifestKey } from '../deployment/index.js';
import {
  type CommitPartitionTask,
  type DeferredPartition,
  dateRange,
  GaveUpError,
  InputError,
  partitionsFor,
  planningInstant,
  planPartition,
  type ReportFetcherError,
  runIdFor,
  type ScheduledPlan,
  type SourceSettings,
  scheduledPartitions,
  type Task,
  toReportFetcherError,
} from '../engine/index.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';

/**
 * The fetchers of a run must not have to replace the token while they fan out: the planner makes
 * sure the cached token has this much life left before it enqueues anything.
 */
const TOKEN_MIN_LIFE_MS = 30 * 60_000;

/**
 * How long a planner invocation owns a run it is planning; a later invocation of the same run
 * resumes it only after that (the planner's own timeout is 15 minutes).
 */
const PLANNING_LEASE_MS = 16 * 60_000;

/**
 * `{source, scheduledTime}` from the daily schedule (the scheduler's `<aws.scheduler.scheduled-time>`);
 * `{source, from, to, requestedAt}` for a backfill (`report-fetcher backfill --deployed`). The
 * times make the run id, so repeated deliveries of one invocation are one run.
 */
export const plannerEvent = z.union([
  z.strictObject({
    source: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    requestedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({ source: z.string(), scheduledTime: z.iso.datetime({ offset: true }).optional() }),
]);
export type PlannerEvent = z.infer<typeof plannerEvent>;

export interface RunManifest {
  runId: string;
  source: string;
  trigger: 'schedule' | 'backfill';
  dates: string[];
  plannedAt: string;
  partitions: { report: string; table: string; date: string; pages: number; error?: string }[];
  /**
   * Partitions of the window left to a later scheduled run: the day has not ended in the zone the
   * report's data is cut in (`until`, a UTC instant); the first run after it plans them.
   */
  deferred?: { report: string; table: string; date: string; zone: string; until: string }[];
}

/** A backfill plans every date it names: its user asked for them, none is deferred. */
function backfillPlan(settings: SourceSettings, dates: string[], runId: string, at: Date): ScheduledPlan {
  return { dates, partitions: partitionsFor(settings, dates, runId, at), deferred: [] };
}

function deferredEntry(
  runtime: { partition(report: string, date: string): { table: string } },
  deferred: DeferredPartition,
) {
  const { report, date, zone, endsAt } = deferred;
  return { report, table: runtime.partition(report, date).table, date, zone, until: endsAt };
}

export interface PlannerResult {
  runId: string;
  source: string;
  manifest: string;
  partitions: number;
  failedPartitions: number;
  tasks: number;
  /** The run was already planned (or is being planned) by an earlier invocation: nothing was done. */
  repeated?: 'planned' | 'planning-elsewhere';
}

export function createPlannerHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  const logger = createLogger('report-fetcher-planner');
  const metrics = createMetrics('report-fetcher-planner', env);
  const aws = lazy(() => new AwsContext(env, clients));

  async function plan(rawEvent: unknown, _context?: Context): Promise<PlannerResult> {
    // Counted before anything can fail, so every invocation publishes at least one metric.
    metrics.addMetric('PlannerInvocations', MetricUnit.Count, 1);
    const parsed = plannerEvent.safeParse(rawEvent);
    if (!parsed.success)
      throw new InputError(
        `planner event: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    const event = parsed.data;
    const context = aws();
    const backfill = 'from' in event;
    const now = clients.now?.() ?? new Date();
    const runId = runIdFor(event, now);
    // The dates come from the instant the run id is made of, never from when this delivery arrived.
    const planAt = planningInstant(event, now);
    logger.appendKeys({ source: event.source, runId });
    metrics.addDimension('source', event.source);
    const runtime = await context.runtime(event.source, runId);
    const { settings } = runtime;
    // A scheduled run leaves a date whose day has not ended in its report's data zone to a later run.
    const { dates, partitions, deferred } =
      'from' in event
        ? backfillPlan(settings, dateRange(event.from, event.to), runId, planAt)
        : scheduledPartitions(settings, runId, planAt);
    const manifestKey = runManifestKey(runId, event.source);
    const manifestUri = `s3://${context.deployment.bucket}/${manifestKey}`;
    const trigger = backfill ? 'backfill' : 'schedule';
    const plannedAt = now.toISOString();
    const deferredEntries = deferred.map((d) => deferredEntry(runtime, d));
    const start = await context.ledger.startRun(
      {
        source: event.source,
        runId,
        trigger,
        dates,
        state: 'planning',
        startedAt: plannedAt,
        // What status --deployed shows as deferred until a later run plans it.
        ...(deferredEntries.length > 0 ? { deferred: deferredEntries } : {}),
      },
      PLANNING_LEASE_MS,
    );
    if (!start.started) {
      // A retry or a second delivery of the same schedule or backfill: the run exists.
      const known = await context.ledger.partitions(event.source, runId);
      metrics.addMetric('PlannerRepeats', MetricUnit.Count, 1);
      logger.info('run already planned; nothing to do', { reason: start.reason, partitions: known.length });
      return {
        runId,
        source: event.source,
        manifest: manifestUri,
        partitions: known.length,
        failedPartitions: known.filter((p) => p.state === 'failed').length,
        tasks: 0,
        repeated: start.reason,
      };
    }
    await runtime.client.ensureToken(TOKEN_MIN_LIFE_MS);

    const manifest: RunManifest = {
      runId,
      source: event.source,
      trigger,
      dates,
      plannedAt,
      partitions: [],
      ...(deferredEntries.length > 0 ? { deferred: deferredEntries } : {}),
    };
    for (const partition of deferredEntries)
      logger.info('partition deferred: its day has not ended in the zone its data is cut in', { partition });
    const queue = context.queue(event.source);
    let enqueued = 0;
    let firstFailure: ReportFetcherError | undefined;
    for (const partition of partitions) {
      const ref = runtime.partition(partition.report, partition.date);
      const entry = { report: partition.report, table: ref.table, date: partition.date, pages: 0 };
      // A resumed run (the last invocation died mid-way) skips what that one recorded.
      if (await context.ledger.isPlanned(event.source, runId, ref)) continue;
      const ledgerEntry = {
        runId,
        report: partition.report,
        partition: ref,
        plannedAt,
        updatedAt: plannedAt,
      };
      try {
        const first = await planPartition(runtime, partition);
        entry.pages = first.length;
        // A partition with no pages (no live campaign that day) still commits, empty, as locally.
        const tasks: Task[] =
          first.length > 0
            ? first
            : [{ ...partition, type: 'commit-partition' } satisfies CommitPartitionTask];
        await queue.send(tasks);
        enqueued += tasks.length;
        await context.ledger.recordPlanned({ ...ledgerEntry, state: 'planned', pages: first.length });
      } catch (error) {
        // One partition that cannot be planned must not hold back the others; the run still fails below.
        const failure = toReportFetcherError(error, {
          source: event.source,
          report: partition.report,
          date: partition.date,
        });
        firstFailure ??= failure;
        logger.error('planning a partition failed', { partition: entry, error: failure.describe() });
        manifest.partitions.push({ ...entry, error: failure.describe() });
        await context.ledger.recordPlanned({
          ...ledgerEntry,
          state: 'failed',
          pages: 0,
          error: failure.describe(),
        });
        continue;
      }
      manifest.partitions.push(entry);
    }
    await putJson(context.s3, context.deployment.bucket, manifestKey, manifest);
    await context.ledger.finishPlanning(event.source, runId);
    const failed = manifest.partitions.filter((p) => p.error).length;
    metrics.addMetric('PartitionsPlanned', MetricUnit.Count, partitions.length - failed);
    metrics.addMetric('PartitionsFailedToPlan', MetricUnit.Count, failed);
    metrics.addMetric('PartitionsDeferred', MetricUnit.Count, deferred.length);
    metrics.addMetric('TasksEnqueued', MetricUnit.Count, enqueued);
    logger.info('run planned', {
      dates,
      partitions: partitions.length,
      failed,
      deferred: deferred.length,
      tasks: enqueued,
    });
    if (firstFailure) {
      // The invocation fails in the family of what went wrong first (its metric and alarm).
      throw new GaveUpError(
        `${failed} of ${partitions.length} partitions could not be planned (see ${manifestUri}); first: ${firstFailure.describe()}`,
        firstFailure,
        {},
      );
    }
    return {
      runId,
      source: event.source,
      manifest: manifestUri,
      partitions: partitions.length,
      failedPartitions: failed,
      tasks: enqueued,
    };
  }

  return middy(plan)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

export const handler = createPlannerHandler();
