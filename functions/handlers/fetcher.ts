import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FETCHER_SOURCE_ENV } from '../deployment/index.js';
import { type FetchPageTask, fetchPage, nextTasks } from '../engine/index.js';
import type { AwsClients } from './aws-context.js';
import { createTaskHandler, type TaskTools } from './task-handler.js';

export { fetchPageMessage, taskMessage } from './task-messages.js';

/** A page is not started with less than this left: it goes back to the queue untouched. */
export const MIN_TIME_FOR_PAGE_MS = 60_000;

/**
 * The fetcher of one source: one page per SQS record. It stages the page, enqueues what follows
 * (the next page, or every page once the total is known), and when a page enqueues nothing and
 * the staged state says the partition is complete, a commit task for the committer.
 */
export function createFetcherHandler(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
  return createTaskHandler(
    {
      service: 'report-fetcher-fetcher',
      failureMetric: 'PageFailures',
      noun: 'page',
      minTimeMs: MIN_TIME_FOR_PAGE_MS,
      ownSource: env[FETCHER_SOURCE_ENV],
      async run(task, tools) {
        if (task.type === 'commit-partition') {
          // Sent here before commits had their own function, or redriven to the wrong queue:
          // the committer runs it.
          await tools.context.queue(task.source).send([task]);
          tools.logger.info('commit task forwarded to the commit queue', tools.where);
          return;
        }
        await fetch(task, tools);
      },
    },
    env,
    clients,
  );
}

async function fetch(task: FetchPageTask, { context, logger, metrics, where, deadline }: TaskTools) {
  const runtime = await context.runtime(task.source, task.runId);
  const outcome = await fetchPage(runtime, task, { deadline });
  metrics.addMetric('PagesStaged', MetricUnit.Count, 1);
  metrics.addMetric('RowsStaged', MetricUnit.Count, outcome.meta.rows);
  metrics.addMetric('Requests', MetricUnit.Count, outcome.meta.requests);
  metrics.addMetric('Retries', MetricUnit.Count, outcome.meta.retries);
  metrics.addMetric('Throttles', MetricUnit.Count, outcome.meta.throttled);
  logger.debug('page staged', { ...where, rows: outcome.meta.rows, following: outcome.following.length });
  // Enqueued before this message is deleted: a crash in between re-runs this page, which
  // re-stages the same keys and enqueues the same tasks again; both are harmless.
  const next = await nextTasks(runtime, task, outcome);
  if (next.missing) logger.debug('partition not complete yet', { ...where, missing: next.missing });
  await context.queue(task.source).send(next.tasks);
}

export const handler = createFetcherHandler();
