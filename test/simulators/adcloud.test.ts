import { afterEach, describe, expect, it } from 'vitest';
import { request } from './http-test-client.js';
import type { AdcloudSimulator } from './index.js';
import { ADCLOUD_GROUPING_KEY, ADCLOUD_REPORT_FIELDS, startAdcloud } from './index.js';

interface ReportPage {
  collection: {
    first_url: string;
    last_url: string;
    next_url: string | null;
    prev_url: string | null;
    per_page: number;
    size: number;
  };
  result: Array<Record<string, unknown>>;
  status: number;
}

const DATE = '2024-03-01';
let sim: AdcloudSimulator;
afterEach(() => sim?.close());

async function accessToken(credentials = sim.credentials): Promise<string> {
  const response = await request<{ access_token: string }>(`${sim.url}/v1/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ ...credentials, grant_type: 'none' }),
  });
  return response.body.access_token;
}

const reportUrl = (query: string): string => `${sim.url}/v1/reports/advertiser?${query}`;

describe('Adcloud simulator', () => {
  it('grants a token without expires_in and serves every row of a date over pages', async () => {
    sim = await startAdcloud({ rowsPerDate: 450 });
    const grant = await request(`${sim.url}/v1/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ ...sim.credentials, grant_type: 'none' }),
    });
    expect(Object.keys(grant.body as object).sort()).toEqual(['access_token', 'scope']);
    const token = (grant.body as { access_token: string }).access_token;

    const rows: Array<Record<string, unknown>> = [];
    for (let page = 1; ; page++) {
      const response = await request<ReportPage>(
        reportUrl(`filter[date]=${DATE}&page=${page}&per_page=200`),
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(response.status).toBe(200);
      rows.push(...response.body.result);
      if (response.body.collection.next_url === null) break;
    }
    expect(rows).toEqual(sim.rowsFor(DATE));
    expect(rows).toHaveLength(450);
    const first = rows[0] ?? {};
    expect(Object.keys(first)).toEqual(ADCLOUD_REPORT_FIELDS.map(([name]) => name));
    const keys = new Set(rows.map((row) => ADCLOUD_GROUPING_KEY.map((name) => row[name]).join('|')));
    expect(keys.size).toBe(rows.length);
  });

  it('embeds the token in navigation URLs and drops per_page from them', async () => {
    sim = await startAdcloud({ rowsPerDate: 120 });
    const token = await accessToken();
    const page = await request<ReportPage>(
      reportUrl(`access_token=${token}&filter[date]=${DATE}&per_page=100`),
    );
    const { collection } = page.body;
    expect(collection).toMatchObject({ per_page: 100, size: 120, prev_url: null });
    expect(collection.next_url).toBe(
      `${sim.url}/v1/reports/advertiser?access_token=${token}&filter%5Bdate%5D=${DATE}&page=2`,
    );
    const followed = await request<ReportPage>(collection.next_url ?? '');
    expect(followed.body.collection.per_page).toBe(50); // the silent fallback a naive client falls into
    expect(sim.stats.requestLog.at(-1)?.query.access_token).toBe('[redacted]');
  });

  it('answers auth and parameter errors in the documented shape', async () => {
    sim = await startAdcloud();
    const denied = await request(`${sim.url}/v1/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: sim.credentials.client_id ?? '',
        client_secret: 'wrong',
        grant_type: 'none',
      }),
    });
    expect(denied).toMatchObject({
      status: 401,
      body: { status: 401, message: 'invalid client credentials' },
    });

    const token = await accessToken();
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await request(reportUrl('page=1'), auth)).status).toBe(400);
    expect((await request(reportUrl(`filter[date]=${DATE}&per_page=201`), auth)).status).toBe(400);

    sim.expireTokens();
    const expired = await request(reportUrl(`filter[date]=${DATE}`), auth);
    expect(expired).toMatchObject({
      status: 401,
      body: { status: 401, message: 'access token invalid or expired' },
    });
    expect(sim.stats.authFailures).toBe(2);
    expect(sim.issuedSecrets()).toEqual([sim.credentials.client_secret, token]);
  });

  it('injects scripted faults once, on the nth data request', async () => {
    sim = await startAdcloud({
      faults: { scripted: [{ nth: 2, fault: { kind: 'status', status: 503, retryAfter: '0' } }] },
    });
    const token = await accessToken();
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect((await request(reportUrl(`filter[date]=${DATE}`), auth)).status).toBe(200);
    const failed = await request(reportUrl(`filter[date]=${DATE}`), auth);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('0');
    expect((await request(reportUrl(`filter[date]=${DATE}`), auth)).status).toBe(200);

    sim.setFaults({ scripted: [{ nth: 1, fault: { kind: 'truncate' } }] });
    await expect(request(reportUrl(`filter[date]=${DATE}`), auth)).rejects.toThrow();
    expect(sim.stats.faultsInjected).toBe(2);
    expect(sim.stats.dataRequests).toBe(4);
  });

  it('is deterministic per seed and restates metrics without touching keys', async () => {
    sim = await startAdcloud({ seed: 7, rowsPerDate: (date) => (date === DATE ? 30 : 10) });
    const other = await startAdcloud({ seed: 7 });
    const before = sim.rowsFor(DATE);
    expect(other.rowsFor(DATE).slice(0, 30)).toEqual(before);
    await other.close();
    expect(sim.rowsFor('2024-03-02')).toHaveLength(10);

    sim.restate(DATE);
    const after = sim.rowsFor(DATE);
    const keyOf = (row: Record<string, unknown>): string =>
      ADCLOUD_GROUPING_KEY.map((name) => row[name]).join('|');
    expect(after.map(keyOf)).toEqual(before.map(keyOf));
    expect(after.map((row) => row.costs)).not.toEqual(before.map((row) => row.costs));
  });
});
