import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployedStatus } from '../../bin/status.js';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import type { RunManifest } from '../../functions/handlers/planner.js';
import { type MediaMathSimulator, startMediaMath } from '../simulators/mediamath/mediamath.js';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';

/**
 * The deployed planner's scheduled window for a report cut in another zone than its source's:
 * MediaMath by_day in UTC days (`byDayZone: "UTC"`) for a source in Tokyo, scheduled at 01:00
 * there, when the UTC day of the source's yesterday has nine hours to run. The planner plans the
 * dates whose UTC day has ended, lists the other in the run manifest as deferred (with when its
 * day ends), counts it, and the next day's schedule plans it.
 */
const SOURCE = 'mm_tokyo';
let aws: AwsHarness;
let simulator: MediaMathSimulator;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'INFO' });
  simulator = await startMediaMath({ rowsPerDay: 5, seed: 4 });
});

afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

describe('a scheduled run of a report whose days end later than its source’s', () => {
  it('defers the date still running in the data zone, visibly, and the next schedule plans it', async () => {
    const resources = await aws.createSourceResources({
      name: 'rf-deferred',
      credentials: simulator.credentials,
    });
    const config = {
      name: SOURCE,
      connector: 'mediamath',
      baseUrl: simulator.url,
      authUrl: simulator.url,
      timezone: 'Asia/Tokyo',
      lookbackDays: 0,
      options: { organizationId: simulator.organizationId, byDayZone: 'UTC' },
    };
    const deployment = await aws.deploy({
      bucket: 'rf-deferred-lake',
      sources: [{ config: config as Partial<SourceConfig>, ...resources }],
    });
    const manifestOf = async (scheduledTime: string) => {
      const planned = await deployment.plan({ source: SOURCE, scheduledTime });
      const key = planned.manifest.replace(`s3://${deployment.bucket}/`, '');
      return JSON.parse(await aws.getText(deployment.bucket, key)) as RunManifest;
    };
    const dated = (manifest: RunManifest) => manifest.partitions.map((p) => `${p.table} ${p.date}`).sort();
    // `report-fetcher status --deployed`: the dates deferred and not yet planned by a later run, per table.
    const deferredPerTable = async () =>
      Object.fromEntries(
        (
          await deployedStatus({
            client: aws.dynamo.client,
            tableName: deployment.controlTable,
            sources: [SOURCE],
            now: new Date('2026-11-23T00:00:00Z'),
          })
        ).map((line) => [line.table, line.deferred]),
      );

    // 01:00 on 22 November in Tokyo.
    const first = await manifestOf('2026-11-21T16:00:00Z');
    expect(dated(first)).toEqual([
      'mediamath_performance_by_day 2026-11-20',
      'mediamath_performance_by_hour 2026-11-21',
    ]);
    expect(first.deferred).toEqual([
      {
        report: 'performance_by_day',
        table: 'mediamath_performance_by_day',
        date: '2026-11-21',
        zone: 'UTC',
        until: '2026-11-22T00:00:00Z',
      },
    ]);
    expect(aws.captured.logLines.some((line) => line.includes('partition deferred'))).toBe(true);
    expect(await deferredPerTable()).toEqual({
      mediamath_performance_by_day: 1,
      mediamath_performance_by_hour: 0,
    });

    const next = await manifestOf('2026-11-22T16:00:00Z');
    expect(dated(next)).toContain('mediamath_performance_by_day 2026-11-21');
    expect(next.deferred?.map((d) => d.date)).toEqual(['2026-11-22']);
    // The 21st is planned now: only the 22nd waits.
    expect(await deferredPerTable()).toEqual({
      mediamath_performance_by_day: 1,
      mediamath_performance_by_hour: 0,
    });
  });
});
