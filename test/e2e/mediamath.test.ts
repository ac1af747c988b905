import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MEDIAMATH_CATALOGUE_FIELDS,
  MEDIAMATH_DEFAULT_FIELDS,
  mediamath,
} from '../../functions/connectors/mediamath.js';
import { ManualClock } from '../simulators/base/clock.js';
import {
  DOCUMENTED_FIELDS,
  type MediaMathSimulator,
  startMediaMath,
} from '../simulators/mediamath/mediamath.js';
import type { Rollup } from '../simulators/mediamath/mediamath-fields.js';
import { allFileContents, expectLakeEqualsTruth, findSecrets, localLake } from '../support/lake.js';
import { type HarnessRun, runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS, simulatorSuite } from '../support/simulator-suite.js';
import { mediamathTruth } from '../support/truth.js';

/** Empty, one row, exactly one page of 1000, several pages. */
const ROWS: Record<string, number> = {
  '2026-11-10': 0,
  '2026-11-11': 1,
  '2026-11-12': 1000,
  '2026-11-13': 2345,
};
const DATES = Object.keys(ROWS);
const REPORTS: Record<Rollup, string> = { by_day: 'performance_by_day', by_hour: 'performance_by_hour' };
const ORGANIZATION = 100_048;

const suite = simulatorSuite(() =>
  startMediaMath({ rowsPerDay: (date) => ROWS[date] ?? 300, seed: 9, latencyMs: 1 }),
);
const fresh = () => suite.freshDir();
afterEach(() => suite.simulator.setUnknownTotal(false));

/** Every catalogued field: the dataset's own grain, one row per strategy, exchange and bucket. */
const ALL = { fields: MEDIAMATH_CATALOGUE_FIELDS };

const reportsFor = (fields: readonly string[]) => mediamath.configure!({ fields });

async function expectLakeEqualsSimulator(
  run: HarnessRun,
  source: string,
  dates: string[],
  rollups: Rollup[],
  fields: readonly string[] = MEDIAMATH_CATALOGUE_FIELDS,
  simulator: MediaMathSimulator = suite.simulator,
) {
  expect(run.results.filter((r) => r.status !== 'written')).toEqual([]);
  const reports = Object.values(reportsFor(fields));
  const tables = rollups.map((rollup) => reportsFor(fields)[REPORTS[rollup]]!.table);
  const checked = await expectLakeEqualsTruth(
    localLake(run.outDir, source, (table) => reports.find((r) => r.table === table)!),
    tables.flatMap((table) => dates.map((date) => ({ table, date }))),
    mediamathTruth(simulator, fields),
  );
  // Every catalogued field is the dataset's own grain: one row per segment, as many as configured.
  if (fields === MEDIAMATH_CATALOGUE_FIELDS)
    for (const { date, rows } of checked) expect(rows.length).toBe(ROWS[date] ?? 300);
}

/** The next data request answered with one page holding these rows (the vendor's envelope, mm:265-290). */
function onePageAnswer(results: unknown[]) {
  const meta = { page_index: 0, total_pages: 1, items_count: results.length, status: 'OK' };
  return {
    nth: 1,
    fault: {
      kind: 'status',
      status: 200,
      body: { meta: { ...meta, total_items_count: results.length }, results },
    },
  } as const;
}

function source(name: string, options: Record<string, unknown> = {}) {
  return {
    name,
    connector: 'mediamath',
    timezone: 'UTC',
    options: { organizationId: ORGANIZATION, ...ALL, ...options },
  };
}

describe('MediaMath end to end over real HTTP', () => {
  it.each([
    { mode: 'paginated', pageSize: 1000 },
    { mode: 'paginated', pageSize: 300 },
    { mode: 'streaming', pageSize: 1000 },
  ])('writes both rollups exactly in $mode mode (page size $pageSize)', async ({ mode, pageSize }) => {
    const path = await fresh();
    const before = suite.simulator.stats.requestLog.length;
    const name = `mm_${mode}_${pageSize}`;
    const run = await runAgainst(suite.simulator, source(name, { mode, pageSize }), {
      dir: path,
      dates: DATES,
    });
    await expectLakeEqualsSimulator(run, name, DATES, ['by_day', 'by_hour']);
    const dataRequests = suite.simulator.stats.requestLog
      .slice(before)
      .filter((r) => r.path === '/reporting/v2/performance');
    const expectedRequests =
      mode === 'streaming'
        ? DATES.length * 2
        : 2 * DATES.reduce((n, date) => n + Math.max(1, Math.ceil(ROWS[date]! / pageSize)), 0);
    expect(dataRequests.length).toBe(expectedRequests);
  });

  it('picks the mode per report, and streams a total it cannot know', async () => {
    const path = await fresh();
    suite.simulator.setUnknownTotal(true);
    const run = await runAgainst(
      suite.simulator,
      source('mm_mixed', { mode: 'paginated', modes: { performance_by_hour: 'streaming' } }),
      { dir: path, dates: ['2026-11-13'] },
    );
    await expectLakeEqualsSimulator(run, 'mm_mixed', ['2026-11-13'], ['by_day', 'by_hour']);
    const pages = Object.fromEntries(run.results.map((r) => [r.report, r.pages]));
    expect(pages).toEqual({ performance_by_day: 3, performance_by_hour: 1 });
  });

  /**
   * The retry count below is exact, so only the injected hang may time out: FAST_FAULTS' 400 ms
   * idle timeout also trips on an ordinary stream when a loaded machine stalls the event loop
   * (the count was once 8), while five seconds of silence is the hang's alone.
   */
  const NO_SPURIOUS_TIMEOUTS = { ...FAST_FAULTS, http: { idleTimeoutMs: 5_000 } };

  it('equals the truth under stream errors, cut streams, 500, 429, timeouts and token loss; leaks nothing', async () => {
    const path = await fresh();
    const faultsBefore = suite.simulator.stats.faultsInjected;
    suite.simulator.setFaults({
      scripted: [
        { nth: 1, fault: { kind: 'stream-error' } },
        { nth: 3, fault: { kind: 'stream-cut' } },
        { nth: 5, fault: { kind: 'status', status: 500 } },
        { nth: 7, fault: { kind: 'status', status: 429, retryAfter: '0' } },
        { nth: 9, fault: { kind: 'revoke-tokens' } },
        { nth: 11, fault: { kind: 'truncate' } },
        // Hangs until the client's idle timeout gives up on it (the simulator stops waiting when
        // the client hangs up), however slow the machine.
        { nth: 13, fault: { kind: 'hang', ms: 10 * 60_000 } },
        { nth: 15, fault: { kind: 'stream-error' } },
      ],
    });
    const grants = suite.simulator.stats.authGrants.client_credentials ?? 0;
    const run = await runAgainst(
      suite.simulator,
      // One request at a time, so that each scripted fault meets the request it was meant for
      // and no page meets more than two in a row.
      { ...source('mm_faults', { mode: 'streaming' }), concurrency: 1 },
      { dir: path, dates: DATES, deps: NO_SPURIOUS_TIMEOUTS, keepStaging: true },
    );
    await expectLakeEqualsSimulator(run, 'mm_faults', DATES, ['by_day', 'by_hour']);
    expect(suite.simulator.stats.faultsInjected - faultsBefore).toBe(8);
    expect(run.results.reduce((n, r) => n + r.retries, 0)).toBe(7);
    expect((suite.simulator.stats.authGrants.client_credentials ?? 0) - grants).toBe(2);

    suite.simulator.expireTokens();
    suite.simulator.setFaults({
      scripted: [
        { nth: 2, fault: { kind: 'truncate' } },
        { nth: 3, fault: { kind: 'status', status: 503, retryAfter: '0' } },
      ],
    });
    const paginated = await runAgainst(
      suite.simulator,
      source('mm_faults', { mode: 'paginated', pageSize: 500 }),
      {
        dir: path,
        dates: ['2026-11-13'],
        deps: FAST_FAULTS,
        keepStaging: true,
      },
    );
    await expectLakeEqualsSimulator(paginated, 'mm_faults', ['2026-11-13'], ['by_day', 'by_hour']);

    const texts = [
      ...(await allFileContents(path)).filter((f) => !f.path.includes('/state/')).map((f) => f.text),
      JSON.stringify([run.events, run.results, paginated.events, paginated.results]),
    ];
    expect(findSecrets(texts, suite.simulator.issuedSecrets())).toEqual([]);
  });

  it('refuses an unknown field in the filters before any request, naming source, report and field', async () => {
    const path = await fresh();
    const requests = suite.simulator.stats.requests;
    await expect(
      runAgainst(
        suite.simulator,
        source('mm_badfield', { filters: [{ field: 'campaign_nam', value: 'x' }] }),
        {
          dir: path,
          dates: ['2026-11-11'],
        },
      ),
    ).rejects.toThrow(
      /sources\[0\] \("mm_badfield"\)\.options \(report performance_by_day\): unknown field "campaign_nam" in filters/,
    );
    expect(suite.simulator.stats.requests).toBe(requests);
  });

  it.each(['tolerant', 'strict'] as const)('a field the vendor adds: %s contract', async (schemaContract) => {
    const path = await fresh();
    const [row] = suite.simulator.rows('2026-11-11', 'by_day');
    const results = [{ ...row, viewability_rate: 0.5 }];
    suite.simulator.setFaults({ scripted: [onePageAnswer(results)] });
    const run = await runAgainst(
      suite.simulator,
      { ...source(`mm_drift_${schemaContract}`), reports: ['performance_by_day'], schemaContract },
      { dir: path, dates: ['2026-11-11'], deps: FAST_FAULTS },
    );
    if (schemaContract === 'strict') {
      expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
      expect(run.results[0]!.error).toMatch(
        /^mm_drift_strict\/performance_by_day 2026-11-11: unexpected field "viewability_rate"/,
      );
      expect(existsSync(join(run.outDir, 'mediamath_performance_by_day'))).toBe(false);
    } else {
      // A daily run stays green; the field is dropped, counted and reported once for the partition.
      expect(run.results[0]).toMatchObject({
        status: 'written',
        rows: 1,
        fields: { absent: {}, extra: { viewability_rate: 1 } },
      });
      await expectLakeEqualsSimulator(run, 'mm_drift_tolerant', ['2026-11-11'], ['by_day']);
    }
  });

  it('fails clearly when the vendor does not know a requested field: a config error, never retried', async () => {
    const path = await fresh();
    suite.simulator.setFaults({
      scripted: [
        {
          nth: 1,
          fault: {
            kind: 'status',
            status: 400,
            body: {
              error_code: 'BadRequest',
              request_id: 'abc',
              message: 'field does not exist in this dataset: video_complete',
            },
          },
        },
      ],
    });
    const run = await runAgainst(
      suite.simulator,
      { ...source('mm_gone'), reports: ['performance_by_day'] },
      { dir: path, dates: ['2026-11-11'], deps: FAST_FAULTS },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'CONFIG_INVALID', retries: 0 });
    expect(run.results[0]!.error).toBe(
      'mm_gone/performance_by_day 2026-11-11: the vendor has no field "video_complete" here ("field does not exist in this dataset: video_complete"): remove it from options.fields of source "mm_gone"',
    );
  });

  it('with the default fields (only those the document shows) stores the grouped rows exactly', async () => {
    const path = await fresh();
    const run = await runAgainst(
      suite.simulator,
      {
        name: 'mm_defaults',
        connector: 'mediamath',
        timezone: 'UTC',
        options: { organizationId: ORGANIZATION },
      },
      { dir: path, dates: DATES },
    );
    await expectLakeEqualsSimulator(
      run,
      'mm_defaults',
      DATES,
      ['by_day', 'by_hour'],
      MEDIAMATH_DEFAULT_FIELDS,
    );
    expect(mediamath.reports.performance_by_day!.schema.columns.map((c) => c.name)).toEqual([
      'agg_timestamp',
      ...MEDIAMATH_DEFAULT_FIELDS,
    ]);
  });

  it('against a dataset with only the documented fields: defaults work, exchange_name is a config error naming field, source and option', async () => {
    const path = await fresh();
    const narrow = await startMediaMath({ rowsPerDay: 50, seed: 3, datasetFields: DOCUMENTED_FIELDS });
    try {
      const ok = await runAgainst(
        narrow,
        {
          name: 'mm_doc',
          connector: 'mediamath',
          timezone: 'UTC',
          options: { organizationId: ORGANIZATION },
        },
        { dir: path, dates: ['2026-11-11'] },
      );
      expect(ok.results.map((r) => r.status)).toEqual(['written', 'written']);
      const requests = narrow.stats.requests;
      const bad = await runAgainst(
        narrow,
        {
          name: 'mm_doc_bad',
          connector: 'mediamath',
          timezone: 'UTC',
          reports: ['performance_by_day'],
          options: { organizationId: ORGANIZATION, fields: ['campaign_id', 'exchange_name', 'impressions'] },
        },
        { dir: path, dates: ['2026-11-11'], deps: FAST_FAULTS },
      );
      expect(bad.results[0]).toMatchObject({ status: 'failed', errorCode: 'CONFIG_INVALID' });
      expect(bad.results[0]!.error).toMatch(
        /no field "exchange_name".*options\.fields of source "mm_doc_bad"/,
      );
      expect(narrow.stats.requests - requests).toBe(2); // token grant + one data request: no retry
    } finally {
      await narrow.close();
    }
  });

  it('refuses a field outside the catalogue in options.fields when the config loads', async () => {
    const path = await fresh();
    await expect(
      runAgainst(suite.simulator, source('mm_unknown', { fields: ['campaign_id', 'exchange'] }), {
        dir: path,
        dates: ['2026-11-11'],
      }),
    ).rejects.toThrow(/sources\[0\] \("mm_unknown"\)\.options: unknown field "exchange" in options\.fields/);
  });
});

// The document does not say whether end_time is included (mm:97-98): the simulator serves both
// readings, and the default (`options.endTime` "unknown") must store exactly each day's rows under
// either. The exclusive reading is every test above; these run the inclusive one.
describe('MediaMath when the vendor includes end_time', () => {
  const midnightAfter = (date: string) => Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  const nextDay = (date: string) => new Date(midnightAfter(date)).toISOString().slice(0, 10);
  /** The rows an inclusive end_time adds to `date`'s answer: the next day's first bucket. */
  const firstBucketAfter = (sim: MediaMathSimulator, date: string, rollup: Rollup) =>
    [...sim.rows(nextDay(date), rollup)].filter(
      (row) => Date.parse(String(row.agg_timestamp)) === midnightAfter(date),
    ).length;

  it.each([
    {
      mode: 'paginated',
      faults: [
        { nth: 2, fault: { kind: 'status', status: 500 } },
        { nth: 4, fault: { kind: 'truncate' } },
      ],
    },
    {
      mode: 'streaming',
      faults: [
        { nth: 1, fault: { kind: 'stream-error' } },
        { nth: 3, fault: { kind: 'stream-cut' } },
      ],
    },
  ] as const)(
    "$mode: leaves the next day's first bucket out of each partition, reports it and reconciles the totals, under faults",
    async ({ mode, faults }) => {
      const sim = await startMediaMath({
        rowsPerDay: (date) => ROWS[date] ?? 300,
        seed: 9,
        latencyMs: 1,
        endTime: 'inclusive',
      });
      try {
        sim.setFaults({ scripted: [...faults] });
        const path = await fresh();
        const name = `mm_inclusive_${mode}`;
        const run = await runAgainst(
          sim,
          { ...source(name, { mode, pageSize: 500 }), concurrency: 1 },
          { dir: path, dates: DATES, deps: FAST_FAULTS },
        );
        expect(sim.stats.faultsInjected).toBe(2);
        await expectLakeEqualsSimulator(
          run,
          name,
          DATES,
          ['by_day', 'by_hour'],
          MEDIAMATH_CATALOGUE_FIELDS,
          sim,
        );
        for (const result of run.results) {
          const rollup: Rollup = result.report === REPORTS.by_day ? 'by_day' : 'by_hour';
          const left = firstBucketAfter(sim, result.date, rollup);
          expect(left, `${result.report} ${result.date}`).toBeGreaterThan(0);
          expect(result.fields?.pastDay).toEqual({ agg_timestamp: left });
        }
      } finally {
        await sim.close();
      }
    },
  );

  it('a row before the requested day fails the partition naming the row and the day, writing nothing', async () => {
    const path = await fresh();
    const [before] = suite.simulator.rows('2026-11-09', 'by_day');
    suite.simulator.setFaults({ scripted: [onePageAnswer([before])] });
    const run = await runAgainst(
      suite.simulator,
      { ...source('mm_before'), reports: ['performance_by_day'] },
      { dir: path, dates: ['2026-11-10'], deps: FAST_FAULTS },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(run.results[0]!.error).toBe(
      'mm_before/performance_by_day 2026-11-10: a row for 2026-11-09T00:00:00.000Z arrived in the request for 2026-11-10, whose day in UTC is [2026-11-10T00:00:00Z, 2026-11-11T00:00:00Z) (column "agg_timestamp")',
    );
    expect(existsSync(join(run.outDir, 'mediamath_performance_by_day'))).toBe(false);
  });

  it('sends end_time as the next midnight by default and the day\'s last second under options.endTime "inclusive"', async () => {
    const request = (endTime?: string) =>
      mediamath.configure!({
        organizationId: ORGANIZATION,
        ...(endTime ? { endTime } : {}),
      }).performance_by_hour!.request({
        date: '2026-11-10',
        timezone: 'UTC',
        options: { organizationId: ORGANIZATION, ...(endTime ? { endTime } : {}) },
        slice: {},
      }).body;
    expect(request()).toMatchObject({ start_time: '2026-11-10T00:00:00Z', end_time: '2026-11-11T00:00:00Z' });
    expect(request('exclusive')).toMatchObject({ end_time: '2026-11-11T00:00:00Z' });
    expect(request('inclusive')).toMatchObject({ end_time: '2026-11-10T23:59:59Z' });
  });
});

/**
 * by_day in a source time zone that is not UTC: the document does not say whose days by_day
 * buckets are (mm:33, mm:37). The simulator serves both (bucketUtcOffsetHours 0: UTC days; -5:
 * the account's days, New York in November) and the connector runs against both under each
 * `options.byDayZone`: the matching reading stores every row of every day; the other fails the
 * partition naming the option, and writes nothing.
 */
describe('MediaMath by_day in a source time zone that is not UTC', () => {
  const ZONE_DATES = ['2026-11-20', '2026-11-21'];
  const NEW_YORK = 'America/New_York';
  const zoned = (name: string, options: Record<string, unknown>, reports?: string[]) => ({
    ...source(name, options),
    timezone: NEW_YORK,
    ...(reports ? { reports } : {}),
  });
  const simulators: MediaMathSimulator[] = [];
  afterEach(async () => {
    for (const simulator of simulators.splice(0)) await simulator.close();
  });
  const start = async (bucketUtcOffsetHours: number) => {
    const simulator = await startMediaMath({ rowsPerDay: 300, seed: 9, latencyMs: 1, bucketUtcOffsetHours });
    simulators.push(simulator);
    return simulator;
  };

  it('byDayZone "source" (default) against an account bucketing its own days: both rollups exact', async () => {
    const simulator = await start(-5);
    const path = await fresh();
    const run = await runAgainst(simulator, zoned('mm_account', {}), { dir: path, dates: ZONE_DATES });
    await expectLakeEqualsSimulator(
      run,
      'mm_account',
      ZONE_DATES,
      ['by_day', 'by_hour'],
      undefined,
      simulator,
    );
  });

  it('byDayZone "UTC" against an account bucketing UTC days: by_day holds each UTC day exactly', async () => {
    const simulator = await start(0);
    const path = await fresh();
    const run = await runAgainst(
      simulator,
      zoned('mm_utc_days', { byDayZone: 'UTC' }, ['performance_by_day']),
      { dir: path, dates: ZONE_DATES },
    );
    await expectLakeEqualsSimulator(run, 'mm_utc_days', ZONE_DATES, ['by_day'], undefined, simulator);
  });

  it.each([
    { buckets: 'UTC days', offset: 0, byDayZone: 'source', advice: 'set options.byDayZone to "UTC"' },
    {
      buckets: "the account's days",
      offset: -5,
      byDayZone: 'UTC',
      advice: 'set options.byDayZone to "source"',
    },
  ])(
    'byDayZone "$byDayZone" against an account bucketing $buckets: by_day fails naming the option, nothing written',
    async ({ offset, byDayZone, advice }) => {
      const simulator = await start(offset);
      const path = await fresh();
      const name = `mm_mismatch_${offset === 0 ? 'utc' : 'account'}`;
      const run = await runAgainst(simulator, zoned(name, { byDayZone }, ['performance_by_day']), {
        dir: path,
        dates: ZONE_DATES,
      });
      for (const result of run.results) {
        expect(result).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
        expect(result.error).toContain(advice);
      }
      const table = reportsFor(MEDIAMATH_CATALOGUE_FIELDS).performance_by_day!.table;
      expect(existsSync(join(run.outDir, table))).toBe(false);
    },
  );

  it('fails a by_day bucket that starts inside the day but not at its midnight (a vendor leaving out the partial first UTC day)', async () => {
    const path = await fresh();
    // New York's 2026-11-20 is [05:00Z, next 05:00Z): a UTC-day bucket of the 21st lies inside it.
    const [row] = [...suite.simulator.rows('2026-11-21', 'by_day', MEDIAMATH_DEFAULT_FIELDS)];
    suite.simulator.setFaults({ scripted: [onePageAnswer([row])] });
    const run = await runAgainst(
      suite.simulator,
      zoned('mm_inside', { fields: MEDIAMATH_DEFAULT_FIELDS }, ['performance_by_day']),
      { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(run.results[0]!.error).toContain(
      'a row for 2026-11-21T00:00:00.000Z arrived in the request for 2026-11-20, whose day in America/New_York is [2026-11-20T05:00:00Z, 2026-11-21T05:00:00Z)',
    );
    expect(run.results[0]!.error).toContain('set options.byDayZone to "UTC"');
    expect(existsSync(join(run.outDir, 'mediamath_performance_by_day'))).toBe(false);
  });
});

/**
 * by_day in UTC days (`byDayZone: "UTC"`) for a source east of UTC: the daily window is
 * yesterday in Tokyo, whose UTC day has not ended when a run at 01:00 there starts (it ends at
 * 09:00). The report's data zone is UTC (ReportDefinition.dataZone), so the run defers that date,
 * reports it, and the next day's run fetches it whole; by_hour (the source's own days) is not held
 * back. The runs' clock is fixed (`now`), one day apart, and so is the simulator's: a UTC day not
 * yet over serves only its ended hours (day-so-far.ts), so a run that fetched it would commit a
 * partial day as if final.
 */
describe('MediaMath by_day in UTC days for a source east of UTC', () => {
  const name = 'mm_tokyo_utc_days';
  const tokyo = { ...source(name, { byDayZone: 'UTC' }), timezone: 'Asia/Tokyo', lookbackDays: 0 };
  const outcome = (run: HarnessRun) => run.results.map((r) => `${r.table} ${r.date} ${r.status}`).sort();
  const BY_DAY = 'mediamath_performance_by_day';
  const reports = Object.values(reportsFor(MEDIAMATH_CATALOGUE_FIELDS));
  /** 01:00 on 22 November in Tokyo: yesterday there is the 21st, a UTC day with 8 of 24 hours to run. */
  const FIRST_RUN = new Date('2026-11-21T16:00:00Z');
  const DAY_MS = 86_400_000;

  let clock: ManualClock;
  let simulator: MediaMathSimulator;
  beforeEach(async () => {
    clock = new ManualClock(FIRST_RUN.getTime());
    simulator = await startMediaMath({ rowsPerDay: 300, seed: 9, clock });
  });
  afterEach(() => simulator.close());

  /** Every by_day partition in the lake holds its whole UTC day: 300 rows, exactly the vendor's final day. */
  async function expectWholeDays(outDir: string) {
    const dir = join(outDir, BY_DAY, `source=${name}`);
    const dates = existsSync(dir)
      ? readdirSync(dir)
          .filter((entry) => entry.startsWith('dt='))
          .map((entry) => entry.slice(3))
      : [];
    const checked = await expectLakeEqualsTruth(
      localLake(outDir, name, (table) => reports.find((r) => r.table === table)!),
      dates.map((date) => ({ table: BY_DAY, date })),
      mediamathTruth(simulator, MEDIAMATH_CATALOGUE_FIELDS),
    );
    for (const { date, rows } of checked) expect(rows.length, `${BY_DAY} ${date}`).toBe(300);
    return dates.sort();
  }

  it('the simulator serves the running UTC day only in part: what a run naming the date (its user’s call) stores', async () => {
    const path = await fresh();
    const named = await runAgainst(
      simulator,
      { ...tokyo, reports: ['performance_by_day'] },
      { dir: path, dates: ['2026-11-21'], now: FIRST_RUN },
    );
    // 16 of the UTC 21st's 24 hours have ended: 200 of its 300 rows.
    expect(named.results.map((r) => [r.date, r.status, r.rows])).toEqual([['2026-11-21', 'written', 200]]);
  });

  it('a run at 01:00 in Tokyo defers the UTC day still running; the next day’s run fetches it whole', async () => {
    const path = await fresh();
    const first = await runAgainst(simulator, tokyo, { dir: path, now: FIRST_RUN });
    // What the lake holds first: without the deferral the 21st would be here with 200 rows.
    expect(await expectWholeDays(first.outDir)).toEqual(['2026-11-20']);
    expect(outcome(first)).toEqual([
      `${BY_DAY} 2026-11-20 written`,
      `${BY_DAY} 2026-11-21 deferred`,
      'mediamath_performance_by_hour 2026-11-21 written',
    ]);
    expect(first.results.find((r) => r.status === 'deferred')?.deferred).toEqual({
      zone: 'UTC',
      until: '2026-11-22T00:00:00Z',
    });

    clock.advance(DAY_MS);
    const second = await runAgainst(simulator, tokyo, {
      dir: path,
      now: new Date(FIRST_RUN.getTime() + DAY_MS),
    });
    expect(await expectWholeDays(second.outDir)).toEqual(['2026-11-20', '2026-11-21']);
    expect(outcome(second)).toEqual([
      `${BY_DAY} 2026-11-21 written`,
      `${BY_DAY} 2026-11-22 deferred`,
      'mediamath_performance_by_hour 2026-11-22 written',
    ]);
  });
});
