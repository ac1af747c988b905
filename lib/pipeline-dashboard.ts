import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, type IMetric, MathExpression, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { FRESHNESS_METRIC, RECONCILER_SERVICE, type StageNames } from '../functions/deployment/index.js';

export interface PipelineDashboardProps {
  names: StageNames;
}

/**
 * One CloudWatch dashboard per stage. Every graph is a SEARCH expression over the stage's
 * metric namespace (or its queue and function name prefix), so the dashboard has the same size
 * for 5 or 500 sources and shows a new source without a deploy.
 */
export class PipelineDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const { names } = props;
    const ns = names.metricsNamespace;
    const search = (query: string, statistic: string, label: string, period = Duration.hours(1)): IMetric =>
      new MathExpression({
        expression: `SEARCH('${query}', '${statistic}', ${period.toSeconds()})`,
        usingMetrics: {},
        label,
        period,
      });
    const perSource = (service: string, metric: string, statistic = 'Sum') =>
      search(`{${ns},service,source} MetricName="${metric}" service="${service}"`, statistic, metric);
    const graph = (title: string, metrics: IMetric[]) =>
      new GraphWidget({ title, left: metrics, width: 12, height: 6, legendPosition: undefined });
    const fetcher = 'report-fetcher-fetcher';
    const planner = 'report-fetcher-planner';
    const committer = 'report-fetcher-committer';
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: names.dashboard,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${names.prefix}\nPer source, hourly sums. Alarms: \`${names.prefix}-*\`. Logs: \`/aws/lambda/${names.prefix}-*\`.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Runs planned (planner invocations) and partitions failed to plan', [
        perSource(planner, 'PlannerInvocations'),
        perSource(planner, 'PartitionsFailedToPlan'),
      ]),
      graph('Pages staged', [perSource(fetcher, 'PagesStaged')]),
    );
    this.dashboard.addWidgets(
      graph('Rows committed', [perSource(committer, 'RowsCommitted')]),
      graph('Partitions committed', [perSource(committer, 'PartitionsCommitted')]),
    );
    this.dashboard.addWidgets(
      graph('Freshness: hours since a scheduled run committed each table', [
        new MathExpression({
          expression: `SEARCH('{${ns},service,source,table} MetricName="${FRESHNESS_METRIC}" service="${RECONCILER_SERVICE}"', 'Maximum', 3600) / 3600`,
          usingMetrics: {},
          label: 'hours',
          period: Duration.hours(1),
        }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Vendor throttles and retries', [perSource(fetcher, 'Throttles'), perSource(fetcher, 'Retries')]),
      graph('Page failures', [perSource(fetcher, 'PageFailures')]),
    );
    this.dashboard.addWidgets(
      graph('Oldest task per queue (seconds)', [
        search(
          `{AWS/SQS,QueueName} MetricName="ApproximateAgeOfOldestMessage" QueueName="${names.prefix}-"`,
          'Maximum',
          'age',
          Duration.minutes(5),
        ),
      ]),
      graph('Function errors', [
        search(
          `{AWS/Lambda,FunctionName} MetricName="Errors" FunctionName="${names.prefix}-"`,
          'Sum',
          'errors',
          Duration.minutes(5),
        ),
      ]),
    );
  }
}
