import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenCache } from '../../functions/adapters/local/file-token-cache.js';
import { parseConfig } from '../../functions/config/load-config.js';
import { toSourceSettings } from '../../functions/config/source-settings.js';
import type { TokenCache } from '../../functions/engine/auth/token-cache.js';
import { TokenProvider } from '../../functions/engine/auth/token-provider.js';
import { ReportFetcherError, VendorError } from '../../functions/engine/errors.js';
import { fetchAllRecords } from '../../functions/engine/run/fetch-all-records.js';
import { SourceRuntime } from '../../functions/engine/run/source-runtime.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { tempDir } from '../support/lake.js';
import { MemoryLakeStore, MemoryStagingStore, memoryScratch } from '../support/memory-stores.js';

const WORKERS = 24;
let simulator: TrackMasterSimulator;
let dir: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  simulator = await startTrackMaster({ medias: { 101: 3 }, referenceDate: '2024-06-30' });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(async () => {
  dir = await tempDir();
  return dir.cleanup;
});

/** A worker as a Lambda would be: its own runtime and token provider, the shared token cache. */
function worker(cache: TokenCache): SourceRuntime {
  const [source] = parseConfig({
    sources: [
      { name: 'tm_race', connector: 'trackmaster', baseUrl: simulator.url, options: { mediaIds: [101] } },
    ],
  }).sources;
  return new SourceRuntime(toSourceSettings(source!, { ...simulator.credentials }), {
    tokenCache: cache,
    staging: new MemoryStagingStore(),
    lake: new MemoryLakeStore(),
    scratch: memoryScratch,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
}

const grants = () => ({
  password: simulator.stats.authGrants.password ?? 0,
  refresh: simulator.stats.authGrants.refresh_token ?? 0,
});

async function everyoneFetches(workers: SourceRuntime[]) {
  const outcomes = await Promise.allSettled(
    workers.map((w) => fetchAllRecords(w, 'campaigns', w.context('2024-06-01', { media_id: 101 }))),
  );
  const failures = outcomes
    .filter((o) => o.status === 'rejected')
    .map((o) => String((o as PromiseRejectedResult).reason));
  expect(failures).toEqual([]);
}

describe(`refresh-token race with ${WORKERS} concurrent workers and single-use refresh tokens`, () => {
  it('a token the vendor revoked mid-run costs one refresh for all workers, none fails', async () => {
    const cache = new FileTokenCache(dir.path);
    await everyoneFetches([worker(cache)]);
    const before = grants();
    // The vendor stops accepting the cached token; every worker finds out at once (a 404).
    simulator.expireTokens();
    await everyoneFetches(Array.from({ length: WORKERS }, () => worker(cache)));
    const after = grants();
    // Bound: one refresh in total. The lock serialises the replacement and each later worker
    // re-reads the cache and finds the fresh token instead of spending the rotated one.
    expect(after.refresh - before.refresh).toBe(1);
    expect(after.password - before.password).toBe(0);
  });

  it('a token past its lifetime in the cache is replaced once, ahead of use', async () => {
    const cache = new FileTokenCache(dir.path);
    await everyoneFetches([worker(cache)]);
    const entry = (await cache.read('tm_race'))!;
    await cache.write('tm_race', { ...entry, expiresAt: Date.now() - 1 });
    const before = grants();
    await everyoneFetches(Array.from({ length: WORKERS }, () => worker(cache)));
    expect(grants().refresh - before.refresh).toBe(1);
    expect(grants().password - before.password).toBe(0);
  });

  it('a refresh token another worker already spent falls back to the password grant', async () => {
    const cache = new FileTokenCache(dir.path);
    await everyoneFetches([worker(cache)]);
    const stale = (await cache.read('tm_race'))!;
    // Someone refreshes behind our back (rotating the refresh token) and the cache still holds
    // the old pair, as after a crash between the grant and the cache write.
    await cache.write('tm_race', { ...stale, expiresAt: Date.now() - 1 });
    const elsewhere = new FileTokenCache(`${dir.path}/other`);
    await elsewhere.write('tm_race', { ...stale, expiresAt: Date.now() - 1 });
    await (worker(elsewhere).client.tokens as TokenProvider).token();
    const before = grants();
    await everyoneFetches(Array.from({ length: WORKERS }, () => worker(cache)));
    expect(grants().password - before.password).toBe(1);
  });

  it('a refresh whose response was lost after the vendor rotated recovers through the password grant', async () => {
    const cache = new FileTokenCache(dir.path);
    const seed = worker(cache);
    await everyoneFetches([seed]);
    const entry = (await cache.read('tm_race'))!;
    await cache.write('tm_race', { ...entry, expiresAt: Date.now() - 1 });
    let cut = false;
    const transportRuntime = worker(cache);
    const realProvider = transportRuntime.client.tokens as TokenProvider;
    const options = (realProvider as unknown as { options: ConstructorParameters<typeof TokenProvider>[0] })
      .options;
    const provider = new TokenProvider({
      ...options,
      transport: async (endpoint, body, kind) => {
        const answer = await options.transport(endpoint, body, kind);
        if (kind === 'refresh' && !cut) {
          cut = true;
          throw new VendorError('NETWORK', 'connection reset after the vendor answered', {
            retryable: true,
          });
        }
        return answer;
      },
    });
    const before = grants();
    const token = await provider.token();
    expect(cut).toBe(true);
    expect(token).toBeTruthy();
    expect(grants().refresh - before.refresh).toBe(1);
    expect(grants().password - before.password).toBe(1);
    expect(provider.stats.refreshRefusals).toBe(1);
    // The recovered token works for everyone.
    await everyoneFetches(Array.from({ length: 4 }, () => worker(cache)));
  });
});

describe('a 404 after fresh tokens (AdMaster answers 404 for a bad token and for a missing resource)', () => {
  const revokeEach = (count: number) =>
    simulator.setFaults({
      scripted: Array.from({ length: count }, (_, i) => ({
        nth: i + 1,
        fault: { kind: 'revoke-tokens' as const },
      })),
    });

  it('is not taken for a missing media when every fresh token is revoked again before use', async () => {
    const runtime = worker(new FileTokenCache(dir.path));
    try {
      // Five data requests in a row find their token revoked: more than one attempt's fresh tokens.
      revokeEach(5);
      const list = await fetchAllRecords(
        runtime,
        'campaigns',
        runtime.context('2024-06-01', { media_id: 101 }),
      );
      expect(list.records).toHaveLength(3);
      expect(list.counters.requests).toBe(6);
    } finally {
      simulator.setFaults({});
    }
  });

  it('fails a media that does not exist as not found once the retry policy gives up, one grant per attempt', async () => {
    const runtime = worker(new FileTokenCache(dir.path));
    await runtime.client.ensureToken(60_000);
    const before = { grants: grants(), requests: simulator.stats.requestLog.length };
    const failure = await fetchAllRecords(
      runtime,
      'campaigns',
      runtime.context('2024-06-01', { media_id: 999 }),
    ).catch((error: unknown) => error as ReportFetcherError);
    expect(failure).toBeInstanceOf(ReportFetcherError);
    expect((failure as ReportFetcherError).code).toBe('VENDOR_NOT_FOUND');
    expect((failure as ReportFetcherError).message).toMatch(
      /medias\/999\/campaigns.*gave up after 6 attempts/,
    );
    // Each of the policy's 6 attempts: the request, one fresh token, the request again.
    const log = simulator.stats.requestLog.slice(before.requests);
    expect(log.filter((r) => r.path === '/medias/999/campaigns')).toHaveLength(12);
    expect(grants().refresh + grants().password - before.grants.refresh - before.grants.password).toBe(6);
  });
});
