import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';

export interface RestatementAlarmProps {
  /** The source whose restatements are watched. */
  source: string;
  /** Alarm when a restatement moves a metric sum of a partition by more than this many percent. */
  thresholdPercent: number;
  names: StageNames;
  alarmAction: IAlarmAction;
}

/**
 * One source's restatement alarm: the committer emits `RestatementLargestChangePercent` (the
 * largest relative move of a metric sum, in percent) for each restated partition, and this alarm
 * fires when it exceeds the source's `restatementAlertPercent` within an hour. The record itself
 * is in the `restatements` table.
 */
export class RestatementAlarm extends Construct {
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: RestatementAlarmProps) {
    super(scope, id);
    const { source, names } = props;
    this.alarm = new Alarm(this, 'Alarm', {
      alarmName: names.alarm(`${source}-restatement`),
      alarmDescription: `A restatement of source ${source} moved a metric by more than ${props.thresholdPercent}% (restatementAlertPercent). See SELECT * FROM restatements WHERE source = '${source}' ORDER BY detected_at DESC.`,
      metric: new Metric({
        namespace: names.metricsNamespace,
        metricName: 'RestatementLargestChangePercent',
        dimensionsMap: { service: 'report-fetcher-committer', source },
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: props.thresholdPercent,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(props.alarmAction);
  }
}
