import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_OPTIONS } from '../../functions/engine/http/http-client.js';
import { RateLimiter } from '../../functions/engine/http/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../functions/engine/http/retry-policy.js';
import { VendorClient } from '../../functions/engine/vendor/vendor-client.js';
import { fetchPageMessage } from '../../functions/handlers/fetcher.js';
import type { AdcloudSimulator } from '../simulators/adcloud/adcloud.js';
import type { TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { nextLinkAttack, startBystander } from './support/hostile-server.js';
import { expectAttackContained, type Scenario, scenario } from './support/scenario.js';
import { ADCLOUD, startSmallAdcloud, startSmallTrackMaster, TRACKMASTER } from './support/vendors.js';

// Rows 1, 2 and 8 of issue 11: credentials go only to the configured origin.

let trackmaster: TrackMasterSimulator;
let adcloud: AdcloudSimulator;
let bystander: Awaited<ReturnType<typeof startBystander>>;
let s: Scenario | undefined;

beforeAll(async () => {
  trackmaster = await startSmallTrackMaster();
  adcloud = await startSmallAdcloud();
  bystander = await startBystander();
});
afterAll(async () => {
  await Promise.all([trackmaster.close(), adcloud.close(), bystander.close()]);
});
afterEach(async () => {
  bystander.seen.length = 0;
  await s?.close();
  s = undefined;
});

describe('row 1: a next link to another origin', () => {
  it('is refused before any request: no token reaches the other origin', async () => {
    s = await scenario(trackmaster, TRACKMASTER);
    await expectAttackContained(
      s,
      trackmaster,
      nextLinkAttack(() => `${bystander.url}/medias/101/campaigns/1/daily_reports?page=2`),
      {
        failure:
          /Link rel="next" points to http:\/\/127\.0\.0\.1:\d+; only http:\/\/127\.0\.0\.1:\d+\/ is followed/,
        bystander,
      },
    );
  });

  it('drops a token the vendor copied into the next link under any parameter name', async () => {
    s = await scenario(trackmaster, TRACKMASTER);
    s.proxy.attack(async (request, { forward }) => {
      if (!request.target.includes('daily_reports') || request.target.includes('page=2')) return undefined;
      const token = String(request.headers.authorization).split(' ')[1]!;
      const answer = await forward();
      const path = request.target.split('?')[0];
      return {
        ...answer,
        headers: {
          ...answer.headers,
          link: `<${s!.proxy.url}${path}?page=2&per_page=30&sig=${token}>; rel="next"`,
        },
      };
    });
    const result = await s.run();
    expect(result.code, result.err).toBe(0);
    const followed = s.proxy.seen.filter((r) => r.target.includes('page=2'));
    expect(followed.length).toBeGreaterThan(0);
    for (const request of s.proxy.seen) expect(request.target).not.toMatch(/sig=/);
  });

  it('refuses a queue message whose page state names a URL instead of a path', () => {
    const message = (next: string | null) => ({
      type: 'fetch-page',
      runId: 'r1',
      source: 'victim',
      report: 'daily_reports',
      date: '2024-06-20',
      slice: { key: 'media=101/campaign=1', params: { media_id: 101, campaign_id: 1 } },
      page: { state: { kind: 'link-header', next }, ordinal: 1 },
      fannedOut: false,
    });
    expect(fetchPageMessage.safeParse(message('/medias/101/campaigns/1/daily_reports?page=2')).success).toBe(
      true,
    );
    expect(fetchPageMessage.safeParse(message(null)).success).toBe(true);
    for (const next of [`${bystander.url}/x`, '//evil.test/x', '/\\evil.test/x', 'javascript:alert(1)']) {
      expect(fetchPageMessage.safeParse(message(next)).success, next).toBe(false);
    }
  });
});

describe('row 1: the client itself', () => {
  it('never attaches a credential to a request outside the configured base URL, whoever built it', async () => {
    const client = new VendorClient({
      source: 'victim',
      baseUrl: 'http://127.0.0.1:9/api',
      auth: { kind: 'api-key', queryParam: 'api_key', credential: 'api_key' },
      responses: [{ status: 401, action: { do: 'reauthenticate' } }],
      credentials: { api_key: 'k-123456' },
      tokenCache: undefined as never,
      limiter: new RateLimiter(undefined),
      retry: DEFAULT_RETRY_POLICY,
      http: DEFAULT_HTTP_OPTIONS,
    });
    for (const url of [`${bystander.url}/api/x`, 'http://127.0.0.1:9/apix', 'http://127.0.0.1:9/other']) {
      await expect(client.send({ method: 'GET', url: new URL(url) })).rejects.toThrow(
        /refusing to send credentials/,
      );
    }
    expect(bystander.seen).toEqual([]);
  });
});

describe('row 2: redirects', () => {
  it('a token endpoint that redirects gets no secret re-posted and no foreign token is used', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const fresh = { REPORT_FETCHER_STATE_DIR: `${s.dir}/state-2` };
    // The previous partition comes from a normal run; the attack needs a fresh grant.
    s.proxy.attack(undefined);
    expect((await s.run()).code).toBe(0);
    s.proxy.attack(async (request, { res }) => {
      if (!request.target.includes('oauth')) return undefined;
      res.writeHead(307, { location: `${bystander.url}/v1/oauth/access_token` });
      res.end();
      return 'handled';
    });
    const result = await s.run([], fresh);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /answered HTTP 307 redirecting to http:\/\/127\.0\.0\.1:\d+: redirects are never followed/,
    );
    expect(bystander.seen).toEqual([]);
    for (const secret of adcloud.issuedSecrets()) expect(result.err).not.toContain(secret);
  });

  it('a data page that redirects is an error naming the status and the target origin, not vendor data', async () => {
    s = await scenario(adcloud, ADCLOUD);
    await expectAttackContained(
      s,
      adcloud,
      async (request, { res }) => {
        if (!request.target.includes('reports')) return undefined;
        res.writeHead(302, { location: `${bystander.url}/v1/reports/advertiser` });
        res.end();
        return 'handled';
      },
      { failure: /answered HTTP 302 redirecting to http:\/\/127\.0\.0\.1:\d+/, bystander },
    );
  });
});

describe('row 8: a cached token stays with the origin it was obtained for', () => {
  it('changing baseUrl with authUrl set obtains a new token instead of sending the old one', async () => {
    s = await scenario(trackmaster, { ...TRACKMASTER, authUrl: trackmaster.url });
    expect((await s.run()).code).toBe(0);
    const first = new Set(s.proxy.seen.map((r) => r.headers.authorization).filter(Boolean));
    expect(first.size).toBeGreaterThan(0);
    const other = await scenario(trackmaster, { ...TRACKMASTER, authUrl: trackmaster.url });
    try {
      // Same token cache, same auth server and credentials: only the API's host changed.
      const result = await other.run([], { REPORT_FETCHER_STATE_DIR: `${s.dir}/state` });
      expect(result.code, result.err).toBe(0);
      const sent = other.proxy.seen.map((r) => r.headers.authorization).filter(Boolean);
      expect(sent.length).toBeGreaterThan(0);
      for (const header of sent) expect(first.has(header)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
