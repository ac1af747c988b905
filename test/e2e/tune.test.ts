import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tune } from '../../functions/connectors/tune.js';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import { tuneBody } from '../simulators/tune/php-json.js';
import { startTune } from '../simulators/tune/tune.js';
import type { TuneRow } from '../simulators/tune/tune-data.js';
import type { TuneEntityName } from '../simulators/tune/tune-fields.js';
import { allFileContents, duplicatesBy, findSecrets, fingerprint, readPartition } from '../support/lake.js';
import { type HarnessRun, runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS, simulatorSuite } from '../support/simulator-suite.js';

const ENTITIES: Record<string, TuneEntityName> = {
  campaigns: 'advertiser/campaigns',
  sites: 'advertiser/sites',
  publishers: 'advertiser/publishers',
  users: 'account/users',
};
const COUNTS: Partial<Record<TuneEntityName, number>> = {
  'advertiser/campaigns': 230,
  'advertiser/sites': 20,
  'advertiser/publishers': 100,
  'account/users': 1,
};

const suite = simulatorSuite(() => startTune({ entityCounts: COUNTS, seed: 5, latencyMs: 1 }));
const fresh = () => suite.freshDir();

/** TUNE's "YYYY-MM-DD HH:MM:SS" (UTC) as the lake stores it. */
function truthRow(report: ReportDefinition, row: TuneRow): Row {
  const out: Row = {};
  for (const column of report.schema.columns) {
    const value = row[column.name] ?? null;
    out[column.name] =
      column.type === 'timestamp' && typeof value === 'string'
        ? new Date(`${value.replace(' ', 'T')}Z`).toISOString()
        : value;
  }
  return out;
}

async function expectLakeEqualsTruth(
  run: HarnessRun,
  source: string,
  keep: (report: string, row: TuneRow) => boolean = () => true,
): Promise<void> {
  expect(run.results.filter((r) => r.status !== 'written')).toEqual([]);
  expect(run.results.map((r) => r.table).sort()).toEqual([
    'tune_campaigns',
    'tune_publishers',
    'tune_sites',
    'tune_users',
  ]);
  for (const result of run.results) {
    const [name, report] = Object.entries(tune.reports).find(([, r]) => r.table === result.table)!;
    const file = join(
      run.outDir,
      partitionObjectKey({ table: report.table, source, date: result.date }, 'parquet'),
    );
    const rows = await readPartition(file, report.schema);
    const truth = suite.simulator
      .entities(ENTITIES[name]!)
      .filter((row) => keep(name, row))
      .map((row) => truthRow(report, row));
    expect(fingerprint(rows, report.schema)).toEqual(fingerprint(truth, report.schema));
    expect(duplicatesBy(rows, report.uniqueKey)).toBe(0);
  }
}

describe('TUNE end to end over real HTTP', () => {
  it.each([
    { pageSize: 1000, campaignPages: 1 },
    { pageSize: 100, campaignPages: 3 },
    { pageSize: 23, campaignPages: 10 },
  ])('writes every entity exactly with pages of $pageSize', async ({ pageSize, campaignPages }) => {
    const path = await fresh();
    const before = suite.simulator.stats.requestLog.length;
    const run = await runAgainst(
      suite.simulator,
      { name: `tune_${pageSize}`, connector: 'tune', options: { pageSize } },
      { dir: path, dates: ['2026-11-20'] },
    );
    await expectLakeEqualsTruth(run, `tune_${pageSize}`);
    const log = suite.simulator.stats.requestLog.slice(before);
    const campaignFinds = log.filter((r) => r.path === '/v2/advertiser/campaigns/find.json');
    expect(campaignFinds.length).toBe(campaignPages);
    expect(log.filter((r) => r.path.endsWith('/count.json')).length).toBe(4);
    // Explicit fields (defaults and extras), sort by id, our page size.
    expect(campaignFinds[0]!.query).toMatchObject({ sort: 'id', limit: String(pageSize) });
    expect(campaignFinds[0]!.query.fields).toContain('external_id');
  });

  it('applies a configured filter to count and find', async () => {
    const path = await fresh();
    const run = await runAgainst(
      suite.simulator,
      {
        name: 'tune_active',
        connector: 'tune',
        options: { pageSize: 50, filters: { campaigns: "(status = 'active') AND (budget > 1000)" } },
      },
      { dir: path, dates: ['2026-11-20'] },
    );
    await expectLakeEqualsTruth(
      run,
      'tune_active',
      (report, row) => report !== 'campaigns' || (row.status === 'active' && Number(row.budget ?? 0) > 1000),
    );
  });

  it('equals the truth under 500, 429, timeouts, truncated bodies and a wrong response_size; the api_key leaks nowhere', async () => {
    const path = await fresh();
    const faultsBefore = suite.simulator.stats.faultsInjected;
    suite.simulator.setFaults({
      scripted: [
        { nth: 1, path: 'count.json', fault: { kind: 'status', status: 500 } },
        { nth: 2, path: 'find.json', fault: { kind: 'truncate' } },
        { nth: 3, path: 'find.json', fault: { kind: 'status', status: 429, retryAfter: '0' } },
        { nth: 5, path: 'find.json', fault: { kind: 'hang', ms: 2_000 } },
        { nth: 7, path: 'find.json', fault: { kind: 'truncate' } },
        { nth: 8, path: 'find.json', fault: { kind: 'rate-limit' } },
        // Well-formed JSON whose response_size does not match its data: caught, fetched again.
        {
          nth: 10,
          path: 'find.json',
          fault: { kind: 'status', status: 200, body: { status_code: 200, response_size: '4096', data: [] } },
        },
      ],
    });
    const run = await runAgainst(
      suite.simulator,
      { name: 'tune_faults', connector: 'tune', options: { pageSize: 40 } },
      { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS, keepStaging: true },
    );
    await expectLakeEqualsTruth(run, 'tune_faults');
    expect(suite.simulator.stats.faultsInjected - faultsBefore).toBe(7);
    expect(run.results.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(6);
    const texts = [
      ...(await allFileContents(path)).map((f) => f.text),
      JSON.stringify(run.events),
      JSON.stringify(run.results),
    ];
    expect(findSecrets(texts, suite.simulator.issuedSecrets())).toEqual([]);
  });

  it('refuses an unknown field in a filter before any request, naming source, report and field', async () => {
    const path = await fresh();
    const requests = suite.simulator.stats.requests;
    await expect(
      runAgainst(
        suite.simulator,
        { name: 'tune_badfield', connector: 'tune', options: { filters: { sites: '(platform = 1)' } } },
        { dir: path, dates: ['2026-11-20'] },
      ),
    ).rejects.toThrow(
      /sources\[0\] \("tune_badfield"\)\.options \(report sites\): unknown field "platform" in filter/,
    );
    expect(suite.simulator.stats.requests).toBe(requests);
    expect(existsSync(join(path, 'lake'))).toBe(false);
  });

  it('a requested column missing from the answer ("Report exported will be missing column") is null and reported; a missing id fails', async () => {
    const path = await fresh();
    const [first] = suite.simulator.entities('account/users');
    const { phone: _dropped, ...withoutPhone } = first!;
    const { id: _noId, ...withoutId } = first!;
    const answer = (data: unknown[]) => ({
      kind: 'status' as const,
      status: 200,
      rawBody: tuneBody(200, data),
    });
    suite.simulator.setFaults({
      scripted: [{ nth: 1, path: 'account/users/find.json', fault: answer([withoutPhone]) }],
    });
    const run = await runAgainst(
      suite.simulator,
      { name: 'tune_absent', connector: 'tune', reports: ['users'] },
      { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS },
    );
    expect(run.results[0]).toMatchObject({ status: 'written', rows: 1, fields: { absent: { phone: 1 } } });

    suite.simulator.setFaults({
      scripted: [{ nth: 1, path: 'account/users/find.json', fault: answer([withoutId]) }],
    });
    const failed = await runAgainst(
      suite.simulator,
      { name: 'tune_drift', connector: 'tune', reports: ['users'] },
      { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS },
    );
    expect(failed.results[0]).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(failed.results[0]!.error).toMatch(/^tune_drift\/users \d{4}-\d{2}-\d{2}: field "id".*missing/);
    expect(existsSync(join(failed.outDir, 'tune_users', 'source=tune_drift'))).toBe(false);
  });
});
