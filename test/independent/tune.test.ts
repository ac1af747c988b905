/**
 * TUNE against a server written only from ../shared/vendor-docs/tune-management-api.txt
 * (test/independent/servers/tune.ts): a daily run through the real CLI, every entity table read
 * back with DuckDB and compared row by row with what the server holds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, faultLimits, readTable, runCli, workspace } from './harness.js';
import { phpJson, startTune, TUNE_API_KEY, type TuneOptions } from './servers/tune.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';
const SOURCE = 'indep_tune';
const ENV = { RF_INDEP_TUNE_API_KEY: TUNE_API_KEY };
/** Lake table → the endpoint it snapshots (tune:231, tune:72, tune:284, tune:318-319). */
const ENDPOINT_OF: Record<string, string> = {
  tune_users: 'account/users',
  tune_campaigns: 'advertiser/campaigns',
  tune_sites: 'advertiser/sites',
  tune_publishers: 'advertiser/publishers',
  tune_advertiser: 'advertiser',
  tune_advertisers: 'advertiser',
  tune_countries: 'countries',
};
const PARTITION_COLUMNS = new Set(['dt', 'source', '__dt']);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dailyRun(options: TuneOptions, from = FROM, to = TO) {
  const server = await startTune(options);
  const ws = workspace();
  cleanups.push(server.close, ws.cleanup);
  const result = await runCli(
    ws.dir,
    { name: SOURCE, connector: 'tune', baseUrl: server.origin, ...faultLimits(options.faults) },
    ENV,
    from,
    to,
  );
  return { server, result };
}

describe('TUNE against a document-faithful server', () => {
  for (const unicode of ['escaped', 'utf8'] as const) {
    it(`stores every entity row with every field the server has (non-ASCII ${unicode === 'escaped' ? 'as \\uXXXX, PHP default' : 'as UTF-8, JSON_UNESCAPED_UNICODE'})`, async () => {
      const { server, result } = await dailyRun({ unicode });
      expect(result.stderr).not.toContain('failed');
      expect(result.code).toBe(0);
      const tables = readdirSync(result.out).filter((t) => t.startsWith('tune_'));
      // The default entities (docs/connectors.md; issue 10 asks for advertiser and countries too).
      for (const table of ['tune_users', 'tune_campaigns', 'tune_sites', 'tune_advertiser', 'tune_countries'])
        expect(tables).toContain(table);
      await compareTables(server, result.out, tables);
    });
  }

  it('stores every entity row when its first requests fail, each once: 500, 503, 429, a body cut short, a hang, a rate-limit refusal', async () => {
    const { server, result } = await dailyRun({ faults: { every: 1, paths: /^\/v2\// } });
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    expect(server.faultsInjected()).toBe(6);
    const tables = readdirSync(result.out).filter((t) => t.startsWith('tune_'));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    await compareTables(server, result.out, tables);
  });

  it('stores publishers too when the source lists them (tune:121, tune:126)', async () => {
    const server = await startTune({});
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const reports = ['users', 'campaigns', 'sites', 'publishers', 'advertiser', 'countries'];
    const result = await runCli(
      ws.dir,
      { name: SOURCE, connector: 'tune', baseUrl: server.origin, reports },
      ENV,
      FROM,
      TO,
    );
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const tables = readdirSync(result.out).filter((t) => t.startsWith('tune_'));
    expect(tables.sort()).toEqual(reports.map((r) => `tune_${r}`).sort());
    await compareTables(server, result.out, tables);
  });

  // tune:145-146: no maximum for `limit`; find.json carries no total (tune:231-252). Both
  // settings of options.pageEnd against a server that serves any limit and one capping it at 100.
  describe('where an entity ends (options.pageEnd), against a server that honours or caps limit', () => {
    const CAP = 100;
    const filesUnder = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => entry.name);
    async function run(pageEnd: 'count' | 'short-page', limitCap?: number) {
      const server = await startTune(limitCap === undefined ? {} : { limitCap });
      const ws = workspace();
      cleanups.push(server.close, ws.cleanup);
      const source = { name: SOURCE, connector: 'tune', baseUrl: server.origin, options: { pageEnd } };
      const result = await runCli(ws.dir, source, ENV, FROM, TO);
      const counts = server.requests.filter((r) => r.path.endsWith('/count.json'));
      return { server, result, counts };
    }

    it('count (default) against a capping server: every entity past the cap fails COUNT_MISMATCH, unwritten', async () => {
      const { result } = await run('count', CAP);
      expect(result.code).not.toBe(0);
      for (const [table, rows] of [
        ['users', 240],
        ['campaigns', 300],
        ['sites', 200],
        ['countries', 250],
      ] as const) {
        expect(result.stderr).toMatch(new RegExp(`${table}.*announced ${rows} rows but its pages held`));
        expect(filesUnder(join(result.out, `tune_${table}`)), table).toEqual([]);
      }
      expect(filesUnder(join(result.out, 'tune_advertiser'))).toHaveLength(1);
    });

    it('short-page against a server that serves any limit: every row, no count.json', async () => {
      const { server, result, counts } = await run('short-page');
      expect(result.stderr).not.toContain('failed');
      expect(result.code).toBe(0);
      expect(counts).toEqual([]);
      const tables = readdirSync(result.out).filter((t) => t.startsWith('tune_'));
      expect(tables).toHaveLength(5);
      await compareTables(server, result.out, tables);
    });

    it('short-page against a capping server: each entity past the cap is written with its first 100 rows only (the documented risk)', async () => {
      const { server, result } = await run('short-page', CAP);
      expect(result.code).toBe(0);
      const users = await readTable(result.out, 'tune_users', SOURCE);
      expect(users).toHaveLength(CAP);
      expect(server.endpoints.find((e) => e.path === 'account/users')!.rows).toHaveLength(240);
    });
  });

  async function compareTables(
    server: Awaited<ReturnType<typeof startTune>>,
    out: string,
    tables: string[],
    allFields = false,
  ) {
    for (const table of tables) {
      const endpoint = server.endpoints.find((e) => e.path === ENDPOINT_OF[table]);
      expect(endpoint, `no endpoint for ${table}`).toBeDefined();
      const lake = await readTable(out, table, SOURCE);
      // Every field the endpoint serves that the product stores is stored under its own name,
      // value for value; for users, whose record the document prints (tune:236-250), every one.
      const stored = Object.keys(lake[0] ?? {});
      const fields =
        table === 'tune_users' || allFields
          ? endpoint!.fields
          : endpoint!.fields.filter((f) => stored.includes(f));
      expect(fields, table).toContain('id');
      const columns = Object.fromEntries(fields.map((f) => [f, f]));
      expect(
        diffRows(endpoint!.rows, lake, (r) => String(r.id), columns),
        table,
      ).toEqual([]);
      // ... and a column the product asked for that this endpoint does not have (tune:45-47:
      // "Report exported will be missing column") is null, never invented.
      const extra = Object.keys(lake[0]!).filter(
        (c) => !PARTITION_COLUMNS.has(c) && !endpoint!.fields.includes(c),
      );
      for (const row of lake)
        for (const column of extra) expect(row[column], `${table}.${column}`).toBeNull();
      // A snapshot: one partition per run.
      expect(new Set(lake.map((r) => r.__dt)).size).toBe(1);
    }
    // The key goes only in the query string it is documented in (tune:324), to this origin.
    expect(server.requests.every((r) => r.query.get('api_key') === TUNE_API_KEY)).toBe(true);
  }

  it('stores every field the server has when the source chooses them (docs/connectors.md options.fields)', async () => {
    const server = await startTune({});
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const reports = ['users', 'campaigns', 'sites', 'publishers', 'advertiser', 'countries'];
    const fields = Object.fromEntries(
      reports.map((r) => [r, server.endpoints.find((e) => e.path === ENDPOINT_OF[`tune_${r}`])!.fields]),
    );
    const result = await runCli(
      ws.dir,
      { name: SOURCE, connector: 'tune', baseUrl: server.origin, reports, options: { fields } },
      ENV,
      FROM,
      TO,
    );
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    await compareTables(
      server,
      result.out,
      reports.map((r) => `tune_${r}`),
      true,
    );
  });

  it("stores the document's literal /account/users/find.json example (tune:231-252, 327 bytes as served)", async () => {
    const example = {
      status_code: 200,
      response_size: '327',
      data: [
        {
          country_id: 840,
          region_id: 48,
          id: 1587,
          type: 'company',
          name: 'HasOffers Demo Account',
          address1: '2220 Western Ave.',
          address2: '',
          city: 'Seattle',
          zipcode: '98121',
          phone: '206-508-11318',
          website: 'http://www.hasoffers.com',
          verified_phone: false,
          status: 'active',
        },
      ],
    };
    // Compact, PHP-style "\/" (tune:247): exactly the 327 bytes the example declares (tune:234).
    const body = phpJson(example);
    expect(Buffer.byteLength(body)).toBe(327);
    const fields = Object.keys(example.data[0]!);
    const { result } = await dailyRun({
      endpoints: [{ path: 'account/users', fields, rows: example.data }],
      literal: { path: '/v2/account/users/find.json', body },
    });
    // Only the users table has an endpoint here; its partition must be written.
    expect(result.stderr).not.toMatch(/tune_users\s+\S+\s+failed/);
    const lake = await readTable(result.out, 'tune_users', SOURCE);
    expect(
      diffRows(example.data, lake, (r) => String(r.id), Object.fromEntries(fields.map((f) => [f, f]))),
    ).toEqual([]);
  });
});
