/**
 * MediaMath against a server written only from ../shared/vendor-docs/mediamath-reporting-api-v2.txt
 * (test/independent/servers/mediamath.ts): a daily run of three dates, by_day and by_hour, paginated
 * and streaming, through the real CLI; the lake read back with DuckDB and compared row by row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, faultLimits, plain, readTable, runCli, workspace } from './harness.js';
import {
  type MediamathOptions,
  MM_CLIENT_ID,
  MM_CLIENT_SECRET,
  MM_FIELDS,
  MM_ORGANIZATION,
  type MmRow,
  startMediamath,
} from './servers/mediamath.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';
/** The server has data on the days around the run too, so a query that reaches past its day shows. */
const DATA_DATES = ['2024-04-30', '2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'];
const SOURCE = 'indep_mm';
const ENV = { RF_INDEP_MM_CLIENT_ID: MM_CLIENT_ID, RF_INDEP_MM_CLIENT_SECRET: MM_CLIENT_SECRET };
const TABLES = { by_day: 'mediamath_performance_by_day', by_hour: 'mediamath_performance_by_hour' } as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dailyRun(
  serverOptions: Omit<MediamathOptions, 'dates'>,
  sourceOptions: Record<string, unknown>,
  from = FROM,
  to = TO,
  dates = DATA_DATES,
) {
  const server = await startMediamath({ dates, ...serverOptions });
  const ws = workspace();
  cleanups.push(server.close, ws.cleanup);
  const result = await runCli(
    ws.dir,
    {
      name: SOURCE,
      connector: 'mediamath',
      baseUrl: server.origin,
      authUrl: server.origin,
      options: { organizationId: MM_ORGANIZATION, ...sourceOptions },
      ...faultLimits(serverOptions.faults),
    },
    ENV,
    from,
    to,
  );
  return { server, result };
}

/** The server's rows of the configured organization whose agg_timestamp falls on the run's dates. */
function expected(rows: MmRow[], dates: string[], fields: readonly string[]) {
  return rows
    .filter(
      (r) => r.organization_id === MM_ORGANIZATION && dates.includes(String(r.agg_timestamp).slice(0, 10)),
    )
    .map((r) => ({
      ...Object.fromEntries(fields.map((f) => [f, r[f]])),
      agg_timestamp: plain(new Date(String(r.agg_timestamp))),
    }));
}

const key = (r: Record<string, unknown>) => `${r.campaign_id}|${JSON.stringify(plain(r.agg_timestamp))}`;

async function compare(
  server: Awaited<ReturnType<typeof startMediamath>>,
  out: string,
  fields: readonly string[] = MM_FIELDS,
) {
  for (const [rollup, table] of Object.entries(TABLES)) {
    const want = expected(
      rollup === 'by_day' ? server.daily : server.hourly,
      ['2024-05-01', '2024-05-02', '2024-05-03'],
      fields,
    );
    expect(want.length).toBeGreaterThan(rollup === 'by_day' ? 100 : 1000);
    const lake = await readTable(out, table, SOURCE);
    const columns = Object.fromEntries([...fields, 'agg_timestamp'].map((f) => [f, f]));
    expect(diffRows(want, lake, key, columns), table).toEqual([]);
    for (const row of lake)
      expect((row.agg_timestamp as Date).toISOString().slice(0, 10), table).toBe(row.__dt);
  }
}

describe('MediaMath against a document-faithful server', () => {
  const variants: [string, Omit<MediamathOptions, 'dates'>, Record<string, unknown>][] = [
    ['paginated (mm:165-176), end_time exclusive', {}, { mode: 'paginated' }],
    ['streaming NDJSON (mm:178-219) with metadata lines', {}, { mode: 'streaming' }],
    ['streaming, total_items_count -1 (mm:196)', { streamTotal: 'unknown' }, { mode: 'streaming' }],
    [
      'a stream that ends with an error line once (mm:208-210)',
      { streamFailsOnceAfter: 40 },
      { mode: 'streaming' },
    ],
    [
      'paginated by_day, streaming by_hour (README example)',
      {},
      { mode: 'paginated', modes: { performance_by_hour: 'streaming' } },
    ],
    [
      'paginated, every third data request fails: 500, 503, 429, a body cut short, a hang, a rate-limit refusal',
      { faults: { every: 3, paths: /^\/reporting\// } },
      { mode: 'paginated', pageSize: 100 },
    ],
    [
      'streaming, the first data requests fail, each once: 500, 503, 429, a body cut short, a hang, a rate-limit refusal',
      { faults: { every: 1, paths: /^\/reporting\// } },
      { mode: 'streaming' },
    ],
    [
      'the JWT stops being accepted mid-run (mm:17 gives no lifetime; 401 as mm:369)',
      { expireAfterRequests: 4 },
      { mode: 'paginated', pageSize: 100 },
    ],
    [
      'agg_timestamp refused in fields (mm:37 silent)',
      { aggTimestampInFields: 'reject' },
      { mode: 'paginated' },
    ],
  ];
  for (const [name, serverOptions, sourceOptions] of variants)
    dailyRunCase(it, name, serverOptions, sourceOptions);

  // mm:96-98 gives end_time without saying whether it is included. The product asks for day D with
  // start_time D T00:00:00Z and end_time (D+1)T00:00:00Z; a server that includes end_time also
  // returns the by_day row of D+1 and the by_hour row of (D+1)T00:00. Those rows are left out of
  // D's partition and counted (docs/connectors.md, MediaMath end_time), so each partition holds
  // exactly its day under both readings, and the vendor's totals still reconcile.
  for (const mode of ['paginated', 'streaming'])
    dailyRunCase(it, `end_time inclusive (mm:96-98 silent), ${mode}`, { endTime: 'inclusive' }, { mode });

  it('reports the next-day rows an inclusive end_time returns, once per partition', async () => {
    const { result } = await dailyRun({ endTime: 'inclusive' }, { mode: 'paginated' });
    expect(result.code).toBe(0);
    const notes = result.stderr.split('\n').filter((line) => line.includes("past the partition's day"));
    // Three dates, two tables: one note each, naming agg_timestamp.
    expect(notes).toHaveLength(6);
    for (const note of notes) expect(note).toMatch(/left out: "agg_timestamp" \(\d+ rows\)/);
  });

  // options.endTime lets a user who knows the vendor's reading say so.
  for (const reading of ['exclusive', 'inclusive'] as const)
    dailyRunCase(
      it,
      `options.endTime "inclusive" against a server reading end_time as ${reading}`,
      { endTime: reading },
      { mode: 'paginated', endTime: 'inclusive' },
    );

  it('options.endTime "exclusive" fails, naming the row and the day, when the server includes end_time', async () => {
    const { result } = await dailyRun({ endTime: 'inclusive' }, { mode: 'streaming', endTime: 'exclusive' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /a row for 2024-05-02T00:00:00\.000Z arrived in the request for 2024-05-01, whose day in UTC is \[2024-05-01T00:00:00Z, 2024-05-02T00:00:00Z\) \(column "agg_timestamp"\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    for (const table of Object.values(TABLES)) expect(await readTable(result.out, table, SOURCE)).toEqual([]);
  });

  function dailyRunCase(
    test: typeof it | typeof it.fails,
    name: string,
    serverOptions: Omit<MediamathOptions, 'dates'>,
    sourceOptions: Record<string, unknown>,
  ) {
    test(`stores every row and documented field of three dates, by_day and by_hour: ${name}`, async () => {
      const { server, result } = await dailyRun(serverOptions, sourceOptions);
      expect(result.stderr).not.toContain('failed');
      expect(result.code).toBe(0);
      await compare(server, result.out);
      // One JWT for the run; a second only when the first stopped being accepted.
      expect(server.tokensIssued()).toBe(serverOptions.expireAfterRequests ? 2 : 1);
      if (serverOptions.faults) expect(server.faultsInjected()).toBe(6);
    });
  }

  it('stores the fields a source chooses in its config (docs/connectors.md options.fields)', async () => {
    const fields = ['campaign_id', 'impressions'];
    const { server, result } = await dailyRun({}, { mode: 'paginated', fields });
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    await compare(server, result.out, fields);
    // Only the chosen fields were asked for (mm:69-73).
    const asked = server.requests
      .filter((r) => r.path === '/reporting/v2/performance')
      .map((r) => JSON.parse(r.body).fields);
    for (const f of asked) expect(f.filter((x: string) => x !== 'agg_timestamp')).toEqual(fields);
  });

  const literalRun = (literal: MediamathOptions['literal'], mode: 'paginated' | 'streaming') =>
    startAndRunOne(literal, mode);
  async function startAndRunOne(literal: MediamathOptions['literal'], mode: 'paginated' | 'streaming') {
    const server = await startMediamath({ dates: ['2023-07-27'], literal });
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const result = await runCli(
      ws.dir,
      {
        name: SOURCE,
        connector: 'mediamath',
        baseUrl: server.origin,
        authUrl: server.origin,
        reports: ['performance_by_hour'],
        options: { organizationId: MM_ORGANIZATION, fields: ['campaign_id', 'impressions'], mode },
      },
      ENV,
      '2023-07-27',
      '2023-07-27',
    );
    return { server, result };
  }
  const EXAMPLE_ROWS = [
    { campaign_id: 1, impressions: 93283, agg_timestamp: '2023-07-27T12:00:00.000Z' },
    { campaign_id: 2, impressions: 474, agg_timestamp: '2023-07-27T12:00:00.000Z' },
    { campaign_id: 3, impressions: 45775, agg_timestamp: '2023-07-27T12:00:00.000Z' },
  ];
  const exampleColumns = {
    campaign_id: 'campaign_id',
    impressions: 'impressions',
    agg_timestamp: 'agg_timestamp',
  };
  // mm:265-290 as served: "The actual responses won't have indentation" (mm:149), so one line.
  const paginatedExample =
    '{"meta":{"page_index":0,"total_pages":1,"items_count":3,"total_items_count":3,"status":"OK"},"results":[{"campaign_id":1,"impressions":93283,"agg_timestamp":"2023-07-27T12:00:00Z"},{"campaign_id":2,"impressions":474,"agg_timestamp":"2023-07-27T12:00:00Z"},{"campaign_id":3,"impressions":45775,"agg_timestamp":"2023-07-27T12:00:00Z"}]}';
  // mm:332-363 as served: "a single line per object" (mm:330).
  const streamingExample = (total: number) =>
    [
      `{"fields":[{"name":"agg_timestamp"},{"name":"campaign_id"},{"name":"impressions"}],"total_items_count":${total}}`,
      '{"campaign_id":1,"impressions":93283,"agg_timestamp":"2023-07-27T12:00:00Z"}',
      '{"campaign_id":2,"impressions":474,"agg_timestamp":"2023-07-27T12:00:00Z"}',
      '{"meta":{}}',
      '{"campaign_id":3,"impressions":45775,"agg_timestamp":"2023-07-27T12:00:00Z"}',
    ].join('\n');

  it("stores the document's paginated example (mm:265-290)", async () => {
    const { result } = await literalRun({ paginated: paginatedExample }, 'paginated');
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const lake = await readTable(result.out, TABLES.by_hour, SOURCE);
    expect(diffRows(EXAMPLE_ROWS, lake, key, exampleColumns)).toEqual([]);
  });

  it("stores the document's streaming example (mm:332-363) once its header counts the rows it carries", async () => {
    const { result } = await literalRun({ streaming: `${streamingExample(3)}\n` }, 'streaming');
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const lake = await readTable(result.out, TABLES.by_hour, SOURCE);
    expect(diffRows(EXAMPLE_ROWS, lake, key, exampleColumns)).toEqual([]);
  });

  it("fails the document's streaming example as printed: total_items_count 14, three rows (mm:182)", async () => {
    // mm:182: "The client is responsible for any validation checks such as checking that
    // total_items_count matches the number of records returned." The example says 14 and carries 3.
    const { result } = await literalRun({ streaming: streamingExample(14) }, 'streaming');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/14/);
    // One clear line for the partition, no stack trace (docs/connectors.md, "The streaming example's count").
    const failures = result.stderr.split('\n').filter((line) => line.includes(': failed: '));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /indep_mm\/performance_by_hour 2023-07-27: the stream ended after 3 of 14 rows/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readTable(result.out, TABLES.by_hour, SOURCE)).toEqual([]);
  });
});
