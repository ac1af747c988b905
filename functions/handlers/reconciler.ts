import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { DynamoFreshnessStore } from '../adapters/aws/dynamo-freshness.js';
import { connectorOf, reportsOf } from '../config/load-config.js';
import { FRESHNESS_METRIC, RECONCILER_SERVICE } from '../deployment/index.js';
import { overdueOf, recentPartitions, type TableFreshness, tableFreshness } from '../engine/index.js';
import { type AwsClients, AwsContext, createLogger, createMetrics, lazy } from './aws-context.js';

export interface ReconcileResult {
  overdue: number;
  redriven: number;
  /** Every deployed table of every source, with the time since a scheduled run last committed it. */
  freshness: TableFreshness[];
}

/**
 * The scheduled reconciler: compares what the run ledger says was planned with what was
 * committed. Each partition still planned past the bound gets a commit task (if its pages are all
 * staged it commits now; if not, the commit finds it incomplete and writes nothing) and is
 * reported: one error log line each and the `PartitionsOverdue` metric, which an alarm watches.
 * It also publishes, per source and table, the seconds since a scheduled run last committed a
 * partition of the table (`SecondsSinceLastCommit`), which each table's freshness alarm watches.
 */
export function createReconcilerHandler(
  env: NodeJS.ProcessEnv = process.env,
  clients: AwsClients = {},
  now: () => Date = () => new Date(),
) {
  const logger = createLogger(RECONCILER_SERVICE);
  const metrics = createMetrics(RECONCILER_SERVICE, env);
  const aws = lazy(() => new AwsContext(env, clients));

  async function reconcile(): Promise<ReconcileResult> {
    const context = aws();
    const at = now();
    const sources = context.deployment.sources.map((s) => s.config);
    const recent = await recentPartitions(
      context.ledger,
      sources.map((s) => s.name),
      at,
    );
    const overdue = overdueOf(recent, at);
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

    const freshness = await tableFreshness(
      new DynamoFreshnessStore(context.dynamo, context.deployment.controlTable),
      sources.map((s) => ({
        name: s.name,
        tables: [...new Set(reportsOf(s).map((r) => connectorOf(s).reports[r]!.table))],
      })),
      recent,
      at,
    );
    for (const table of freshness) {
      metrics
        .singleMetric()
        .addDimensions({ source: table.source, table: table.table })
        .addMetric(FRESHNESS_METRIC, MetricUnit.Seconds, table.secondsSinceCommit);
    }
    return { overdue: overdue.length, redriven: overdue.length, freshness };
  }

  return middy(reconcile)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

export const handler = createReconcilerHandler();
