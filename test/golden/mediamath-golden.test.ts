import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { mediamath } from '../../functions/connectors/mediamath.js';
import { readPartition } from '../support/lake.js';
import { partitionFile, runGolden } from './golden-run.js';
import { type GoldenServer, startGoldenServer } from './golden-server.js';
import { MEDIAMATH_ERROR, MEDIAMATH_PAGINATED, MEDIAMATH_STREAMING_LINES } from './vendor-examples.js';

const TOKEN = '{"access_token":"golden.jwt.token","token_type":"Bearer","expires_in":86400}';
/** The examples' request: fields campaign_id and impressions, organization 123456. */
const OPTIONS = { organizationId: 123456, fields: ['campaign_id', 'impressions'] };
const DATE = '2023-07-27';
const STORED = [1, 2, 3].map((id, i) => ({
  agg_timestamp: '2023-07-27T12:00:00.000Z',
  campaign_id: id,
  impressions: [93283, 474, 45775][i],
}));

let server: GoldenServer | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await server?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function run(body: string, options: Record<string, unknown>, status = 200) {
  server = await startGoldenServer({
    '/oauth/token': { body: TOKEN },
    '/reporting/v2/performance': { body, status, contentType: 'application/json' },
  });
  const result = await runGolden(
    server,
    {
      name: 'mm_golden',
      connector: 'mediamath',
      reports: ['performance_by_hour'],
      options: { ...OPTIONS, ...options },
    },
    [DATE],
  );
  cleanups.push(result.cleanup);
  return result;
}

async function stored(result: Awaited<ReturnType<typeof run>>) {
  const report = mediamath.configure!(OPTIONS).performance_by_hour!;
  return readPartition(partitionFile(result, report.table, 'mm_golden', DATE), report.schema);
}

describe('MediaMath golden: the document examples served as the vendor serves them', () => {
  it('paginated response: parses, validates, counts and stores the three rows exactly', async () => {
    const result = await run(MEDIAMATH_PAGINATED, { mode: 'paginated' });
    expect(result.results[0]).toMatchObject({ status: 'written', rows: 3 });
    expect(result.results[0]!.fields).toBeUndefined();
    expect(await stored(result)).toEqual(STORED);
    const sent = JSON.parse(server!.requests.find((r) => r.url.pathname.endsWith('/performance'))!.body);
    expect(sent).toMatchObject({ fields: ['campaign_id', 'impressions'], rollup: 'by_hour' });
    expect(sent.pagination).toEqual({ page_size: 1000, page_index: 0 });
  });

  it('streaming response with the count its rows imply: header, rows and the metadata line pass', async () => {
    const lines: string[] = [...MEDIAMATH_STREAMING_LINES];
    lines[0] = lines[0]!.replace('"total_items_count":14', '"total_items_count":3');
    const result = await run(`${lines.join('\n')}\n`, { mode: 'streaming' });
    expect(result.results[0]).toMatchObject({ status: 'written', rows: 3 });
    expect(await stored(result)).toEqual(STORED);
  });

  it('streaming response exactly as printed: its header promises 14 rows and 3 arrive, which the client must refuse', async () => {
    // "The client is responsible for any validation checks such as checking that
    // total_items_count matches the number of records returned."
    // The document defines the count as "the total number of records" (mm:196); a stream has no
    // pages, so 14 cannot be a total across pages: the example is cut short for print, and
    // refused (docs/connectors.md, "The streaming example's count").
    const result = await run(`${MEDIAMATH_STREAMING_LINES.join('\n')}\n`, { mode: 'streaming' });
    expect(result.results[0]).toMatchObject({ status: 'failed', errorCode: 'COUNT_MISMATCH' });
    expect(result.results[0]!.error).toMatch(
      /^mm_golden\/performance_by_hour 2023-07-27: the stream ended after 3 of 14 rows \(gave up after \d+ attempts\)$/,
    );
    expect(existsSync(partitionFile(result, 'mediamath_performance_by_hour', 'mm_golden', DATE))).toBe(false);
  });

  it('error response: "field does not exist" is a configuration error naming field, source and option', async () => {
    const result = await run(MEDIAMATH_ERROR, { mode: 'paginated' }, 400);
    expect(result.results[0]).toMatchObject({ status: 'failed', errorCode: 'CONFIG_INVALID', retries: 0 });
    expect(result.results[0]!.error).toMatch(
      /no field "campaign_id_test".*remove it from options\.fields of source "mm_golden"/,
    );
    expect(server!.requests.filter((r) => r.url.pathname.endsWith('/performance'))).toHaveLength(1);
  });
});
