/**
 * TrackMaster against servers written only from ../shared/vendor-docs/admaster-trackmaster-publisher-api.md
 * and admaster-api-protocol.txt (test/independent/servers/trackmaster.ts): a daily run of three
 * dates through the real CLI, the lake read back with DuckDB and compared row by row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, faultLimits, readTable, runCli, workspace } from './harness.js';
import { datesBetween } from './servers/common.js';
import { startTrackmaster, TM_CREDENTIALS, type TrackmasterOptions } from './servers/trackmaster.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';
const SOURCE = 'indep_tm';
const ENV = Object.fromEntries(
  Object.entries(TM_CREDENTIALS).map(([k, v]) => [`RF_INDEP_TM_${k.toUpperCase()}`, v]),
);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dailyRun(options: TrackmasterOptions, from = FROM, to = TO, center = '2024-05-02') {
  const server = await startTrackmaster(options, center);
  const ws = workspace();
  cleanups.push(server.close, ws.cleanup);
  const mediaIds = [...server.campaigns.keys()];
  const result = await runCli(
    ws.dir,
    // README "authUrl": the OAuth host of tm:25, separate from the API host of tm:61.
    {
      name: SOURCE,
      connector: 'trackmaster',
      baseUrl: server.api.origin,
      authUrl: server.auth.origin,
      options: { mediaIds },
      ...faultLimits(options.faults),
    },
    ENV,
    from,
    to,
  );
  return { server, result };
}

/** What the server holds for the dates: every report row of every campaign of every media. */
function expectedReports(server: Awaited<ReturnType<typeof startTrackmaster>>, dates: string[]) {
  return [...server.campaigns].flatMap(([mediaId, campaigns]) =>
    campaigns.flatMap((c) =>
      server
        .rows(mediaId, c.id)
        .filter((r) => dates.includes(r.time))
        .map((r) => ({ ...r, media_id: mediaId, campaign_id: c.id })),
    ),
  );
}

/**
 * The vendor field `time` (tm:104) is stored by the product as the column `date`. The test follows
 * whichever name the lake has; "the rename is documented" is checked separately below.
 */
function reportColumns(lake: Record<string, unknown>[]) {
  const timeColumn = lake.length > 0 && !('time' in lake[0]!) && 'date' in lake[0]! ? 'date' : 'time';
  return {
    time: timeColumn,
    imp: 'imp',
    uimp: 'uimp',
    clk: 'clk',
    uclk: 'uclk',
    media_id: 'media_id',
    campaign_id: 'campaign_id',
  };
}

const CAMPAIGN_COLUMNS = {
  media_id: 'media_id',
  id: 'id',
  name: 'name',
  start_date: 'start_date',
  end_date: 'end_date',
  created_at: 'created_at',
};
const campaignKey = (r: Record<string, unknown>) => `${r.media_id}|${r.id}`;

describe('TrackMaster against document-faithful servers', () => {
  const variants: [string, TrackmasterOptions][] = [
    ['as the document reads', {}],
    // The variants run on fewer campaigns (one report request per campaign and day) to stay fast.
    ['blank fields as null (proto:22)', { blankFields: true, campaignsPerMedia: 40 }],
    ['a field the documents do not show added to every row', { extraField: 'ctr', campaignsPerMedia: 40 }],
    [
      'token expires mid-run, bad token answered 404 (proto:88)',
      { expireAfterRequests: 60, badTokenStatus: 404, campaignsPerMedia: 40 },
    ],
    [
      'token expires mid-run, bad token answered 401',
      { expireAfterRequests: 60, badTokenStatus: 401, campaignsPerMedia: 40 },
    ],
    [
      'every fifth API request fails: 500, 503, 429, a body cut short, a hang, the 403 rate-limit refusal',
      { faults: { every: 5, paths: /^\/medias\// }, campaignsPerMedia: 40 },
    ],
  ];
  for (const [name, options] of variants) dailyRunCase(it, name, options);

  // proto:98-99 prints the Link header's rel values with typographic quotes, rel=”next”; served
  // byte for byte (UTF-8) they once ended pagination after page 1 while the run reported success.
  dailyRunCase(it, 'Link rel with the typographic quotes printed in proto:98-99', {
    linkQuotes: 'typographic',
    campaignsPerMedia: 160,
  });

  function dailyRunCase(test: typeof it | typeof it.fails, name: string, options: TrackmasterOptions) {
    test(`stores every campaign and every report row of three dates: ${name}`, async () => {
      const { server, result } = await dailyRun(options);
      expect(result.stderr).not.toContain('failed');
      expect(result.code).toBe(0);
      const campaigns = [...server.campaigns].flatMap(([mediaId, list]) =>
        list.map((c) => ({ ...c, media_id: mediaId })),
      );
      const lakeCampaigns = await readTable(result.out, 'trackmaster_campaigns', SOURCE);
      expect(
        diffRows(
          campaigns.map((c) => ({ ...c, created_at: new Date(c.created_at).toISOString() })),
          lakeCampaigns,
          campaignKey,
          CAMPAIGN_COLUMNS,
        ),
      ).toEqual([]);
      const expected = expectedReports(server, datesBetween(FROM, TO));
      expect(expected.length).toBeGreaterThan(100);
      const lake = await readTable(result.out, 'trackmaster_daily_reports', SOURCE);
      const columns = reportColumns(lake);
      const key = (r: Record<string, unknown>) =>
        `${r.media_id}|${r.campaign_id}|${r.time ?? r[columns.time]}`;
      expect(diffRows(expected, lake, key, columns)).toEqual([]);
      for (const row of lake) expect((row[columns.time] as Date).toISOString().slice(0, 10)).toBe(row.__dt);
      if (options.faults) expect(server.api.faultsInjected()).toBe(6);
      if (options.expireAfterRequests !== undefined)
        expect(server.grants().password + server.grants().refresh).toBeGreaterThan(1);
      else expect(server.grants()).toEqual({ password: 1, refresh: 0 });
      // A generous timeout: 160 campaigns a media make a thousand report requests, slow on a loaded CI.
    }, 240_000);
  }

  // tm:71-79 exactly; the report row of tm:102-110 as valid JSON (the document's comments and
  // trailing comma are annotations, not bytes a JSON API sends).
  const exampleCampaign = {
    id: 1,
    name: 'This is a testing campaign',
    start_date: '2012-01-03',
    end_date: '2012-06-23',
    created_at: '2012-09-06T20:39:23Z',
  };
  const exampleRow = { time: '2012-08-01', imp: 23, uimp: 20, clk: 20, uclk: 10 };
  const exampleRun = () =>
    dailyRun(
      { mediaIds: [7], fixed: { campaigns: [exampleCampaign], rows: () => [exampleRow] } },
      '2012-08-01',
      '2012-08-01',
    );

  it("stores the document's literal campaign example (tm:71-79)", async () => {
    const { result } = await exampleRun();
    expect(result.code).toBe(0);
    const lakeCampaigns = await readTable(result.out, 'trackmaster_campaigns', SOURCE);
    expect(
      diffRows(
        [{ ...exampleCampaign, media_id: 7, created_at: '2012-09-06T20:39:23.000Z' }],
        lakeCampaigns,
        campaignKey,
        CAMPAIGN_COLUMNS,
      ),
    ).toEqual([]);
  });

  // The document's two examples belong together (tm:71-79 campaign 1, flight 2012-01-03..2012-06-23;
  // tm:102-110 its report row for 2012-08-01, after end_date): a campaign's dates do not bound its
  // report rows, so every campaign is asked by default.
  it("stores the document's literal report row (tm:102-110), dated after its campaign's end_date", async () => {
    const { server, result } = await exampleRun();
    expect(result.code).toBe(0);
    expect(server.api.requests.some((r) => r.path === '/medias/7/campaigns/1/daily_reports')).toBe(true);
    const lake = await readTable(result.out, 'trackmaster_daily_reports', SOURCE);
    const columns = reportColumns(lake);
    expect(
      diffRows(
        [{ ...exampleRow, media_id: 7, campaign_id: 1 }],
        lake,
        (r) => `${r.media_id}|${r.campaign_id}|${r.time ?? r[columns.time]}`,
        columns,
      ),
    ).toEqual([]);
  });
});
