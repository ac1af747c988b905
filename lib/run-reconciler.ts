import { Aws, Duration } from 'aws-cdk-lib';
import { type Alarm, type IAlarmAction, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { RECONCILER_SERVICE, type StageNames } from '../functions/deployment/index.js';
import type { ControlTable } from './control-table.js';
import type { DeploymentSettings } from './deployment-settings.js';
import { acknowledgeWildcards } from './nag.js';
import { notifyingAlarm } from './notifying-alarm.js';
import { rateSchedule } from './rate-schedule.js';
import { ReportFetcherFunction } from './report-fetcher-function.js';

export interface RunReconcilerProps {
  names: StageNames;
  settings: DeploymentSettings;
  control: ControlTable;
  /** Where the "partitions overdue" alarm notifies. */
  alarmAction: IAlarmAction;
  /** How often the ledger is compared with the commits (default hourly). */
  interval?: Duration;
  logRetention: RetentionDays;
}

/**
 * The scheduled reconciler (functions/handlers/reconciler.ts): partitions the run ledger says
 * were planned but are still not committed past the bound get their commit re-driven and are
 * reported through the `PartitionsOverdue` metric, which an alarm watches; nothing planned is
 * forgotten silently. Each run also publishes every table's freshness (seconds since a scheduled
 * run committed it), which the sources' per-table freshness alarms watch.
 */
export class RunReconciler extends Construct {
  readonly function: ReportFetcherFunction;
  readonly schedule: Schedule;
  readonly alarm: Alarm;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RunReconcilerProps) {
    super(scope, id);
    const { names } = props;
    const interval = props.interval ?? Duration.hours(1);
    this.function = new ReportFetcherFunction(this, 'Reconciler', {
      names,
      functionName: `${names.prefix}-reconciler`,
      entry: 'reconciler.ts',
      description: `Re-drives partitions planned but not committed in time (${names.prefix})`,
      timeout: Duration.minutes(5),
      memorySize: 256,
      settings: props.settings,
      logRetention: props.logRetention,
    });
    props.control.grantUse(this.function.function);
    this.function.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [`arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:${names.prefix}-*`],
      }),
    );
    acknowledgeWildcards(this.function, [
      {
        pattern: /^Resource::arn:<AWS::Partition>:sqs:.*:report-fetcher-[a-z0-9]+-\*$/,
        reason:
          'The reconciler re-drives commits of every source of its stage: the queues report-fetcher-<stage>-*.',
      },
    ]);
    this.schedule = rateSchedule(this, this.function.function, {
      description: `Reconcile the ${names.prefix} run ledger with the commits`,
      interval,
      functionIdPart: 'Reconciler',
    });
    this.alarm = notifyingAlarm(this, 'PartitionsOverdue', {
      alarmName: names.alarm('partitions-overdue'),
      description: `Partitions planned but not committed in time; each is logged by ${names.logGroup(`${names.prefix}-reconciler`)}.`,
      metric: new Metric({
        namespace: names.metricsNamespace,
        metricName: 'PartitionsOverdue',
        dimensionsMap: { service: RECONCILER_SERVICE },
        statistic: 'Maximum',
        period: interval,
      }),
      alarmAction: props.alarmAction,
    });
    // The per-table freshness alarms rely on the reconciler's metric: a failing reconciler alarms.
    this.errorsAlarm = notifyingAlarm(this, 'ReconcilerErrors', {
      alarmName: names.alarm('reconciler-errors'),
      description: `The reconciler failed: overdue partitions and table freshness are not being checked; see ${names.logGroup(`${names.prefix}-reconciler`)}.`,
      metric: this.function.function.metricErrors({ period: interval, statistic: 'Sum' }),
      alarmAction: props.alarmAction,
    });
  }
}
