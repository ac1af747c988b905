import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { mediamath } from '../../functions/connectors/mediamath.js';
import { trackmaster } from '../../functions/connectors/trackmaster.js';
import { tune } from '../../functions/connectors/tune.js';
import type { ConnectorDefinition } from '../../functions/engine/connector-definition.js';
import { SourceRuntime } from '../../functions/engine/run/source-runtime.js';
import { clearRegisteredSecrets } from '../../functions/engine/secrets.js';
import {
  MemoryLakeStore,
  MemoryStagingStore,
  MemoryTokenCache,
  memoryScratch,
} from '../support/memory-stores.js';

/**
 * What a connector does with a rate-limit refusal, on a fake clock (vitest's timers drive the
 * engine's Date.now and its sleeps, so every wait is exact whatever the machine's load). No
 * vendor document shows a refusal, so every shape a vendor could plausibly send is a
 * rate-limit: the source waits what the refusal names (Retry-After, TrackMaster's
 * X-RateLimit-Reset), and otherwise limits.rateLimitWaitSeconds (60 s by default), never fails.
 * The vendor is a stubbed `fetch` that refuses the first data request and answers the rest.
 */
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const BASE = 'https://vendor.test';

interface Refusal {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The refusals each vendor's simulator can serve (test/simulators/types.ts RefusalShape). */
const SHAPES: { connector: ConnectorDefinition; refusal: Refusal; waitMs: number; why: string }[] = [
  {
    connector: trackmaster,
    // The document's headers only (admaster-api-protocol.txt:113-114): no reset, no Retry-After.
    refusal: { status: 403, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0' } },
    waitMs: 60_000,
    why: '403 without X-RateLimit-Reset: the fallback',
  },
  {
    connector: trackmaster,
    refusal: {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 1800) },
    },
    waitMs: 1_800_000,
    why: '403 with X-RateLimit-Reset: until the reset',
  },
  {
    connector: trackmaster,
    // The vendor's clock behind ours: its reset is already past here, while its window still
    // refuses. Taken as "retry now", every attempt would be spent at once.
    refusal: {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 - 30) },
    },
    waitMs: 60_000,
    why: '403 with an X-RateLimit-Reset already past: the fallback',
  },
  { connector: trackmaster, refusal: { status: 429 }, waitMs: 60_000, why: '429 bare: the fallback' },
  {
    connector: trackmaster,
    refusal: { status: 429, headers: { 'retry-after': '7' } },
    waitMs: 7_000,
    why: '429 with Retry-After: what it names',
  },
  { connector: adcloud, refusal: { status: 429 }, waitMs: 60_000, why: '429 bare: the fallback' },
  {
    connector: adcloud,
    // An HTTP-date already past (the vendor's clock behind ours), unlike an explicit "0".
    refusal: { status: 429, headers: { 'retry-after': new Date(T0 - 30_000).toUTCString() } },
    waitMs: 60_000,
    why: '429 with a Retry-After date already past: the fallback',
  },
  {
    connector: adcloud,
    refusal: { status: 429, headers: { 'retry-after': '3' } },
    waitMs: 3_000,
    why: '429 with Retry-After: what it names',
  },
  { connector: tune, refusal: { status: 429 }, waitMs: 60_000, why: '429 bare: the fallback' },
  { connector: mediamath, refusal: { status: 429 }, waitMs: 60_000, why: '429 bare: the fallback' },
];

/** A vendor that grants any token, refuses the first data request, then answers `[]`. */
function stubVendor(refusal: Refusal) {
  const sent: { at: number; path: string }[] = [];
  let refused = false;
  vi.stubGlobal('fetch', async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    if (init?.method === 'POST' && url.pathname.includes('oauth'))
      return Response.json({
        access_token: 'granted-token',
        expires_in: '18000',
        refresh_token: 'granted-refresh-token',
      });
    sent.push({ at: Date.now() - T0, path: url.pathname });
    if (!refused) {
      refused = true;
      return new Response(refusal.body ?? '{"message":"API rate limit exceeded"}', {
        status: refusal.status,
        headers: { 'content-type': 'application/json', ...refusal.headers },
      });
    }
    return Response.json({ status_code: 200, data: [] });
  });
  return sent;
}

function runtimeOf(connector: ConnectorDefinition, limits: Record<string, number> = {}) {
  return new SourceRuntime(
    {
      name: 'src',
      connector,
      baseUrl: BASE,
      authUrl: BASE,
      timezone: 'UTC',
      lookbackDays: 0,
      reports: Object.keys(connector.reports),
      format: 'parquet',
      options: {},
      concurrency: 4,
      credentials: { client_id: 'id', client_secret: 'secret', email: 'e', password: 'p', api_key: 'k' },
      limits,
    },
    {
      staging: new MemoryStagingStore(),
      lake: new MemoryLakeStore(),
      tokenCache: new MemoryTokenCache(),
      scratch: memoryScratch,
    },
  );
}

/** One request of the source under its retry policy, as a page fetch sends it; resolves with its status. */
function get(runtime: SourceRuntime, path: string): Promise<number> {
  const { client } = runtime;
  return client.withRetry(async () => {
    const response = await client.send({ method: 'GET', url: new URL(path, BASE) });
    await response.text();
    return response.status;
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a rate-limit refusal waits, then succeeds', () => {
  it.each(SHAPES)('$connector.name, $why', async ({ connector, refusal, waitMs }) => {
    const sent = stubVendor(refusal);
    const runtime = runtimeOf(connector);
    const first = get(runtime, '/first');
    await vi.advanceTimersByTimeAsync(0);
    // Refused: every request of the source is now held, one sent after the refusal too.
    const second = get(runtime, '/second');
    await vi.advanceTimersByTimeAsync(Math.max(0, waitMs - 1));
    expect(sent).toEqual([{ at: 0, path: '/first' }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toBe(200);
    expect(await second).toBe(200);
    expect(sent.map((s) => s.at)).toEqual([0, waitMs, waitMs]);
  });

  it('waits limits.rateLimitWaitSeconds when the refusal names no wait (the config override)', async () => {
    const sent = stubVendor({ status: 403, headers: { 'x-ratelimit-remaining': '0' } });
    const runtime = runtimeOf(trackmaster, { rateLimitWaitSeconds: 900 });
    const request = get(runtime, '/first');
    await vi.advanceTimersByTimeAsync(899_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await request).toBe(200);
    expect(sent.map((s) => s.at)).toEqual([0, 900_000]);
  });
});

describe('the fallback wait within the vendor-wait budget', () => {
  it('refuses a config whose fallback wait is longer than the budget, in one line naming both', () => {
    // Otherwise every refusal that names no wait would fail at once, blaming the vendor for asking
    // a wait it never named (the wait is the config's own). The stub vendor's one-letter
    // credentials registered above would redact letters of the message.
    clearRegisteredSecrets();
    const source = (limits: Record<string, number>) => ({
      sources: [{ name: 'trackmaster_main', connector: 'trackmaster', options: { mediaIds: [101] }, limits }],
    });
    expect(() => parseConfig(source({ rateLimitWaitSeconds: 900, maxVendorWaitSeconds: 600 }))).toThrow(
      /limits\.rateLimitWaitSeconds \(900\) is longer than limits\.maxVendorWaitSeconds \(600\)/,
    );
    expect(() => parseConfig(source({ maxVendorWaitSeconds: 30 }))).toThrow(
      /limits\.rateLimitWaitSeconds \(60, the default\) is longer than limits\.maxVendorWaitSeconds \(30\)/,
    );
    expect(() => parseConfig(source({ rateLimitWaitSeconds: 600, maxVendorWaitSeconds: 600 }))).not.toThrow();
  });
});
