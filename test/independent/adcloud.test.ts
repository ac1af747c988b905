/**
 * Adcloud against a server written only from ../shared/vendor-docs/adcloud-reports-api.txt
 * (test/independent/servers/adcloud.ts): a daily run of three dates through the real CLI, the lake
 * read back with DuckDB and compared row by row, column by column.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeTable, diffRows, faultLimits, readTable, runCli, workspace } from './harness.js';
import {
  ADCLOUD_CLIENT_ID,
  ADCLOUD_CLIENT_SECRET,
  ADCLOUD_FIELDS,
  type AdcloudRow,
  adcloudRows,
  startAdcloud,
} from './servers/adcloud.js';
import { datesBetween } from './servers/common.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';
const SOURCE = 'indep_adcloud';
const ENV = {
  RF_INDEP_ADCLOUD_CLIENT_ID: ADCLOUD_CLIENT_ID,
  RF_INDEP_ADCLOUD_CLIENT_SECRET: ADCLOUD_CLIENT_SECRET,
};
/** adcloud:110-117 plus the date: one row per tuple and day. */
const key = (r: Record<string, unknown>) =>
  ['date', 'ad_placement_id', 'topic_id', 'booking_id', 'ad_id', 'ad_count', 'ad_position']
    .map((f) => r[f])
    .join('|');
/** No renames: every documented attribute (adcloud:63-106) is stored under its own name. */
const COLUMNS = Object.fromEntries(ADCLOUD_FIELDS.map(([name]) => [name, name]));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dailyRun(options: Parameters<typeof startAdcloud>[0]) {
  const server = await startAdcloud(options);
  const ws = workspace();
  cleanups.push(server.close, ws.cleanup);
  const result = await runCli(
    ws.dir,
    { name: SOURCE, connector: 'adcloud', baseUrl: server.origin, ...faultLimits(options?.faults) },
    ENV,
    FROM,
    TO,
  );
  return { server, result };
}

describe('Adcloud against a document-faithful server', () => {
  const variants: [string, Parameters<typeof startAdcloud>[0]][] = [
    ['per_page above 200 clamped', { perPageAbove200: 'clamp' }],
    ['per_page above 200 refused with 400', { perPageAbove200: 'reject' }],
    [
      'the first report requests fail, each once: 500, 503, 429, a body cut short, a hang, a rate-limit refusal',
      { faults: { every: 1, paths: /^\/v1\/reports\// } },
    ],
  ];
  for (const [name, options] of variants) {
    it(`stores every row and every documented column of three dates (${name})`, async () => {
      const { server, result } = await dailyRun(options);
      expect(result.stderr).not.toContain('failed');
      expect(result.code).toBe(0);
      const expected = datesBetween(FROM, TO).flatMap((d) => server.rowsFor(d));
      expect(expected.length).toBe(999);
      const lake = await readTable(result.out, 'adcloud_advertiser', SOURCE);
      expect(diffRows(expected, lake, key, COLUMNS)).toEqual([]);
      // Each row sits in the partition of its own report date.
      for (const row of lake) expect((row.date as Date).toISOString().slice(0, 10)).toBe(row.__dt);
      // The document's types (adcloud:65-106): int → BIGINT, float → DOUBLE, date → DATE.
      const types = await describeTable(result.out, 'adcloud_advertiser', SOURCE);
      for (const [name, type] of ADCLOUD_FIELDS)
        expect(types[name]).toBe({ int: 'BIGINT', float: 'DOUBLE', date: 'DATE', varchar: 'VARCHAR' }[type]);
      // One token for the whole run (adcloud:23: tokens last 2 hours).
      expect(server.tokensIssued()).toBe(1);
      if (options?.faults) expect(server.faultsInjected()).toBe(6);
      // The secret went only in the token request's body, never in a URL.
      for (const request of server.requests)
        expect(request.query.toString()).not.toContain(ADCLOUD_CLIENT_SECRET);
    });
  }

  it('re-authenticates when the token expires mid-run (adcloud:23, 401 as adcloud:123) and loses no row', async () => {
    const { server, result } = await dailyRun({ expireAfterRequests: 3 });
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const expected = datesBetween(FROM, TO).flatMap((d) => server.rowsFor(d));
    expect(
      diffRows(expected, await readTable(result.out, 'adcloud_advertiser', SOURCE), key, COLUMNS),
    ).toEqual([]);
    expect(server.tokensIssued()).toBe(2);
  });

  it("serves the document's response example (adcloud:47-58) in its own layout and the run stores its items", async () => {
    // adcloud:47-58 verbatim in layout, key order and spacing; the placeholders are filled in:
    // <report_data_item> with two items, the api.adcloud.com urls with this server's (so nothing
    // leaves loopback), and the collection sized for the two items (the example's own numbers
    // disagree with each other: 11955 rows at 200 per page are 60 pages, not 232).
    const items = (date: string): AdcloudRow[] => adcloudRows(date, 2);
    const literal = (origin: string, date: string) => `{
    "collection" : {
        "first_url" : "${origin}/v1/reports/advertiser?access_token=<ACCESS_TOKEN>&filter%5Bdate%5D=${date}&page=1",
            "last_url" : "${origin}/v1/reports/advertiser?access_token=<ACCESS_TOKEN>&filter%5Bdate%5D=${date}&page=1",
            "next_url" : null,
            "prev_url" : null,
            "per_page" : 200,
            "size" : 2
    },
        "result" : [ ${JSON.stringify(items(date)[0])}, ${JSON.stringify(items(date)[1])} ],
        "status" : 200
}`;
    // One date, so one literal body; the server answers the document's example for that date.
    const date = FROM;
    const probe = await startAdcloud({});
    const origin = probe.origin;
    await probe.close();
    const server = await startAdcloud({ fixedRows: items, literalBody: literal(origin, date) });
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const result = await runCli(
      ws.dir,
      { name: SOURCE, connector: 'adcloud', baseUrl: server.origin },
      ENV,
      date,
      date,
    );
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const lake = await readTable(result.out, 'adcloud_advertiser', SOURCE);
    expect(diffRows(items(date), lake, key, COLUMNS)).toEqual([]);
  });
});
