import { afterEach, describe, expect, it } from 'vitest';
import { postJson, request } from './http-test-client.js';
import type { TrackMasterSimulator } from './index.js';
import { startTrackMaster } from './index.js';

interface Grant {
  access_token: string;
  expires_in: string;
  refresh_token: string;
}

const REFERENCE_DATE = '2024-06-15';
let sim: TrackMasterSimulator;
afterEach(() => sim?.close());

function passwordGrant(overrides: Record<string, string> = {}) {
  return postJson<Grant>(`${sim.url}/oauth/access_token`, {
    grant_type: 'password',
    ...sim.credentials,
    ...overrides,
  });
}

function refreshGrant(refreshToken: string) {
  const { client_id, client_secret } = sim.credentials;
  return postJson<Grant>(`${sim.url}/oauth/access_token`, {
    grant_type: 'refresh_token',
    client_id,
    client_secret,
    refresh_token: refreshToken,
  });
}

/** Follows rel="next" Link headers until the last page. */
async function fetchAllPages<T>(firstUrl: string, headers: Record<string, string> = {}): Promise<T[]> {
  const items: T[] = [];
  for (let url: string | undefined = firstUrl; url !== undefined; ) {
    const response: { status: number; headers: Headers; body: T[] } = await request<T[]>(url, { headers });
    expect(response.status).toBe(200);
    items.push(...response.body);
    url = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return items;
}

describe('AdMaster TrackMaster simulator', () => {
  it('lists campaigns over Link-header pages and serves daily reports matching the truth', async () => {
    sim = await startTrackMaster({ referenceDate: REFERENCE_DATE, medias: { 101: 45 }, reportPageSize: 4 });
    const grant = await passwordGrant();
    expect(grant.body.expires_in).toBe('18000');
    const token = grant.body.access_token;

    const campaigns = await fetchAllPages(`${sim.url}/medias/101/campaigns?access_token=${token}`);
    expect(campaigns).toEqual(sim.campaigns(101));
    expect(sim.stats.dataRequests).toBe(2); // 45 campaigns at the default 30 per page

    const live = sim.liveCampaigns(101, '2024-06-14');
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThan(45);
    const served = [];
    for (const campaign of live) {
      const path = `/medias/101/campaigns/${campaign.id}/daily_reports?start_time=2024-06-14&end_time=2024-06-14`;
      const [row] = await fetchAllPages<Record<string, unknown>>(`${sim.url}${path}`, {
        authorization: `token ${token}`,
      });
      served.push({ media_id: 101, campaign_id: campaign.id, campaign_name: campaign.name, ...row });
    }
    expect(served).toEqual(sim.dailyRows(101, '2024-06-14'));

    // A whole campaign life, paged by reportPageSize (4) through Link headers; no rows after the reference date.
    const campaign = [...live].sort((a, b) => a.start_date.localeCompare(b.start_date))[0];
    const reports = await fetchAllPages<{ time: string }>(
      `${sim.url}/medias/101/campaigns/${campaign?.id}/daily_reports?access_token=${token}`,
    );
    expect(reports.length).toBeGreaterThan(4);
    expect(reports.at(0)?.time).toBe(campaign?.start_date);
    expect(reports.at(-1)?.time).toBe(
      campaign && campaign.end_date < REFERENCE_DATE ? campaign.end_date : REFERENCE_DATE,
    );
  });

  it('hides auth failures behind 404 and rotates single-use refresh tokens', async () => {
    sim = await startTrackMaster({ referenceDate: REFERENCE_DATE });
    expect((await passwordGrant({ password: 'wrong' })).body).toEqual({ error: 'invalid_grant' });
    expect((await postJson(`${sim.url}/oauth/access_token`, '{oops')).body).toEqual({
      message: 'Problems parsing JSON',
    });

    const first = (await passwordGrant()).body;
    const missing = await request(`${sim.url}/medias/101/campaigns?access_token=nope`);
    expect(missing).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    const unknownMedia = await request(`${sim.url}/medias/999/campaigns?access_token=${first.access_token}`);
    expect(unknownMedia).toMatchObject({ status: 404, body: { message: 'Not Found' } });

    const rotated = await refreshGrant(first.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first.refresh_token);
    const reused = await refreshGrant(first.refresh_token);
    expect(reused).toMatchObject({
      status: 401,
      body: { error: 'invalid_grant', message: 'refresh token already used or unknown' },
    });
    expect(sim.stats.authGrants).toEqual({ password: 1, refresh_token: 1 });

    // Both access tokens stay valid: a new grant does not revoke older ones.
    for (const token of [first.access_token, rotated.body.access_token]) {
      expect((await request(`${sim.url}/medias/101/campaigns?access_token=${token}`)).status).toBe(200);
    }
  });

  it('revoke-tokens fault turns the request into a 404 until the client re-authenticates', async () => {
    sim = await startTrackMaster({
      referenceDate: REFERENCE_DATE,
      faults: { scripted: [{ nth: 1, fault: { kind: 'revoke-tokens' } }] },
    });
    const grant = (await passwordGrant()).body;
    const revoked = await request(`${sim.url}/medias/101/campaigns`, {
      headers: { authorization: `token ${grant.access_token}` },
    });
    expect(revoked.status).toBe(404);
    const renewed = (await refreshGrant(grant.refresh_token)).body;
    const retried = await request(`${sim.url}/medias/101/campaigns`, {
      headers: { authorization: `token ${renewed.access_token}` },
    });
    expect(retried.status).toBe(200);
    expect(sim.stats.faultsInjected).toBe(1);
  });

  it('counts every request against the hourly limit and refuses with 403 when exhausted', async () => {
    sim = await startTrackMaster({
      referenceDate: REFERENCE_DATE,
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    const token = (await passwordGrant()).body.access_token;
    const ok = await request(`${sim.url}/medias/102/campaigns?access_token=${token}`);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    await request(`${sim.url}/medias/102/campaigns?access_token=${token}`);
    const refused = await request(`${sim.url}/medias/102/campaigns?access_token=${token}`);
    expect(refused).toMatchObject({ status: 403, body: { message: 'API rate limit exceeded' } });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(sim.stats.refused).toBe(1);
  });

  it("offers the document's headers only (no X-RateLimit-Reset) and the refusal as 429, with or without Retry-After", async () => {
    sim = await startTrackMaster({
      referenceDate: REFERENCE_DATE,
      rateLimit: { limit: 2, windowMs: 60_000 },
      rateLimitReset: false,
      refusal: { status: 429, retryAfter: false },
    });
    const token = (await passwordGrant()).body.access_token;
    const ok = await request(`${sim.url}/medias/102/campaigns?access_token=${token}`);
    expect([ok.headers.get('x-ratelimit-remaining'), ok.headers.has('x-ratelimit-reset')]).toEqual([
      '0',
      false,
    ]);
    const refused = await request(`${sim.url}/medias/102/campaigns?access_token=${token}`);
    expect(refused).toMatchObject({ status: 429, body: { message: 'API rate limit exceeded' } });
    expect([refused.headers.has('retry-after'), refused.headers.has('x-ratelimit-reset')]).toEqual([
      false,
      false,
    ]);
    // An injected refusal in its own shape: 429 naming its wait, 403 without the reset.
    await sim.close();
    sim = await startTrackMaster({
      referenceDate: REFERENCE_DATE,
      rateLimit: { limit: 100, windowMs: 60_000 },
    });
    const fresh = (await passwordGrant()).body.access_token;
    sim.setFaults({
      scripted: [
        { nth: 1, fault: { kind: 'rate-limit', status: 429, retryAfter: true } },
        { nth: 2, fault: { kind: 'rate-limit', status: 403 } },
      ],
    });
    const named = await request(`${sim.url}/medias/102/campaigns?access_token=${fresh}`);
    expect([named.status, named.headers.has('retry-after'), named.headers.has('x-ratelimit-reset')]).toEqual([
      429,
      true,
      true,
    ]);
    const forbidden = await request(`${sim.url}/medias/102/campaigns?access_token=${fresh}`);
    expect([forbidden.status, forbidden.headers.has('retry-after')]).toEqual([403, false]);
  });
});
