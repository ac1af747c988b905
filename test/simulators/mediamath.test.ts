import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from './base/clock.js';
import { ndjsonLines, postJson, request } from './http-test-client.js';
import type { MediaMathRow, MediaMathSimulator } from './index.js';
import { MEDIAMATH_PERFORMANCE_FIELDS, startMediaMath } from './index.js';

const DATE = '2024-03-01';
let sim: MediaMathSimulator;
afterEach(() => sim?.close());

async function jwt(overrides: Record<string, string> = {}): Promise<string> {
  const response = await postJson<{ access_token: string }>(`${sim.url}/oauth/token`, {
    grant_type: 'client_credentials',
    ...sim.credentials,
    ...overrides,
  });
  return response.body.access_token;
}

function query(overrides: Record<string, unknown> = {}) {
  return {
    fields: ['strategy_id', 'exchange_name', 'impressions', 'video_start'],
    filters: [{ field: 'organization_id', op: '=', value: sim.organizationId }],
    rollup: 'by_day',
    start_time: `${DATE}T00:00:00Z`,
    end_time: '2024-03-02T00:00:00Z',
    ...overrides,
  };
}

async function performance(token: string, body: unknown) {
  return postJson(`${sim.url}/reporting/v2/performance`, body, { authorization: `Bearer ${token}` });
}

const project = (row: MediaMathRow, fields: string[]) =>
  Object.fromEntries([...fields, 'agg_timestamp'].map((name) => [name, row[name]]));

describe('MediaMath Reporting API v2 simulator', () => {
  it('issues HS256 JWTs and rejects wrong audiences and bad tokens in the documented shapes', async () => {
    sim = await startMediaMath({ tokenTtlSeconds: 600 });
    const token = await jwt();
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ aud: sim.credentials.audience });
    expect(Number(payload?.exp) - Number(payload?.iat)).toBe(600);

    const denied = await postJson(`${sim.url}/oauth/token`, {
      grant_type: 'client_credentials',
      ...sim.credentials,
      audience: 'https://elsewhere/',
    });
    expect(denied).toMatchObject({
      status: 401,
      body: { error: 'access_denied', error_description: 'Unauthorized' },
    });

    sim.expireTokens();
    const expired = await performance(token, query());
    expect(expired).toMatchObject({
      status: 401,
      body: { error_code: 'Unauthorized', message: 'invalid or expired token' },
    });
    expect((expired.body as { request_id: string }).request_id).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('paginates in natural order and matches the truth', async () => {
    sim = await startMediaMath({ rowsPerDay: 250 });
    const token = await jwt();
    const results: unknown[] = [];
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await performance(token, query({ pagination: { page_size: 100, page_index: pageIndex } }));
      const body = page.body as {
        meta: { total_pages: number; total_items_count: number };
        results: unknown[];
      };
      expect(body.meta).toMatchObject({
        page_index: pageIndex,
        total_pages: 3,
        total_items_count: 250,
        status: 'OK',
      });
      results.push(...body.results);
      if (pageIndex + 1 === body.meta.total_pages) break;
    }
    const fields = query().fields;
    expect(results).toEqual([...sim.rows(DATE, 'by_day')].map((row) => project(row, fields)));
  });

  it('streams NDJSON: header, rows, interspersed meta lines; by_hour spreads the day over 24 hours', async () => {
    sim = await startMediaMath({ rowsPerDay: 2_500 });
    const token = await jwt();
    const fields = MEDIAMATH_PERFORMANCE_FIELDS.map((field) => field.name);
    const response = await performance(token, query({ fields, rollup: 'by_hour' }));
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const [header, ...lines] = ndjsonLines(response.body as string) as Array<Record<string, unknown>>;
    expect(header).toEqual({
      fields: [{ name: 'agg_timestamp' }, ...fields.map((name) => ({ name }))],
      total_items_count: 2_500,
    });
    const rows = lines.filter((line) => !('meta' in line));
    expect(lines.length - rows.length).toBe(3); // after row 2, 1000 and 2000
    expect(rows).toEqual([...sim.rows(DATE, 'by_hour')]);
    expect(new Set(rows.map((row) => row.agg_timestamp)).size).toBe(24);
    expect(
      rows.filter((row) => row.strategy_type === 'DISPLAY').every((row) => row.video_start === null),
    ).toBe(true);

    sim.setUnknownTotal(true);
    const unknown = await performance(token, query());
    expect(ndjsonLines(unknown.body as string)[0]).toMatchObject({ total_items_count: -1 });
  });

  it('validates fields and the organization filter', async () => {
    sim = await startMediaMath();
    const token = await jwt();
    const unknownField = await performance(token, query({ fields: ['campaign_id_test'] }));
    expect(unknownField).toMatchObject({
      status: 400,
      body: { error_code: 'BadRequest', message: 'field does not exist in this dataset: campaign_id_test' },
    });
    expect((await performance(token, query({ filters: [] }))).status).toBe(400);
    expect(
      (await performance(token, query({ filters: [{ field: 'organization_id', value: 1 }] }))).status,
    ).toBe(400);
    const bothTimes = await performance(
      token,
      query({ time_window: 'yesterday', pagination: { page_size: 1, page_index: 0 } }),
    );
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((bothTimes.body as { results: MediaMathRow[] }).results[0]?.agg_timestamp).toBe(
      `${yesterday}T00:00:00Z`,
    );
  });

  it('stream faults: an error line with HTTP 200, or a cut mid-line', async () => {
    sim = await startMediaMath({
      rowsPerDay: 40,
      faults: {
        scripted: [
          { nth: 1, fault: { kind: 'stream-error' } },
          { nth: 2, fault: { kind: 'stream-cut' } },
        ],
      },
    });
    const token = await jwt();
    const errored = await performance(token, query());
    expect(errored.status).toBe(200);
    const lines = ndjsonLines(errored.body as string) as Array<Record<string, unknown>>;
    expect(lines.at(-1)).toMatchObject({ error_code: 'InternalError', message: 'stream aborted' });
    expect(lines.filter((line) => 'strategy_id' in line)).toHaveLength(20);
    await expect(performance(token, query())).rejects.toThrow();
    expect(sim.stats.faultsInjected).toBe(2);
  });

  /** 240 rows a day: 10 an hour. At 16:30 sixteen hours have ended and half of the 17th has passed. */
  it.each([
    { runningDay: undefined, served: 160 },
    { runningDay: 'ended-hours', served: 160 },
    { runningDay: 'so-far', served: 165 },
  ] as const)(
    'with a clock, a day not yet ended serves what has happened (runningDay $runningDay: $served of 240 rows), the whole day once it has ended',
    async ({ runningDay, served }) => {
      const clock = new ManualClock(Date.parse(`${DATE}T16:30:00Z`));
      sim = await startMediaMath({ clock, rowsPerDay: 240, ...(runningDay ? { runningDay } : {}) });
      const token = await jwt();
      const fields = query().fields;
      const rowsOf = async (overrides: Record<string, unknown>) => {
        const response = await performance(token, query(overrides));
        const [, ...lines] = ndjsonLines(response.body as string) as Array<Record<string, unknown>>;
        return lines.filter((line) => !('meta' in line));
      };
      const day = [...sim.rows(DATE, 'by_day')].map((row) => project(row, fields));
      const hours = [...sim.rows(DATE, 'by_hour')].map((row) => project(row, fields));

      expect(await rowsOf({})).toEqual(day.slice(0, served));
      expect(await rowsOf({ rollup: 'by_hour' })).toEqual(hours.slice(0, served));
      // current_date (mm:43; it wins over start_time, mm:101) is the same running day; the next day has not begun.
      expect(await rowsOf({ time_window: 'current_date' })).toEqual(day.slice(0, served));
      expect(await rowsOf({ start_time: '2024-03-02T00:00:00Z', end_time: '2024-03-03T00:00:00Z' })).toEqual(
        [],
      );

      clock.advance(7.5 * 3_600_000); // midnight: the day has ended
      expect(await rowsOf({})).toEqual(day);
      expect(day).toHaveLength(240);
    },
  );

  it('closes while a request hangs: the shutdown, not the hang’s time, ends it', async () => {
    // The hang waits on a clock nobody moves: only close() can end the request (else the test times out).
    const clock = new ManualClock();
    sim = await startMediaMath({
      clock,
      faults: { scripted: [{ nth: 1, fault: { kind: 'hang', ms: 60_000 } }] },
    });
    const token = await jwt();
    const hung = request(`${sim.url}/reporting/v2/performance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(query()),
    });
    await clock.nextTimer(); // the request is parked in its hang
    await sim.close();
    await expect(hung).rejects.toThrow();
  });
});
