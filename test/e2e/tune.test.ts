import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tune } from '../../functions/connectors/tune.js';
import { InProcessPageTally } from '../../functions/engine/staging/page-tally.js';
import { tuneBody } from '../simulators/tune/php-json.js';
import { startTune, type TuneSimulator } from '../simulators/tune/tune.js';
import type { TuneRow } from '../simulators/tune/tune-data.js';
import type { TuneEntityName } from '../simulators/tune/tune-fields.js';
import { allFileContents, expectLakeEqualsTruth, findSecrets, localLake } from '../support/lake.js';
import { type HarnessRun, runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS, simulatorSuite } from '../support/simulator-suite.js';
import { tuneTruth } from '../support/truth.js';

const DEFAULT_TABLES = ['tune_advertiser', 'tune_campaigns', 'tune_countries', 'tune_sites', 'tune_users'];
const COUNTS: Partial<Record<TuneEntityName, number>> = {
  'advertiser/campaigns': 230,
  'advertiser/sites': 20,
  'advertiser/publishers': 100,
  'account/users': 1,
};

const suite = simulatorSuite(() => startTune({ entityCounts: COUNTS, seed: 5, latencyMs: 1 }));
const fresh = () => suite.freshDir();

/** Every partition of the run equals the simulator's entities (filtered by `keep`). */
async function expectLakeEqualsEntities(
  run: HarnessRun,
  source: string,
  keep: (table: string, row: TuneRow) => boolean = () => true,
  options: Record<string, unknown> = {},
  tables = DEFAULT_TABLES,
  simulator: TuneSimulator = suite.simulator,
): Promise<void> {
  expect(run.results.filter((r) => r.status !== 'written')).toEqual([]);
  expect(run.results.map((r) => r.table).sort()).toEqual(tables);
  const reports = Object.values(tune.configure!(options));
  await expectLakeEqualsTruth(
    localLake(run.outDir, source, (table) => reports.find((r) => r.table === table)!),
    run.results,
    tuneTruth(simulator, { keep }),
  );
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
    await expectLakeEqualsEntities(run, `tune_${pageSize}`);
    const log = suite.simulator.stats.requestLog.slice(before);
    const campaignFinds = log.filter((r) => r.path === '/v2/advertiser/campaigns/find.json');
    expect(campaignFinds.length).toBe(campaignPages);
    expect(log.filter((r) => r.path.endsWith('/count.json')).length).toBe(5);
    // Explicit fields (only those the document shows for campaigns), sort by id, our page size.
    expect(campaignFinds[0]!.query).toMatchObject({
      sort: 'id',
      limit: String(pageSize),
      fields: 'id,name,advertiser_id,site_id,publisher_id,status',
    });
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
    await expectLakeEqualsEntities(
      run,
      'tune_active',
      (table, row) =>
        table !== 'tune_campaigns' || (row.status === 'active' && Number(row.budget ?? 0) > 1000),
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
    await expectLakeEqualsEntities(run, 'tune_faults');
    expect(suite.simulator.stats.faultsInjected - faultsBefore).toBe(7);
    expect(run.results.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(6);
    const texts = [
      ...(await allFileContents(path)).map((f) => f.text),
      JSON.stringify(run.events),
      JSON.stringify(run.results),
    ];
    expect(findSecrets(texts, suite.simulator.issuedSecrets())).toEqual([]);
  });

  // "JSON Transformation for Error Result" shows an error's body but not the HTTP status it
  // travels with, and names the echoed status "status_pre" where the users example says
  // "status_code": the simulator serves errors inside HTTP 200 with "status_pre", and the body's
  // status rules every endpoint the connector calls, count.json as well as find.json.
  describe('errors carried in an HTTP 200 body ("status_pre")', () => {
    const wire = { errorHttpStatus: 'always200', statusField: 'status_pre' } as const;

    it('retries a 500, 503 or 429 in the body of count.json and find.json and equals the truth', async () => {
      const sim = await startTune({ entityCounts: COUNTS, seed: 5, latencyMs: 1, ...wire });
      try {
        sim.setFaults({
          scripted: [
            { nth: 1, path: 'count.json', fault: { kind: 'status', status: 500 } },
            { nth: 3, path: 'count.json', fault: { kind: 'status', status: 503 } },
            { nth: 2, path: 'find.json', fault: { kind: 'status', status: 500 } },
            { nth: 4, path: 'find.json', fault: { kind: 'status', status: 429 } },
          ],
        });
        const path = await fresh();
        const run = await runAgainst(
          sim,
          { name: 'tune_in_body', connector: 'tune', options: { pageSize: 40 } },
          { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS },
        );
        expect(sim.stats.faultsInjected).toBe(4);
        expect(sim.stats.requestLog.every((r) => r.status === 200)).toBe(true);
        await expectLakeEqualsEntities(run, 'tune_in_body', undefined, {}, DEFAULT_TABLES, sim);
        // Page retries are counted per partition; the two count.json retries happen while planning.
        expect(run.results.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(2);
      } finally {
        await sim.close();
      }
    });

    it('fails a refused api_key at count.json naming the 401 and its message, without retrying, writing nothing', async () => {
      const sim = await startTune({ entityCounts: COUNTS, seed: 5, ...wire });
      try {
        const path = await fresh();
        const wrong = { ...sim, credentials: { api_key: 'ffffeeeeddddccccbbbbaaaa99998888' } };
        const run = await runAgainst(
          wrong,
          { name: 'tune_refused', connector: 'tune', reports: ['users'] },
          { dir: path, dates: ['2026-11-20'], deps: FAST_FAULTS },
        );
        expect(run.results).toHaveLength(1);
        expect(run.results[0]).toMatchObject({ status: 'failed' });
        expect(run.results[0]!.error).toMatch(/401.*API key is missing or invalid/);
        expect(run.results[0]!.error).not.toContain('ffffeeeeddddccccbbbbaaaa99998888');
        expect(sim.stats.requestLog.map((r) => r.path)).toEqual(['/v2/account/users/count.json']);
        expect(existsSync(join(run.outDir, 'tune_users'))).toBe(false);
      } finally {
        await sim.close();
      }
    });
  });

  // "Parameters 'limit' and 'page'" (tune-management-api.txt:145-146) gives no maximum and
  // find.json carries no total (:231-252): a server may serve any limit or silently cap it. Both
  // settings of `pageEnd` against both servers; campaigns (230) is the only entity past the cap.
  describe('where an entity ends (options.pageEnd) against a server that honours or silently caps limit', () => {
    const CAP = 100;
    const servers = {
      honours: { over: 'honour' },
      caps: { over: 'cap', max: CAP },
    } as const;
    async function runWith(server: keyof typeof servers, options: Record<string, unknown>, name: string) {
      const sim = await startTune({ entityCounts: COUNTS, seed: 5, limitPolicy: servers[server] });
      const path = await fresh();
      const run = await runAgainst(
        sim,
        { name, connector: 'tune', options },
        { dir: path, dates: ['2026-11-20'] },
      );
      const paths = sim.stats.requestLog.map((r) => r.path);
      return { sim, run, paths };
    }
    const campaignsOf = (run: HarnessRun) => run.results.find((r) => r.table === 'tune_campaigns')!;

    it('default (count): exact against a server that honours limit, one count.json per entity', async () => {
      const { sim, run, paths } = await runWith('honours', {}, 'tune_count_honours');
      try {
        await expectLakeEqualsEntities(run, 'tune_count_honours', undefined, {}, DEFAULT_TABLES, sim);
        expect(paths.filter((p) => p.endsWith('/count.json'))).toHaveLength(5);
        expect(paths.filter((p) => p.endsWith('/find.json'))).toHaveLength(5);
      } finally {
        await sim.close();
      }
    });

    it('default (count): a server that caps limit fails the capped entity with COUNT_MISMATCH and writes none of it', async () => {
      const { sim, run } = await runWith('caps', {}, 'tune_count_caps');
      try {
        expect(campaignsOf(run)).toMatchObject({ status: 'failed', errorCode: 'COUNT_MISMATCH' });
        expect(campaignsOf(run).error).toMatch(/announced 230 rows but its pages held 100/);
        const written = readdirSync(join(run.outDir, 'tune_campaigns'), {
          recursive: true,
          withFileTypes: true,
        });
        expect(written.filter((entry) => entry.isFile())).toEqual([]);
        // The entities under the cap are whole either way.
        const others = run.results.filter((r) => r.table !== 'tune_campaigns');
        expect(others.map((r) => r.status)).toEqual(['written', 'written', 'written', 'written']);
      } finally {
        await sim.close();
      }
    });

    it('short-page: exact against a server that honours limit, with no count.json (one find.json per entity)', async () => {
      const options = { pageEnd: 'short-page' };
      const { sim, run, paths } = await runWith('honours', options, 'tune_short_honours');
      try {
        await expectLakeEqualsEntities(run, 'tune_short_honours', undefined, options, DEFAULT_TABLES, sim);
        expect(paths.filter((p) => p.endsWith('/count.json'))).toEqual([]);
        expect(paths.filter((p) => p.endsWith('/find.json'))).toHaveLength(5);
      } finally {
        await sim.close();
      }
    });

    it('short-page with pageSize at or under the cap: exact, pages followed until a short one', async () => {
      const options = { pageEnd: 'short-page', pageSize: 50 };
      const { sim, run, paths } = await runWith('caps', options, 'tune_short_under_cap');
      try {
        await expectLakeEqualsEntities(run, 'tune_short_under_cap', undefined, options, DEFAULT_TABLES, sim);
        expect(paths.filter((p) => p.endsWith('/count.json'))).toEqual([]);
        // 230 campaigns: 50, 50, 50, 50, 30.
        expect(paths.filter((p) => p === '/v2/advertiser/campaigns/find.json')).toHaveLength(5);
      } finally {
        await sim.close();
      }
    });

    it('short-page against a server that caps limit below pageSize loses the rows past the cap, unseen (the documented risk)', async () => {
      const options = { pageEnd: 'short-page' };
      const { sim, run } = await runWith('caps', options, 'tune_short_caps');
      try {
        // The first page held 100 rows of the 1000 asked: read as the last. 130 campaigns lost.
        expect(campaignsOf(run)).toMatchObject({ status: 'written', rows: CAP });
        expect(sim.entities('advertiser/campaigns')).toHaveLength(230);
      } finally {
        await sim.close();
      }
    });
  });

  it('fails a partition whose pages its page tally could not record, at planning, before any page is fetched', async () => {
    // Deployed, the tally is one DynamoDB item (dynamo-page-tally.ts): here one holding 5 pages.
    class SmallTally extends InProcessPageTally {
      capacity(): number {
        return 5;
      }
    }
    const sim = await startTune({ entityCounts: COUNTS, seed: 5 });
    try {
      const path = await fresh();
      const run = await runAgainst(
        sim,
        { name: 'tune_small_tally', connector: 'tune', options: { pageSize: 23 } },
        { dir: path, dates: ['2026-11-20'], deps: { pageTally: new SmallTally() } },
      );
      // 230 campaigns in pages of 23: 10 pages, more than 5. The other entities fit in one page.
      const campaigns = run.results.find((r) => r.table === 'tune_campaigns')!;
      expect(campaigns).toMatchObject({ status: 'failed', errorCode: 'BUDGET_EXCEEDED' });
      expect(campaigns.error).toMatch(/needs 10 pages in 1 slice, more than the 5 its page tally can record/);
      expect(campaigns.error).toMatch(/a larger page size \(fewer pages\) or fewer slices fits/);
      expect(sim.stats.requestLog.filter((r) => r.path === '/v2/advertiser/campaigns/find.json')).toEqual([]);
      expect(run.results.filter((r) => r.status === 'written')).toHaveLength(4);
    } finally {
      await sim.close();
    }
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

  it.each(['datetime', 'date'] as const)(
    'fields chosen in the config, publishers opted in, start_date served as %s: stored exactly',
    async (dateStyle) => {
      const sim = await startTune({ entityCounts: COUNTS, seed: 8, dateStyle });
      try {
        const path = await fresh();
        const options = {
          fields: {
            campaigns: ['name', 'status', 'budget', 'start_date', 'end_date', 'currency'],
            publishers: ['name', 'company', 'country_code'],
          },
        };
        const run = await runAgainst(
          sim,
          { name: `tune_${dateStyle}`, connector: 'tune', options, reports: ['campaigns', 'publishers'] },
          { dir: path, dates: ['2026-11-20'] },
        );
        const campaigns = tune.configure!(options).campaigns!;
        expect(campaigns.schema.columns.find((c) => c.name === 'start_date')?.type).toBe('date');
        await expectLakeEqualsTruth(
          localLake(run.outDir, `tune_${dateStyle}`, () => campaigns),
          run.results.filter((r) => r.table === 'tune_campaigns'),
          tuneTruth(sim),
        );
        expect(run.results.map((r) => [r.table, r.status])).toEqual([
          ['tune_campaigns', 'written'],
          ['tune_publishers', 'written'],
        ]);
      } finally {
        await sim.close();
      }
    },
  );

  it('adds a find.json data consumer of the document by configuration, without code', async () => {
    const path = await fresh();
    const options = {
      entities: {
        country_list: { endpoint: 'countries', fields: { id: 'bigint', name: 'string', code: 'string' } },
      },
    };
    const run = await runAgainst(
      suite.simulator,
      { name: 'tune_custom', connector: 'tune', options, reports: ['country_list'] },
      { dir: path, dates: ['2026-11-20'] },
    );
    expect(run.results[0]).toMatchObject({ table: 'tune_country_list', status: 'written', rows: 6 });
    const report = tune.configure!(options).country_list!;
    await expectLakeEqualsTruth(
      localLake(run.outDir, 'tune_custom', () => report),
      run.results,
      tuneTruth(suite.simulator, { entities: { tune_country_list: 'countries' } }),
    );
  });

  it('refuses at load a field outside the catalogue, an endpoint outside the document, a custom entity without id', async () => {
    const path = await fresh();
    const load = (options: Record<string, unknown>) =>
      runAgainst(
        suite.simulator,
        { name: 'tune_bad', connector: 'tune', options },
        { dir: path, dates: ['2026-11-20'] },
      );
    await expect(load({ fields: { users: ['id', 'first_nam'] } })).rejects.toThrow(
      /sources\[0\] \("tune_bad"\)\.options: unknown field "first_nam" in options\.fields\.users/,
    );
    await expect(
      load({ entities: { x: { endpoint: '../secrets', fields: { id: 'bigint' } } } }),
    ).rejects.toThrow(/must be a data consumer of the TUNE document/);
    await expect(
      load({ entities: { x: { endpoint: 'regions', fields: { name: 'string' } } } }),
    ).rejects.toThrow(/must include "id"/);
  });
});
