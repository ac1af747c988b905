import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type MetricAlarm,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { ALARM_PREFIX_ENV } from '../deployment/observability.js';
import { ConfigError } from '../engine/index.js';

/**
 * CloudWatch notifies when an alarm changes state, not while it stays in ALARM: a dead-letter
 * queue that keeps its messages would page once and then be silent for good. On a schedule, this
 * sets every alarm of the stage that is still in ALARM back to OK with a reason; CloudWatch
 * re-evaluates it at its next period, finds the condition still true and goes back to ALARM,
 * which runs the alarm's actions again. An alarm whose condition has cleared stays OK. The
 * alarms have no OK actions, so the reset itself notifies nobody.
 */

export async function renotifyAlarms(client: CloudWatchClient, prefix: string): Promise<string[]> {
  const reset: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: prefix,
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        NextToken: nextToken,
      }),
    );
    const alarms: Pick<MetricAlarm, 'AlarmName'>[] = [
      ...(page.MetricAlarms ?? []),
      ...(page.CompositeAlarms ?? []),
    ];
    for (const alarm of alarms) {
      if (!alarm.AlarmName) continue;
      await client.send(
        new SetAlarmStateCommand({
          AlarmName: alarm.AlarmName,
          StateValue: 'OK',
          StateReason:
            'report-fetcher re-notification: re-evaluated so that a condition that persists notifies again',
        }),
      );
      reset.push(alarm.AlarmName);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return reset;
}

export function createAlarmRenotifierHandler(
  env: NodeJS.ProcessEnv = process.env,
  client: CloudWatchClient = new CloudWatchClient({}),
) {
  return async (): Promise<{ renotified: string[] }> => {
    const prefix = env[ALARM_PREFIX_ENV];
    if (!prefix) throw new ConfigError(`environment variable ${ALARM_PREFIX_ENV} is not set`);
    return { renotified: await renotifyAlarms(client, prefix) };
  };
}

export const handler = createAlarmRenotifierHandler();
