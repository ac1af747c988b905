import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main, reportFailures, summaryTable } from '../../bin/cli.js';
import type { CliIo } from '../../bin/cli-io.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { tempDir } from '../support/lake.js';

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

function capture(env: NodeJS.ProcessEnv = {}): Captured {
  let out = '';
  let err = '';
  const stderr = {
    isTTY: false,
    write: (text: string) => {
      err += text;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return {
    io: {
      stdout: (text) => {
        out += text;
      },
      stderr,
      env,
    },
    out: () => out,
    err: () => err,
  };
}

let simulator: AdcloudSimulator;
let dir: string;
let cleanup: () => Promise<void>;
let configPath: string;

beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: 30 });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
  configPath = join(dir, 'config.json');
  await writeConfig({ sources: [{ name: 'ad_one', connector: 'adcloud', baseUrl: simulator.url }] });
  return cleanup;
});

async function writeConfig(config: unknown) {
  await writeFile(configPath, JSON.stringify(config));
}

const credentials = () => ({
  RF_AD_ONE_CLIENT_ID: simulator.credentials.client_id,
  RF_AD_ONE_CLIENT_SECRET: simulator.credentials.client_secret,
});

async function run(args: string[], env: NodeJS.ProcessEnv = credentials()) {
  const captured = capture({ ...env, REPORT_FETCHER_STATE_DIR: join(dir, 'state') });
  const code = await main(args, captured.io);
  return { code, out: captured.out(), err: captured.err() };
}

function expectOneLineError(result: { code: number; err: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  const lines = result.err.trim().split('\n');
  expect(lines[0]).toMatch(/^report-fetcher: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.err).not.toMatch(/\n\s+at /);
}

describe('report-fetcher CLI', () => {
  it('runs a date and prints the summary table', async () => {
    const out = join(dir, 'lake');
    const result = await run(['run', '--config', configPath, '--date', '2024-05-01', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /source\s+table\s+date\s+status\s+rows\s+pages\s+requests\s+retries\s+seconds/,
    );
    expect(result.out).toMatch(/ad_one\s+adcloud_advertiser\s+2024-05-01\s+written\s+30\s+1/);
    expect(existsSync(join(out, 'adcloud_advertiser/source=ad_one/dt=2024-05-01/data.parquet'))).toBe(true);
    const query = await run([
      'query',
      'SELECT count(*) AS n, min(dt) AS dt FROM adcloud_advertiser',
      '--out',
      out,
    ]);
    expect(query.code).toBe(0);
    expect(query.out).toMatch(/n\s+dt\s*\n-+\s+-+\s*\n\s*30\s+2024-05-01/);
  });

  it('shows a deferred partition in the summary and names when its day ends, exiting 0', () => {
    const deferred = {
      source: 'mm_tokyo',
      report: 'performance_by_day',
      table: 'mediamath_performance_by_day',
      date: '2026-12-01',
      status: 'deferred' as const,
      rows: 0,
      pages: 0,
      requests: 0,
      retries: 0,
      throttled: 0,
      bytes: 0,
      seconds: 0,
      deferred: { zone: 'UTC', until: '2026-12-02T00:00:00Z' },
    };
    const captured = capture();
    expect(reportFailures([deferred], captured.io)).toBe(0);
    expect(captured.err()).toBe(
      'report-fetcher: note: mm_tokyo/performance_by_day 2026-12-01 deferred: its day in UTC ends at 2026-12-02T00:00:00Z; a run of the daily window (no --date) after that fetches it\n',
    );
    expect(summaryTable([deferred])).toMatch(/mediamath_performance_by_day\s+2026-12-01\s+deferred\s+0/);
  });

  it('counts a failure among the partitions attempted: a deferred one is neither failed nor attempted', () => {
    const result = (date: string, status: 'written' | 'failed' | 'deferred') => ({
      source: 'mm_tokyo',
      report: 'performance_by_day',
      table: 'mediamath_performance_by_day',
      date,
      status,
      rows: 0,
      pages: 0,
      requests: 0,
      retries: 0,
      throttled: 0,
      bytes: 0,
      seconds: 0,
      ...(status === 'failed' ? { error: `mm_tokyo/performance_by_day ${date}: boom` } : {}),
      ...(status === 'deferred' ? { deferred: { zone: 'UTC', until: '2026-12-02T00:00:00Z' } } : {}),
    });
    const withDeferred = capture();
    const code = reportFailures(
      [result('2026-11-29', 'written'), result('2026-11-30', 'failed'), result('2026-12-01', 'deferred')],
      withDeferred.io,
    );
    expect(code).toBe(1);
    expect(withDeferred.err().split('\n').at(-2)).toBe(
      'report-fetcher: 1 of 2 partitions failed; their previous data is untouched; 1 more deferred, not attempted',
    );

    const without = capture();
    expect(
      reportFailures([result('2026-11-29', 'written'), result('2026-11-30', 'failed')], without.io),
    ).toBe(1);
    expect(without.err().split('\n').at(-2)).toBe(
      'report-fetcher: 1 of 2 partitions failed; their previous data is untouched',
    );
  });

  it('lists the configured sources', async () => {
    const result = await run(['sources', '--config', configPath]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/ad_one\s+adcloud\s+http:\/\/127\.0\.0\.1:\d+\s+UTC/);
  });

  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['fetch'], /unknown command "fetch"/],
    ['an unknown flag', ['run', '--dates', 'x'], /Unknown option '--dates'/],
    [
      'an unknown source',
      ['run', '--source', 'nope', '--date', '2024-05-01'],
      /unknown source "nope" \(configured: ad_one\)/,
    ],
    [
      'a date that does not exist',
      ['run', '--date', '2024-02-30'],
      /error: --date "2024-02-30" is not a date in the form YYYY-MM-DD/,
    ],
    [
      'a day that does not exist in a range',
      ['run', '--from', '2026-02-30', '--to', '2026-03-02'],
      /--from "2026-02-30" is not a date/,
    ],
    ['a malformed date', ['run', '--date', '05/01/2024'], /is not a date/],
    [
      'a reversed range',
      ['run', '--from', '2024-05-03', '--to', '2024-05-01'],
      /reversed: --from 2024-05-03 is after --to 2024-05-01/,
    ],
    ['half a range', ['run', '--from', '2024-05-03'], /--from and --to go together/],
    [
      'both --date and a range',
      ['run', '--date', '2024-05-01', '--from', '2024-05-01', '--to', '2024-05-02'],
      /either --date or --from\/--to/,
    ],
  ];
  for (const [what, args, pattern] of cases) {
    it(`rejects ${what} with one clear line and writes nothing`, async () => {
      const out = join(dir, 'lake');
      const withConfig = args[0] === 'run' ? [...args, '--config', configPath, '--out', out] : args;
      expectOneLineError(await run(withConfig), pattern);
      expect(existsSync(out)).toBe(false);
    });
  }

  const configCases: [string, unknown, RegExp][] = [
    [
      'a config key it does not know',
      { sources: [{ name: 'ad_one', connector: 'adcloud', lookback: 2 }] },
      /sources\[0\]: unknown key "lookback"/,
    ],
    [
      'a wrongly typed value',
      { sources: [{ name: 'ad_one', connector: 'adcloud', lookbackDays: 'two' }] },
      /sources\[0\]\.lookbackDays: .*number/,
    ],
    [
      'a restatement alert that is not a positive percentage',
      { sources: [{ name: 'ad_one', connector: 'adcloud', restatementAlertPercent: 0 }] },
      /sources\[0\]\.restatementAlertPercent: .*(>0|greater than 0|positive)/i,
    ],
    [
      'a restatement alert given as text',
      { sources: [{ name: 'ad_one', connector: 'adcloud', restatementAlertPercent: '5%' }] },
      /sources\[0\]\.restatementAlertPercent: .*number/,
    ],
    [
      'an unknown connector',
      { sources: [{ name: 'ad_one', connector: 'adclod' }] },
      /sources\[0\] \("ad_one"\)\.connector: unknown connector "adclod"/,
    ],
    [
      'a bad time zone',
      { sources: [{ name: 'ad_one', connector: 'adcloud', timezone: 'Mars/Olympus' }] },
      /sources\[0\]\.timezone: must be an IANA time zone/,
    ],
    [
      'a secret in the options',
      { sources: [{ name: 'ad_one', connector: 'adcloud', options: { client_secret: 'x' } }] },
      /sources\[0\]\.options: must not hold secrets/,
    ],
    [
      'duplicate source names',
      {
        sources: [
          { name: 'a_b', connector: 'adcloud' },
          { name: 'a_b', connector: 'adcloud' },
        ],
      },
      /duplicate source name "a_b"/,
    ],
    ['no sources', { sources: [] }, /sources: list at least one source/],
  ];
  for (const [what, config, pattern] of configCases) {
    it(`rejects a config with ${what}, naming the key`, async () => {
      await writeConfig(config);
      expectOneLineError(
        await run(['run', '--config', configPath, '--date', '2024-05-01', '--out', join(dir, 'lake')]),
        pattern,
      );
      expect(existsSync(join(dir, 'lake'))).toBe(false);
    });
  }

  it('rejects a config file that is not JSON', async () => {
    await writeFile(configPath, '{ "sources": [ ');
    expectOneLineError(await run(['sources', '--config', configPath]), /is not valid JSON/);
  });

  it('names the missing credential and where it was looked for', async () => {
    const result = await run(
      ['run', '--config', configPath, '--date', '2024-05-01', '--out', join(dir, 'lake')],
      {},
    );
    expectOneLineError(
      result,
      /ad_one: missing credentials: client_id \(environment variable RF_AD_ONE_CLIENT_ID\), client_secret/,
    );
    expect(existsSync(join(dir, 'lake'))).toBe(false);
  });

  it('exits 1 and names the partition when the vendor refuses, without leaking the secret', async () => {
    const env = { ...credentials(), RF_AD_ONE_CLIENT_SECRET: 'a-wrong-secret-value' };
    const result = await run(
      ['run', '--config', configPath, '--date', '2024-05-01', '--out', join(dir, 'lake')],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /failed: ad_one\/advertiser 2024-05-01: POST .*\/v1\/oauth\/access_token answered HTTP 401: invalid client credentials/,
    );
    expect(result.err).not.toContain('a-wrong-secret-value');
    expect(existsSync(join(dir, 'lake/adcloud_advertiser'))).toBe(false);
  });
});

describe('report-fetcher schema', () => {
  it('lists a table’s columns with type, nullability, vendor field and the Glue description', async () => {
    await writeConfig({
      sources: [
        { name: 'tm', connector: 'trackmaster', options: { mediaIds: [1] } },
        {
          name: 'mm',
          connector: 'mediamath',
          options: { organizationId: 1, fields: ['campaign_id', 'clicks'] },
        },
      ],
    });
    const tm = await run(['schema', 'trackmaster_daily_reports', '--config', configPath]);
    expect(tm.code).toBe(0);
    expect(tm.out).toMatch(
      /^date\s+date\s+no\s+time\s+Report date \(YYYY-MM-DD\); vendor field "time", renamed for SQL$/m,
    );
    expect(tm.out).toMatch(/^campaign_id\s+bigint\s+no\s+\(request: campaign_id\)/m);
    const mm = await run(['schema', 'mediamath_performance_by_day', '--config', configPath]);
    // The columns this source chose, agg_timestamp first (the API adds it by itself).
    expect(mm.out.match(/^(agg_timestamp|campaign_id|clicks|impressions)\b/gm)).toEqual([
      'agg_timestamp',
      'campaign_id',
      'clicks',
    ]);
    expectOneLineError(await run(['schema', 'nope', '--config', configPath]), /no table "nope" \(tables: /);
  });
});
