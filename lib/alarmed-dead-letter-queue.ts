import { Duration, Validations } from 'aws-cdk-lib';
import type { Alarm, IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { groupWithoutRenaming } from './logical-ids.js';
import { notifyingAlarm } from './notifying-alarm.js';

export interface AlarmedDeadLetterQueueProps {
  /** The queue's physical name (`report-fetcher-<stage>-…`). */
  queueName: string;
  /** The alarm's physical name (`report-fetcher-<stage>-…`). */
  alarmName: string;
  /** What a message in the queue means and what to do: the alarm's description. */
  description: string;
  /** Why this queue has no dead-letter queue of its own (cdk-nag AwsSolutions-SQS3). */
  isDeadLetterQueueBecause: string;
  alarmAction: IAlarmAction;
  /** How long failed events are kept (default 14 days, the SQS maximum). */
  retention?: Duration;
}

/**
 * A queue where something that failed waits to be looked at (a DLQ, an on-failure destination),
 * with the alarm that fires as soon as one message is in it. The queue is `<id>`, the alarm
 * `<id>Alarm` (the ids they had before this construct grouped them).
 */
export class AlarmedDeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: AlarmedDeadLetterQueueProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    this.queue = new Queue(this, id, {
      queueName: props.queueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.retention ?? Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: props.isDeadLetterQueueBecause,
    });
    this.alarm = notifyingAlarm(this, `${id}Alarm`, {
      alarmName: props.alarmName,
      description: props.description,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      alarmAction: props.alarmAction,
    });
  }
}
