import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { putJson } from '../adapters/aws/s3-json.js';
import { runOutcomeKey } from '../deployment/index.js';
import {
  type CommitPartitionTask,
  commitPartition,
  describeFields,
  describeRestatement,
  InternalError,
  restatementRow,
  settleCommit,
} from '../engine/index.js';
import type { AwsClients } from './aws-context.js';
import { createTaskHandler, type TaskTools } from './task-handler.js';

/**
 * A commit is not started with less than this left: reading every staged page and writing one
 * object of a large partition takes minutes (bench/results.md).
 */
export const MIN_TIME_FOR_COMMIT_MS = 150_000;
/** How long a commit task waits when another commit of its partition is in progress. */
const BUSY_RETRY_SECONDS = 5;

/**
 * The committer of a stage: one commit-partition task per invocation, in a function of its own
 * (memory and timeout sized for the largest partition, see lib/partition-committer.ts), so a
 * large commit never shares an invocation with pages. It reads staging and writes the lake; it
 * never reads a credential nor calls a vendor.
 */
export function createCommitterHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  return createTaskHandler(
    {
      service: 'report-fetcher-committer',
      failureMetric: 'CommitFailures',
      noun: 'commit',
      minTimeMs: MIN_TIME_FOR_COMMIT_MS,
      async run(task, tools) {
        tools.metrics.addMetric('CommitTasks', MetricUnit.Count, 1);
        if (task.type !== 'commit-partition')
          throw new InternalError(
            `a ${task.type} task arrived at the committer (only commit-partition tasks go there)`,
          );
        await commit(task, tools);
      },
    },
    env,
    clients,
  );
}

async function commit(task: CommitPartitionTask, { context, logger, metrics, where }: TaskTools) {
  const runtime = await context.runtime(task.source, task.runId, { withCredentials: false });
  const partition = runtime.partition(task.report, task.date);
  // One committer serves every source: its metrics carry the task's source.
  const forSource = () => metrics.singleMetric().addDimension('source', task.source);
  await settleCommit(await commitPartition(runtime, task), {
    async busy(by) {
      // Another container commits this partition right now (a duplicate, or another run):
      // come back shortly, without counting towards the DLQ.
      await context
        .queue(task.source)
        .send([{ ...task, deferrals: (task.deferrals ?? 0) + 1 }], BUSY_RETRY_SECONDS);
      logger.info('partition being committed elsewhere; commit task deferred', { ...where, by });
      return undefined;
    },
    incomplete(missing) {
      logger.debug('partition not complete yet', { ...where, missing });
    },
    alreadyCommitted() {
      // A second commit task of the same run (two slices completed at once, a duplicate): the
      // partition is written exactly once.
      logger.debug('partition already committed by this run', where);
    },
    async superseded(by) {
      // A redriven or late page of an older run: the newer partition stays as it is.
      logger.warn('partition not committed: a newer run committed it', { ...where, by });
      forSource().addMetric('CommitsSuperseded', MetricUnit.Count, 1);
      await context.ledger.settle(task.runId, partition, { state: 'superseded' });
    },
    async committed(outcome) {
      const { partition: committed, ...outcomeRecord } = outcome;
      await putJson(
        context.s3,
        context.deployment.bucket,
        runOutcomeKey(task.runId, task.source, committed.table, task.date),
        { ...outcomeRecord, report: task.report, ...committed },
      );
      await context.ledger.settle(task.runId, partition, {
        state: 'committed',
        rows: outcome.rows,
        bytes: outcome.bytes,
      });
      forSource().addMetric('PartitionsCommitted', MetricUnit.Count, 1);
      forSource().addMetric('RowsCommitted', MetricUnit.Count, outcome.rows);
      logger.info('partition committed', {
        ...where,
        location: outcome.location,
        rows: outcome.rows,
        pages: outcome.pages,
        bytes: outcome.bytes,
        retries: outcome.retries,
        throttled: outcome.throttled,
      });
      if (outcome.fields) logger.warn(`schema contract: ${describeFields(outcome.fields)}`, where);
      if (outcome.restatement) {
        // The vendor changed this partition since its last commit (docs/guarantees.md § 11): the
        // record is in restatements/; the largest move feeds the optional restatement alarm.
        forSource().addMetric('RestatedPartitions', MetricUnit.Count, 1);
        const row = restatementRow(outcome.restatement);
        if (typeof row.largest_relative_change === 'number') {
          const percent = Math.abs(row.largest_relative_change) * 100;
          forSource().addMetric('RestatementLargestChangePercent', MetricUnit.Percent, percent);
        }
        logger.info(`partition restated: ${describeRestatement(outcome.restatement)}`, where);
      }
    },
  });
}

export const handler = createCommitterHandler();
