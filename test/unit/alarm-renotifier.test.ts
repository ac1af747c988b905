import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { renotifyAlarms } from '../../functions/handlers/alarm-renotifier.js';

describe('alarm re-notification', () => {
  it('resets every alarm of the stage still in ALARM (all pages), and nothing else', async () => {
    const calls: unknown[] = [];
    const pages = [
      { MetricAlarms: [{ AlarmName: 'report-fetcher-dev-a-dead-letters' }], NextToken: 't' },
      { MetricAlarms: [{ AlarmName: 'report-fetcher-dev-b-freshness' }], CompositeAlarms: [] },
    ];
    const client = {
      send: async (command: unknown) => {
        calls.push(command);
        if (command instanceof DescribeAlarmsCommand) {
          expect(command.input).toMatchObject({
            AlarmNamePrefix: 'report-fetcher-dev-',
            StateValue: 'ALARM',
          });
          return pages[command.input.NextToken ? 1 : 0];
        }
        if (command instanceof SetAlarmStateCommand) return {};
        throw new Error('unexpected command');
      },
    } as unknown as CloudWatchClient;
    const reset = await renotifyAlarms(client, 'report-fetcher-dev-');
    expect(reset).toEqual(['report-fetcher-dev-a-dead-letters', 'report-fetcher-dev-b-freshness']);
    const sets = calls.filter((c): c is SetAlarmStateCommand => c instanceof SetAlarmStateCommand);
    expect(sets.map((c) => [c.input.AlarmName, c.input.StateValue])).toEqual([
      ['report-fetcher-dev-a-dead-letters', 'OK'],
      ['report-fetcher-dev-b-freshness', 'OK'],
    ]);
  });
});
