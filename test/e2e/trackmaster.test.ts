import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackmaster } from '../../functions/connectors/trackmaster.js';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { PartitionResult } from '../../functions/engine/run/local-runner.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { allFileContents, expectLakeEqualsTruth, findSecrets, localLake } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS, simulatorSuite } from '../support/simulator-suite.js';
import { trackmasterTruth } from '../support/truth.js';

const campaigns = trackmaster.reports.campaigns!;
const dailyReports = trackmaster.reports.daily_reports!;
const REFERENCE_DATE = '2026-11-20';
const DATES = ['2026-11-17', '2026-11-18', '2026-11-19'];
/** 130 campaigns: the campaign list of media 101 takes two pages of 100. */
const MEDIAS = { 101: 130, 102: 25 };

// A short window: an injected rate-limit refusal then waits a second, not an hour.
const suite = simulatorSuite(() =>
  startTrackMaster({
    medias: MEDIAS,
    referenceDate: REFERENCE_DATE,
    seed: 3,
    latencyMs: 1,
    rateLimit: { limit: 100_000, windowMs: 1_000 },
  }),
);
const fresh = () => suite.freshDir();

function partitionFile(outDir: string, report: ReportDefinition, source: string, date: string): string {
  return join(outDir, partitionObjectKey({ table: report.table, source, date }, 'parquet'));
}

/** Every daily partition of `dates` and the campaign snapshot equal the simulator's truth. */
async function expectLakeEqualsSimulator(
  sim: TrackMasterSimulator,
  run: { outDir: string; results: PartitionResult[] },
  source: string,
  mediaIds: number[],
  dates: string[],
): Promise<void> {
  expect(run.results.filter((r) => r.status !== 'written')).toEqual([]);
  const snapshot = run.results.find((r) => r.table === campaigns.table)!;
  const checked = await expectLakeEqualsTruth(
    localLake(run.outDir, source, (table) => (table === campaigns.table ? campaigns : dailyReports)),
    [...dates.map((date) => ({ table: dailyReports.table, date })), snapshot],
    trackmasterTruth(sim, mediaIds),
  );
  for (const { table, date, truth } of checked) expect(truth.length, `${table} ${date}`).toBeGreaterThan(0);
}

describe('TrackMaster end to end over real HTTP', () => {
  it('writes the campaign snapshot and the daily reports of every campaign', async () => {
    const path = await fresh();
    const before = suite.simulator.stats.requestLog.length;
    const run = await runAgainst(
      suite.simulator,
      { name: 'tm_main', connector: 'trackmaster', options: { mediaIds: [101, 102] } },
      { dir: path, dates: DATES },
    );
    await expectLakeEqualsSimulator(suite.simulator, run, 'tm_main', [101, 102], DATES);

    const log = suite.simulator.stats.requestLog.slice(before);
    const reportRequests = log.filter((r) => r.path.endsWith('/daily_reports'));
    // By default every campaign is asked for every date: the document's example report row is
    // dated after its campaign's end_date (publisher-api.md:74 and :102).
    expect(reportRequests.length).toBe(DATES.length * (MEDIAS[101] + MEDIAS[102]));
    // The campaign list (2 + 1 pages) is read once: the planning of the daily reports and the
    // campaigns snapshot share the read (stagedFromPlanning), and the snapshot holds every campaign.
    expect(log.filter((r) => r.path.endsWith('/campaigns')).length).toBe(3);
    expect(new Set(log.filter((r) => r.method === 'GET').map((r) => r.query.per_page))).toEqual(
      new Set(['100']),
    );
    // The token travels in the header only.
    expect(log.some((r) => 'access_token' in r.query)).toBe(false);
  });

  it('with campaigns "live", asks only campaigns live on the date', async () => {
    const path = await fresh();
    const before = suite.simulator.stats.requestLog.length;
    const run = await runAgainst(
      suite.simulator,
      { name: 'tm_live', connector: 'trackmaster', options: { mediaIds: [101, 102], campaigns: 'live' } },
      { dir: path, dates: DATES },
    );
    await expectLakeEqualsSimulator(suite.simulator, run, 'tm_live', [101, 102], DATES);
    const reportRequests = suite.simulator.stats.requestLog
      .slice(before)
      .filter((r) => r.path.endsWith('/daily_reports'));
    const live = DATES.flatMap((date) => [101, 102].flatMap((m) => suite.simulator.liveCampaigns(m, date)));
    expect(reportRequests.length).toBe(live.length);
    expect(reportRequests.length).toBeLessThan(DATES.length * (MEDIAS[101] + MEDIAS[102]));
  });

  it('equals the truth under 500, 429, 403 rate limit, timeouts, truncation and revoked tokens; leaks nothing', async () => {
    const path = await fresh();
    suite.simulator.setFaults({
      scripted: [
        { nth: 1, fault: { kind: 'status', status: 500 } },
        { nth: 2, path: '/campaigns?', fault: { kind: 'truncate' } },
        { nth: 3, fault: { kind: 'status', status: 429, retryAfter: '0' } },
        { nth: 5, path: 'daily_reports', fault: { kind: 'revoke-tokens' } },
        { nth: 9, path: 'daily_reports', fault: { kind: 'truncate' } },
        { nth: 12, path: 'daily_reports', fault: { kind: 'hang', ms: 2_000 } },
        { nth: 15, path: 'daily_reports', fault: { kind: 'rate-limit' } },
        { nth: 20, path: 'daily_reports', fault: { kind: 'status', status: 503, retryAfter: '0' } },
      ],
    });
    const refreshesBefore = suite.simulator.stats.authGrants.refresh_token ?? 0;
    const faultsBefore = suite.simulator.stats.faultsInjected;
    const run = await runAgainst(
      suite.simulator,
      { name: 'tm_faults', connector: 'trackmaster', options: { mediaIds: [101, 102] } },
      { dir: path, dates: DATES, deps: FAST_FAULTS, keepStaging: true },
    );
    await expectLakeEqualsSimulator(suite.simulator, run, 'tm_faults', [101, 102], DATES);
    expect(suite.simulator.stats.faultsInjected - faultsBefore).toBe(8);
    expect(run.results.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(4);
    // The revoked token was replaced through the refresh grant, not a new password grant.
    expect((suite.simulator.stats.authGrants.refresh_token ?? 0) - refreshesBefore).toBeGreaterThanOrEqual(1);

    const texts = [
      ...(await allFileContents(path)).filter((f) => !f.path.includes('/state/')).map((f) => f.text),
      JSON.stringify(run.events),
      JSON.stringify(run.results),
    ];
    expect(findSecrets(texts, suite.simulator.issuedSecrets())).toEqual([]);
  });

  it("without X-RateLimit-Reset (the document's headers only), a 403 or 429 refusal waits the fallback and the data stays exact", async () => {
    // admaster-api-protocol.txt:113-114 shows X-RateLimit-Limit and -Remaining only; the refusal
    // itself is not in the document, so both plausible statuses are served, neither naming a wait.
    const bare = await startTrackMaster({
      medias: { 102: 25 },
      referenceDate: REFERENCE_DATE,
      seed: 5,
      latencyMs: 1,
      rateLimitReset: false,
    });
    try {
      const path = await fresh();
      bare.setFaults({
        scripted: [
          { nth: 2, path: 'daily_reports', fault: { kind: 'rate-limit' } },
          { nth: 6, path: 'daily_reports', fault: { kind: 'rate-limit', status: 429, retryAfter: false } },
        ],
      });
      const run = await runAgainst(
        bare,
        { name: 'tm_bare', connector: 'trackmaster', options: { mediaIds: [102] } },
        // FAST_FAULTS: the fallback wait (limits.rateLimitWaitSeconds, 60 s) shortened to 20 ms.
        { dir: path, dates: [DATES[0]!], deps: FAST_FAULTS },
      );
      await expectLakeEqualsSimulator(bare, run, 'tm_bare', [102], [DATES[0]!]);
      expect(bare.stats.refused).toBe(2);
      const log = bare.stats.requestLog;
      expect(log.some((r) => r.status === 403) && log.some((r) => r.status === 429)).toBe(true);
      // Refused as rate-limited (throttled), never failed; the wait itself is timed on a fake
      // clock in test/unit/rate-limit-refusal.test.ts.
      expect(run.results.reduce((n, r) => n + r.throttled, 0)).toBe(2);
    } finally {
      await bare.close();
    }
  });

  it('refreshes an expired token between runs and keeps the data exact', async () => {
    const path = await fresh();
    const source = { name: 'tm_expiry', connector: 'trackmaster', options: { mediaIds: [102] } };
    await runAgainst(suite.simulator, source, { dir: path, dates: [DATES[0]!] });
    suite.simulator.expireTokens();
    const grants = { ...suite.simulator.stats.authGrants };
    const run = await runAgainst(suite.simulator, source, {
      dir: path,
      dates: [DATES[1]!],
      deps: FAST_FAULTS,
    });
    await expectLakeEqualsSimulator(suite.simulator, run, 'tm_expiry', [102], [DATES[1]!]);
    expect(suite.simulator.stats.authGrants.refresh_token ?? 0).toBe((grants.refresh_token ?? 0) + 1);
    expect(suite.simulator.stats.authGrants.password).toBe(grants.password);
  });

  it('keeps using a refresh token the vendor does not rotate (its refresh response is not in the document)', async () => {
    const reuse = await startTrackMaster({
      medias: { 102: 5 },
      referenceDate: REFERENCE_DATE,
      seed: 4,
      latencyMs: 1,
      refreshTokens: 'reuse',
    });
    try {
      const path = await fresh();
      const source = { name: 'tm_reuse', connector: 'trackmaster', options: { mediaIds: [102] } };
      await runAgainst(reuse, source, { dir: path, dates: [DATES[0]!] });
      for (const date of DATES.slice(1, 3)) {
        reuse.expireTokens();
        const run = await runAgainst(reuse, source, { dir: path, dates: [date], deps: FAST_FAULTS });
        await expectLakeEqualsSimulator(reuse, run, 'tm_reuse', [102], [date]);
      }
      // Two expiries, two refresh grants with the one refresh token; one password grant in all.
      expect(reuse.stats.authGrants).toEqual({ password: 1, refresh_token: 2 });
    } finally {
      await reuse.close();
    }
  });

  it('stays under a small rate limit without a single refusal', async () => {
    const limited = await startTrackMaster({
      medias: { 201: 40, 202: 30 },
      referenceDate: REFERENCE_DATE,
      seed: 4,
      latencyMs: 1,
      rateLimit: { limit: 10, windowMs: 1_000 },
    });
    try {
      const path = await fresh();
      const dates = DATES.slice(0, 2);
      const started = Date.now();
      const run = await runAgainst(
        limited,
        // No client-side limit configured: the vendor's X-RateLimit headers alone pace the run.
        { name: 'tm_limited', connector: 'trackmaster', options: { mediaIds: [201, 202] } },
        { dir: path, dates, deps: FAST_FAULTS },
      );
      const seconds = (Date.now() - started) / 1000;
      expect(limited.stats.refused).toBe(0);
      // Enough requests to need several windows.
      expect(limited.stats.requests).toBeGreaterThan(3 * 10);
      await expectLakeEqualsSimulator(limited, run, 'tm_limited', [201, 202], dates);
      // Never idle longer than the windows the request count needs; each may stretch to the next
      // whole second, because X-RateLimit-Reset is given in epoch seconds.
      const windows = Math.ceil(limited.stats.requests / 10);
      expect(seconds).toBeLessThan(windows * 2 + 1);
    } finally {
      await limited.close();
    }
  });

  it('fails an unknown media id clearly, naming source, report and media, and writes nothing', async () => {
    const path = await fresh();
    const run = await runAgainst(
      suite.simulator,
      { name: 'tm_unknown', connector: 'trackmaster', options: { mediaIds: [101, 999] } },
      { dir: path, dates: [DATES[0]!], deps: FAST_FAULTS },
    );
    const byTable = Object.fromEntries(run.results.map((r) => [r.table, r]));
    expect(byTable[campaigns.table]).toMatchObject({ status: 'failed', errorCode: 'VENDOR_NOT_FOUND' });
    expect(byTable[campaigns.table]!.error).toMatch(
      /^tm_unknown\/campaigns .*\/medias\/999\/campaigns.* 404/,
    );
    expect(byTable[dailyReports.table]).toMatchObject({ status: 'failed', errorCode: 'VENDOR_NOT_FOUND' });
    expect(byTable[dailyReports.table]!.error).toMatch(
      /^tm_unknown\/daily_reports 2026-11-17: media 999 is unknown/,
    );
    expect(existsSync(join(run.outDir, campaigns.table))).toBe(false);
    expect(existsSync(join(run.outDir, dailyReports.table))).toBe(false);
  });

  it('fails a partition whose report rows drift from the schema, naming the field; an absent nullable metric is null', async () => {
    const path = await fresh();
    const answer = (body: unknown) => ({ kind: 'status' as const, status: 200, body });
    suite.simulator.setFaults({
      scripted: [
        { nth: 1, path: 'daily_reports', fault: answer([{ time: DATES[0], imp: 5, uimp: null, clk: 1 }]) },
      ],
    });
    const source = {
      name: 'tm_absent',
      connector: 'trackmaster',
      options: { mediaIds: [102] },
      reports: ['daily_reports'],
    };
    const absent = await runAgainst(suite.simulator, source, {
      dir: path,
      dates: [DATES[0]!],
      deps: FAST_FAULTS,
    });
    expect(absent.results[0]).toMatchObject({ status: 'written', fields: { absent: { uclk: 1 } } });

    suite.simulator.setFaults({
      scripted: [
        {
          nth: 1,
          path: 'daily_reports',
          fault: answer([{ time: DATES[0], imp: 'five', uimp: null, clk: 1, uclk: null }]),
        },
      ],
    });
    const run = await runAgainst(
      suite.simulator,
      { ...source, name: 'tm_drift' },
      { dir: path, dates: [DATES[0]!], deps: FAST_FAULTS },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(run.results[0]!.error).toMatch(
      /^tm_drift\/daily_reports 2026-11-17: field "imp".*got string "five"/,
    );
    expect(existsSync(partitionFile(run.outDir, dailyReports, 'tm_drift', DATES[0]!))).toBe(false);
  });
});
