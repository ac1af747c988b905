import { Aws, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import { ALARM_PREFIX_ENV } from '../functions/deployment/index.js';
import { acknowledgeWildcards } from './nag.js';
import { rateSchedule } from './rate-schedule.js';
import { ReportFetcherFunction } from './report-fetcher-function.js';

export interface AlarmRenotifierProps {
  names: StageNames;
  /** How often an alarm that stays in ALARM notifies again (default 6 hours). */
  interval?: Duration;
  logRetention: RetentionDays;
}

/**
 * Re-notification for every alarm of the stage (all named `report-fetcher-<stage>-...`): on a
 * schedule, alarms still in ALARM are set back to OK so that CloudWatch re-evaluates them and,
 * while their condition persists, runs their actions again (functions/handlers/alarm-renotifier.ts).
 */
export class AlarmRenotifier extends Construct {
  readonly function: ReportFetcherFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: AlarmRenotifierProps) {
    super(scope, id);
    const { names } = props;
    const interval = props.interval ?? Duration.hours(6);
    this.function = new ReportFetcherFunction(this, 'Renotifier', {
      names,
      functionName: `${names.prefix}-alarm-renotifier`,
      entry: 'alarm-renotifier.ts',
      description: `Re-notifies ${names.prefix} alarms that stay in ALARM (every ${interval.toHumanString()})`,
      timeout: Duration.minutes(2),
      memorySize: 256,
      environment: { [ALARM_PREFIX_ENV]: `${names.prefix}-` },
      logRetention: props.logRetention,
    });
    const alarms = `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${names.prefix}-*`;
    this.function.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:SetAlarmState'],
        resources: [alarms],
      }),
    );
    acknowledgeWildcards(this.function, [
      {
        pattern: /^Resource::arn:<AWS::Partition>:cloudwatch:.*:alarm:report-fetcher-[a-z0-9]+-\*$/,
        reason:
          'The alarms of this stage only (all named report-fetcher-<stage>-...); new sources add alarms.',
      },
    ]);
    this.schedule = rateSchedule(this, this.function.function, {
      description: `Re-notify ${names.prefix} alarms that stay in ALARM`,
      interval,
      functionIdPart: 'Renotifier',
    });
  }
}
