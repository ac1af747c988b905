import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** An alarm of the stage: what it watches, and whom it notifies. */
export interface NotifyingAlarmProps {
  /** The alarm's full name (`StageNames.alarm(...)`). */
  alarmName: string;
  /** What happened and where to look; it is the text of the notification. */
  description: string;
  metric: IMetric;
  /** Where the alarm notifies (the stage's alarm topic). */
  alarmAction: IAlarmAction;
  /** Default 1: one failed page, one dead letter, one error is already news. */
  threshold?: number;
  /** Default 1. */
  evaluationPeriods?: number;
  /** Default: at or above the threshold. */
  comparison?: ComparisonOperator;
  /** Default: missing data is not breaching (a quiet metric is a healthy one). */
  missing?: TreatMissingData;
}

/**
 * Every alarm of the app with the defaults they share, wired to its action. A function rather
 * than a construct: the alarm keeps the id it is given under `scope`, so logical ids do not move.
 */
export function notifyingAlarm(scope: Construct, id: string, props: NotifyingAlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 1,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: props.missing ?? TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(props.alarmAction);
  return alarm;
}
