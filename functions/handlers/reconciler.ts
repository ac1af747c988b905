import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { findOverdue } from '../engine/control/reconcile.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';

export interface ReconcileResult {
  overdue: number;
  redriven: number;
}

/**
 * The scheduled reconciler: compares what the run ledger says was planned with what was
 * committed. Each partition still planned past the bound gets a commit task (if its pages are all
 * staged it commits now; if not, the commit finds it incomplete and writes nothing) and is
 * reported: one error log line each and the `PartitionsOverdue` metric, which an alarm watches.
 */
export function createReconcilerHandler(
  env: NodeJS.ProcessEnv = process.env,
  clients: AwsClients = {},
  now: () => Date = () => new Date(),
) {
  const logger = createLogger('report-fetcher-reconciler');
  const metrics = createMetrics('report-fetcher-reconciler');
  const aws = lazy(() => new AwsContext(env, clients));

  async function reconcile(): Promise<ReconcileResult> {
    const context = aws();
    const sources = context.deployment.sources.map((s) => s.config.name);
    const overdue = await findOverdue(context.ledger, sources, now());
    for (const p of overdue) {
      const { source, runId, report } = p;
      await context
        .queue(source)
        .send([{ type: 'commit-partition', runId, source, report, date: p.partition.date }]);
      logger.error('partition planned but not committed in time; its commit is re-driven', {
        source,
        runId,
        table: p.partition.table,
        date: p.partition.date,
        plannedAt: p.plannedAt,
      });
    }
    metrics.addMetric('PartitionsOverdue', MetricUnit.Count, overdue.length);
    return { overdue: overdue.length, redriven: overdue.length };
  }

  return middy(reconcile)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

export const handler = createReconcilerHandler();
