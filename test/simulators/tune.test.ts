import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from './base/clock.js';
import { request } from './http-test-client.js';
import type { TuneRow, TuneSimulator } from './index.js';
import { startTune, TUNE_ENTITY_FIELDS } from './index.js';

interface Envelope<T> {
  status_code: number;
  response_size: string;
  data: T;
}

let sim: TuneSimulator;
afterEach(() => sim?.close());

function call<T>(action: string, params: Record<string, string>, init: RequestInit = {}) {
  const query = new URLSearchParams({ api_key: sim.credentials.api_key ?? '', ...params });
  return request<Envelope<T>>(`${sim.url}/v2/${action}.json?${query}`, init);
}

describe('TUNE Management API simulator', () => {
  it('pages through find.json with default fields; response_size is the whole body in bytes, PHP-encoded', async () => {
    sim = await startTune({ entityCounts: { 'advertiser/campaigns': 25 } });
    const defaults = TUNE_ENTITY_FIELDS['advertiser/campaigns'].defaultFields.map((field) => field.name);
    const rows: TuneRow[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await call<TuneRow[]>('advertiser/campaigns/find', {
        limit: '10',
        page: String(page),
      });
      expect(response.body.status_code).toBe(200);
      // tune-management-api.txt "Endpoint Action's Return": "327" is the whole compact body.
      expect(response.body.response_size).toBe(String(Buffer.byteLength(response.text)));
      expect(response.text).not.toMatch(/\n|": /);
      rows.push(...response.body.data);
    }
    const truth = sim.entities('advertiser/campaigns');
    expect(rows).toEqual(truth.map((row) => Object.fromEntries(defaults.map((name) => [name, row[name]]))));
    const count = await call<number>('advertiser/campaigns/count', {});
    expect(count.body.data).toBe(25);
  });

  it('drops unknown fields, filters, sorts, and fails with 500 on unknown filter or sort fields', async () => {
    sim = await startTune();
    const filter =
      "(status = 'active') AND (publisher_id in (301,302,303,304,305,306,307,308,309,310)) OR (budget > 40000)";
    const found = await call<TuneRow[]>('advertiser/campaigns/find', {
      fields: 'id,budget,no_such_field,status',
      filter,
      sort: 'budget:desc,id',
      limit: '1000',
    });
    const publishers = [301, 302, 303, 304, 305, 306, 307, 308, 309, 310];
    const truth = sim
      .entities('advertiser/campaigns')
      .filter(
        (row) =>
          (row.status === 'active' && publishers.includes(Number(row.publisher_id))) ||
          Number(row.budget) > 40000,
      );
    expect(found.body.data.map((row) => Object.keys(row))[0]).toEqual(['id', 'budget', 'status']);
    expect(found.body.data.map((row) => row.id).sort()).toEqual(truth.map((row) => row.id).sort());
    const budgets = found.body.data
      .map((row) => row.budget as number | null)
      .filter((budget) => budget !== null);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    expect((await call<number>('advertiser/campaigns/count', { filter })).body.data).toBe(truth.length);

    const internalError = {
      status: 500,
      body: { status_code: 500, data: { errors: [{ message: 'Internal Service Error' }] } },
    };
    expect(await call('advertiser/sites/find', { filter: "(bogus = 'x')" })).toMatchObject(internalError);
    expect(await call('account/users/find', { sort: 'bogus:desc' })).toMatchObject(internalError);
    expect((await call('advertiser/publishers/find', { limit: '1001' })).status).toBe(400);
  });

  // :145-146 gives `limit` no maximum: rejected above 1000 (default), silently capped, or honoured.
  it('serves a limit over its maximum as the limit policy says: capped pages number by the cap, honoured pages in full', async () => {
    const ids = (body: Envelope<TuneRow[]>) => body.data.map((row) => row.id);
    sim = await startTune({
      entityCounts: { 'advertiser/campaigns': 25 },
      limitPolicy: { over: 'cap', max: 10 },
    });
    const truth = sim.entities('advertiser/campaigns').map((row) => row.id);
    const first = await call<TuneRow[]>('advertiser/campaigns/find', { limit: '20', sort: 'id' });
    const third = await call<TuneRow[]>('advertiser/campaigns/find', { limit: '20', page: '3', sort: 'id' });
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual(truth.slice(0, 10));
    expect(ids(third.body)).toEqual(truth.slice(20, 25));
    await sim.close();

    sim = await startTune({
      entityCounts: { 'advertiser/campaigns': 1500 },
      limitPolicy: { over: 'honour' },
    });
    const all = await call<TuneRow[]>('advertiser/campaigns/find', { limit: '5000', fields: 'id' });
    expect(all.body.data).toHaveLength(1500);
  });

  it('rejects a missing or wrong api_key with 401 in the TUNE envelope', async () => {
    sim = await startTune();
    const response = await request<Envelope<unknown>>(
      `${sim.url}/v2/account/users/find.json?api_key=${'x'.repeat(32)}`,
    );
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      status_code: 401,
      response_size: String(Buffer.byteLength(response.text)),
      data: { errors: [{ message: 'API key is missing or invalid.' }] },
    });
    expect(sim.credentials.api_key).toHaveLength(32);
    expect(sim.stats.authFailures).toBe(1);
  });

  it('hangs until its time has passed or the client leaves, then serves the retry; rate-limit faults answer 429', async () => {
    // The simulator waits on a clock only this test moves: the hang holds however slow the machine.
    const clock = new ManualClock();
    sim = await startTune({
      clock,
      faults: {
        scripted: [
          { nth: 1, fault: { kind: 'hang', ms: 5_000 } },
          { nth: 2, fault: { kind: 'rate-limit' } },
        ],
      },
    });
    const client = new AbortController();
    let settled = false;
    const hung = call('advertiser/sites/find', {}, { signal: client.signal }).finally(() => {
      settled = true;
    });
    await clock.nextTimer(); // the request is parked in its hang
    clock.advance(4_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    client.abort();
    await expect(hung).rejects.toThrow();
    const limited = await call('advertiser/sites/find', {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await call('advertiser/sites/find', {})).status).toBe(200);
    expect(sim.stats).toMatchObject({ faultsInjected: 2, refused: 1, dataRequests: 3 });
    expect(sim.stats.requestLog[0]?.query.api_key).toBe('[redacted]');
  });

  it('answers a hung request once the hang has passed', async () => {
    const clock = new ManualClock();
    sim = await startTune({ clock, faults: { scripted: [{ nth: 1, fault: { kind: 'hang', ms: 5_000 } }] } });
    const answer = call('advertiser/sites/find', {});
    await clock.nextTimer();
    clock.advance(5_000);
    expect((await answer).status).toBe(200);
    expect(sim.stats.faultsInjected).toBe(1);
  });
});

describe('TUNE PHP-style encoding', () => {
  it('escapes "/" and non-ASCII as PHP json_encode does and sizes the body it sends', async () => {
    const { phpJsonEncode, tuneBody } = await import('./tune/php-json.js');
    expect(phpJsonEncode({ website: 'http://www.hasoffers.com', city: 'Zürich' })).toBe(
      '{"website":"http:\\/\\/www.hasoffers.com","city":"Z\\u00fcrich"}',
    );
    for (const data of [[], [{ a: 1 }], 'x'.repeat(9_990)]) {
      const body = tuneBody(200, data);
      expect(JSON.parse(body).response_size).toBe(String(Buffer.byteLength(body)));
    }
  });
});
