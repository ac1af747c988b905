import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileLakeStore } from '../../functions/adapters/local/file-lake-store.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import {
  allFileContents,
  expectLakeEqualsTruth,
  findSecrets,
  fingerprint,
  localLake,
  tempDir,
} from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { adcloudTruth } from '../support/truth.js';

const report = adcloud.reports.advertiser!;
const FAST_RETRY = { retry: { baseDelayMs: 5, maxDelayMs: 50 } };
/** Row counts chosen around the 200-row page: empty, one row, exactly one page, one over, several. */
const ROWS: Record<string, number> = {
  '2024-03-01': 0,
  '2024-03-02': 1,
  '2024-03-03': 200,
  '2024-03-04': 201,
  '2024-03-05': 450,
};

let simulator: AdcloudSimulator;
let dir: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: (date) => ROWS[date] ?? 120, seed: 7 });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(async () => {
  simulator.setFaults({});
  await dir?.cleanup();
});

async function fresh() {
  dir = await tempDir();
  return dir.path;
}

function partitionFile(
  outDir: string,
  source: string,
  date: string,
  format: 'parquet' | 'ndjson' = 'parquet',
) {
  return join(outDir, partitionObjectKey({ table: report.table, source, date }, format));
}

async function expectPartitionEqualsTruth(
  outDir: string,
  source: string,
  date: string,
  format: 'parquet' | 'ndjson' = 'parquet',
) {
  await expectLakeEqualsTruth(
    localLake(outDir, source, () => report, format),
    [{ table: report.table, date }],
    adcloudTruth(simulator),
  );
}

describe('Adcloud end to end over real HTTP', () => {
  it('writes exactly the vendor rows for several dates and page counts', async () => {
    const path = await fresh();
    const dates = Object.keys(ROWS);
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_main', connector: 'adcloud' },
      { dir: path, dates },
    );
    expect(run.results.map((r) => [r.date, r.status, r.rows, r.pages])).toEqual([
      ['2024-03-01', 'written', 0, 1],
      ['2024-03-02', 'written', 1, 1],
      ['2024-03-03', 'written', 200, 1],
      ['2024-03-04', 'written', 201, 2],
      ['2024-03-05', 'written', 450, 3],
    ]);
    for (const date of dates) await expectPartitionEqualsTruth(run.outDir, 'adcloud_main', date);
    // The commit record's digest is summed from the pages' digests taken while staging.
    const lake = new FileLakeStore(run.outDir);
    for (const date of dates) {
      const record = await lake.readCommit({ table: report.table, source: 'adcloud_main', date });
      expect(record?.digest).toBe(
        fingerprint(adcloudTruth(simulator)(report.table, date), report.schema).digest,
      );
    }
    // per_page=200 is always sent, even though the vendor's next_url drops it.
    const pageSizes = simulator.stats.requestLog
      .filter((r) => r.path === '/v1/reports/advertiser')
      .map((r) => r.query.per_page);
    expect(new Set(pageSizes)).toEqual(new Set(['200']));
  });

  it('stores a null in any name attribute as null (the attribute table does not say which may be missing)', async () => {
    const nulls = await startAdcloud({ rowsPerDate: 450, seed: 7, nullNames: 'any' });
    try {
      const path = await fresh();
      const run = await runAgainst(
        nulls,
        { name: 'adcloud_nulls', connector: 'adcloud' },
        { dir: path, dates: ['2024-03-05'] },
      );
      expect(run.results[0]).toMatchObject({ status: 'written', rows: 450 });
      const truth = nulls.rowsFor('2024-03-05');
      // Every varchar attribute is null somewhere in the day.
      for (const column of report.schema.columns.filter((c) => c.type === 'string'))
        expect(
          truth.some((row) => row[column.name as keyof typeof row] === null),
          column.name,
        ).toBe(true);
      await expectLakeEqualsTruth(
        localLake(run.outDir, 'adcloud_nulls', () => report),
        [{ table: report.table, date: '2024-03-05' }],
        adcloudTruth(nulls),
      );
    } finally {
      await nulls.close();
    }
  });

  it('stores a null or absent metric as null and counts the absent ones (the attribute table does not say metrics are always there)', async () => {
    const gaps = await startAdcloud({ rowsPerDate: 450, seed: 7, metricGaps: true });
    try {
      const path = await fresh();
      const run = await runAgainst(
        gaps,
        { name: 'adcloud_gaps', connector: 'adcloud' },
        { dir: path, dates: ['2024-03-05'] },
      );
      const served = gaps.rowsFor('2024-03-05');
      const metrics = report.schema.columns.filter((c) => c.type === 'bigint' || c.type === 'double');
      const absent: Record<string, number> = {};
      let nulls = 0;
      for (const row of served)
        for (const { name } of metrics) {
          if (!(name in row)) absent[name] = (absent[name] ?? 0) + 1;
          else if ((row as Record<string, unknown>)[name] === null) nulls++;
        }
      // The day has both kinds of gap, and only metrics have gaps.
      expect(Object.keys(absent).length).toBeGreaterThan(0);
      expect(nulls).toBeGreaterThan(0);
      expect(Object.keys(absent).every((name) => !report.uniqueKey.includes(name))).toBe(true);
      expect(run.results[0]).toMatchObject({ status: 'written', rows: 450, fields: { absent } });
      await expectLakeEqualsTruth(
        localLake(run.outDir, 'adcloud_gaps', () => report),
        [{ table: report.table, date: '2024-03-05' }],
        adcloudTruth(gaps),
      );
    } finally {
      await gaps.close();
    }
  });

  it('writes NDJSON when the source asks for it, with the same rows', async () => {
    const path = await fresh();
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_json', connector: 'adcloud', format: 'ndjson' },
      { dir: path, dates: ['2024-03-05'] },
    );
    expect(run.results[0]!.status).toBe('written');
    await expectPartitionEqualsTruth(run.outDir, 'adcloud_json', '2024-03-05', 'ndjson');
  });

  it('recovers from 500s, 429s with Retry-After, truncated bodies and a revoked token', async () => {
    const path = await fresh();
    simulator.setFaults({
      scripted: [
        { nth: 1, fault: { kind: 'status', status: 500 } },
        { nth: 2, fault: { kind: 'status', status: 429, retryAfter: '0' } },
        { nth: 3, fault: { kind: 'status', status: 429, retryAfter: '1' } },
        { nth: 4, fault: { kind: 'truncate' } },
        { nth: 6, fault: { kind: 'revoke-tokens' } },
        { nth: 8, fault: { kind: 'status', status: 503 } },
      ],
    });
    const grantsBefore = simulator.stats.authGrants.none ?? 0;
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_faults', connector: 'adcloud', concurrency: 2 },
      {
        dir: path,
        dates: ['2024-03-04', '2024-03-05'],
        deps: FAST_RETRY,
      },
    );
    expect(run.results.every((r) => r.status === 'written')).toBe(true);
    expect(run.results.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(5);
    expect((simulator.stats.authGrants.none ?? 0) - grantsBefore).toBe(2);
    for (const date of ['2024-03-04', '2024-03-05'])
      await expectPartitionEqualsTruth(run.outDir, 'adcloud_faults', date);
  });

  it('re-authenticates when a cached token has expired (no expires_in from the grant)', async () => {
    const path = await fresh();
    const first = await runAgainst(
      simulator,
      { name: 'adcloud_cache', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-02'] },
    );
    expect(first.results[0]!.status).toBe('written');
    simulator.expireTokens();
    const grants = simulator.stats.authGrants.none ?? 0;
    const second = await runAgainst(
      simulator,
      { name: 'adcloud_cache', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-03'] },
    );
    expect(second.results[0]!.status).toBe('written');
    expect(simulator.stats.authGrants.none).toBe(grants + 1);
    await expectPartitionEqualsTruth(second.outDir, 'adcloud_cache', '2024-03-03');
  });

  it('replaces a partition on re-run (vendor restatement) and keeps one copy', async () => {
    const path = await fresh();
    await runAgainst(
      simulator,
      { name: 'adcloud_rerun', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-04'] },
    );
    simulator.restate('2024-03-04');
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_rerun', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-04'] },
    );
    await expectPartitionEqualsTruth(run.outDir, 'adcloud_rerun', '2024-03-04');
    const files = (await allFileContents(join(run.outDir, report.table))).map((f) => f.path);
    expect(files).toEqual([partitionFile(run.outDir, 'adcloud_rerun', '2024-03-04')]);
  });

  it('keeps the previous partition when a re-run fails, and says why', async () => {
    const path = await fresh();
    await runAgainst(
      simulator,
      { name: 'adcloud_keep', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-05'] },
    );
    const file = partitionFile(join(path, 'lake'), 'adcloud_keep', '2024-03-05');
    const before = await readFile(file);
    simulator.restate('2024-03-05');
    simulator.setFaults({
      scripted: [
        {
          nth: 2,
          fault: {
            kind: 'status',
            status: 400,
            body: { status: 400, message: 'Parameters missing or wrong' },
          },
        },
      ],
    });
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_keep', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-05'], deps: FAST_RETRY },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'VENDOR_HTTP' });
    expect(run.results[0]!.error).toMatch(
      /adcloud_keep\/advertiser 2024-03-05: GET .*\/v1\/reports\/advertiser.* answered HTTP 400: Parameters missing or wrong/,
    );
    expect(await readFile(file)).toEqual(before);
  });

  it('fails a partition whose rows drift from the schema, writing nothing', async () => {
    const path = await fresh();
    const [good] = simulator.rowsFor('2024-03-02');
    const drifted = { ...good, clicks: 'many' };
    simulator.setFaults({
      scripted: [
        {
          nth: 1,
          fault: {
            kind: 'status',
            status: 200,
            body: { collection: { size: 1, next_url: null, per_page: 200 }, result: [drifted], status: 200 },
          },
        },
      ],
    });
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_drift', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-02'] },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(run.results[0]!.error).toContain('adcloud_drift/advertiser 2024-03-02: field "clicks"');
    expect(existsSync(partitionFile(run.outDir, 'adcloud_drift', '2024-03-02'))).toBe(false);
  });

  it('fails clearly when the vendor refuses the credentials', async () => {
    const path = await fresh();
    const run = await runAgainst(
      { ...simulator, credentials: { client_id: 'nobody', client_secret: 'wrong-secret-value' } },
      { name: 'adcloud_badcreds', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-02'] },
    );
    expect(run.results[0]).toMatchObject({ status: 'failed', errorCode: 'VENDOR_AUTH' });
    expect(run.results[0]!.error).toMatch(/HTTP 401: invalid client credentials \(token grant refused/);
  });

  it('never writes a token or credential into the lake, staging, events or errors', async () => {
    const path = await fresh();
    simulator.setFaults({ scripted: [{ nth: 2, fault: { kind: 'revoke-tokens' } }] });
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_leak', connector: 'adcloud' },
      { dir: path, dates: ['2024-03-05'], keepStaging: true },
    );
    const texts = [
      ...(await allFileContents(run.outDir)).map((f) => f.text),
      JSON.stringify(run.events),
      JSON.stringify(run.results),
    ];
    expect(texts.length).toBeGreaterThan(3);
    expect(findSecrets(texts, simulator.issuedSecrets())).toEqual([]);
  });
});
