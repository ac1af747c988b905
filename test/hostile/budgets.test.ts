import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { AdcloudSimulator } from '../simulators/adcloud/adcloud.js';
import { type MediaMathSimulator, startMediaMath } from '../simulators/mediamath/mediamath.js';
import type { TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { nextLinkAttack, writeForever } from './support/hostile-server.js';
import { expectAttackContained, type Scenario, scenario } from './support/scenario.js';
import {
  ADCLOUD,
  bodyAttack,
  isData,
  startSmallAdcloud,
  startSmallTrackMaster,
  TRACKMASTER,
} from './support/vendors.js';

// Rows 4, 5 and 6 of issue 11: every quantity a vendor controls has a budget; every run ends by
// itself and names the budget that stopped it. Budgets are set small here so the suite is fast;
// their defaults are in functions/engine/limits.ts.

let trackmaster: TrackMasterSimulator;
let adcloud: AdcloudSimulator;
let mediamath: MediaMathSimulator;
let s: Scenario | undefined;

const MEDIAMATH = (mode: 'paginated' | 'streaming') => ({
  connector: 'mediamath',
  date: '2024-05-01',
  reports: ['performance_by_day'],
  options: { organizationId: 100_048, mode, pageSize: 100 },
});

beforeAll(async () => {
  trackmaster = await startSmallTrackMaster();
  adcloud = await startSmallAdcloud();
  mediamath = await startMediaMath({ rowsPerDay: 120 });
});
afterAll(async () => {
  await Promise.all([trackmaster.close(), adcloud.close(), mediamath.close()]);
});
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('row 4: page counts', () => {
  it('Adcloud collection.size 1e15 stops at the page budget without allocating the pages', async () => {
    s = await scenario(adcloud, { ...ADCLOUD, limits: { maxPagesPerPartition: 50 } });
    await expectAttackContained(
      s,
      adcloud,
      bodyAttack((body) => {
        body.collection!.size = 1e15;
      }),
      { failure: /announces \d{13,} pages, more than 50 pages.*limits\.maxPagesPerPartition/ },
    );
  });

  it('MediaMath meta.total_pages 1e12 stops at the default page budget', async () => {
    s = await scenario(mediamath, MEDIAMATH('paginated'));
    await expectAttackContained(
      s,
      mediamath,
      bodyAttack((body) => {
        body.meta!.total_pages = 1e12;
      }),
      { failure: /limits\.maxPagesPerPartition/ },
    );
  });

  it('a TrackMaster next link that never ends stops at the page budget', async () => {
    s = await scenario(trackmaster, { ...TRACKMASTER, limits: { maxPagesPerPartition: 8 } });
    await expectAttackContained(
      s,
      trackmaster,
      nextLinkAttack((target) => {
        const url = new URL(target, s!.proxy.url);
        url.searchParams.set('page', String(Number(url.searchParams.get('page') ?? '1') + 1));
        return url.toString();
      }, '[]'),
      { failure: /keeps announcing a next page past 8 pages.*limits\.maxPagesPerPartition/ },
    );
  });

  it('a TrackMaster next link that points at itself is refused at once', async () => {
    s = await scenario(trackmaster, TRACKMASTER);
    await expectAttackContained(
      s,
      trackmaster,
      nextLinkAttack((target) => `${s!.proxy.url}${target}`),
      { failure: /points back to the page just fetched/ },
    );
  });
});

describe('row 5: time, lines and streams', () => {
  it('a body that drips one byte at a time stops at the total request time', async () => {
    s = await scenario(adcloud, { ...ADCLOUD, limits: { requestTimeoutSeconds: 1, idleTimeoutSeconds: 5 } });
    await expectAttackContained(
      s,
      adcloud,
      async (request, { res }) => {
        if (!isData(request.target)) return undefined;
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => {
          if (res.destroyed) clearInterval(drip);
          else res.write(' ');
        }, 100);
        res.on('close', () => clearInterval(drip));
        return 'handled';
      },
      { failure: /still running after 1 s.*limits\.requestTimeoutSeconds/ },
    );
  });

  it('one endless NDJSON line stops at the line budget with bounded memory', async () => {
    s = await scenario(mediamath, { ...MEDIAMATH('streaming'), limits: { maxLineBytes: 1_000_000 } });
    await expectAttackContained(
      s,
      mediamath,
      async (request, { forward, res }) => {
        if (!isData(request.target)) return undefined;
        const header = (await forward()).body.split('\n')[0]!;
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${header}\n{"a":"`);
        await writeForever(res, 'a'.repeat(64 * 1024), 512 * 1024 * 1024);
        return 'handled';
      },
      { failure: /a line of the stream is longer than 1000000 bytes.*limits\.maxLineBytes/ },
    );
  });

  it('an endless line sent as a small gzip stops at the line budget too', async () => {
    s = await scenario(mediamath, { ...MEDIAMATH('streaming'), limits: { maxLineBytes: 1_000_000 } });
    await expectAttackContained(
      s,
      mediamath,
      async (request, { forward, res }) => {
        if (!isData(request.target)) return undefined;
        const header = (await forward()).body.split('\n')[0]!;
        // A gzip stream of one endless line: a few hundred bytes on the wire per inflated megabyte.
        res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
        const gzip = createGzip();
        gzip.pipe(res);
        gzip.write(`${header}\n{"a":"`);
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        for (let sent = 0; sent < 1024 && !res.destroyed; sent++) {
          if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
        }
        gzip.end();
        return 'handled';
      },
      { failure: /limits\.maxLineBytes/ },
    );
  });

  it.each([
    ['the row budget', { maxRowsPerPartition: 2_000 }, /more than 2000 rows.*limits\.maxRowsPerPartition/],
    [
      'the stream byte budget',
      { maxStreamBytes: 2_000_000 },
      /streamed more than 2000000 bytes.*limits\.maxStreamBytes/,
    ],
  ])('an endless stream of valid rows stops at %s', async (_budget, limits, failure) => {
    s = await scenario(mediamath, { ...MEDIAMATH('streaming'), limits });
    await expectAttackContained(
      s,
      mediamath,
      async (request, { forward, res }) => {
        if (!isData(request.target)) return undefined;
        const [header, row] = (await forward()).body.split('\n');
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(`${header}\n`);
        await writeForever(res, `${row}\n`.repeat(200), 512 * 1024 * 1024);
        return 'handled';
      },
      { failure },
    );
  });
});

describe('row 6: waits the vendor imposes', () => {
  const tenYears = () => String(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400);

  it('X-RateLimit-Reset ten years ahead fails the partition at once, naming the wait budget', async () => {
    s = await scenario(trackmaster, TRACKMASTER);
    await expectAttackContained(
      s,
      trackmaster,
      async (request, { forward }) => {
        if (!isData(request.target)) return undefined;
        const answer = await forward();
        return {
          ...answer,
          headers: { ...answer.headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': tenYears() },
        };
      },
      { failure: /rate limit resets in \d+ s, longer than 3900 s.*limits\.maxVendorWaitSeconds/ },
    );
  });

  it("TrackMaster's 403 refusal with a reset ten years ahead fails at once", async () => {
    s = await scenario(trackmaster, TRACKMASTER);
    await expectAttackContained(
      s,
      trackmaster,
      async (request) => {
        if (!isData(request.target)) return undefined;
        return {
          status: 403,
          headers: {
            'content-type': 'application/json',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': tenYears(),
          },
          body: JSON.stringify({ message: 'API rate limit exceeded' }),
        };
      },
      { failure: /limits\.maxVendorWaitSeconds/ },
    );
  });

  it('Retry-After beyond the wait budget fails the partition instead of sleeping', async () => {
    s = await scenario(adcloud, { ...ADCLOUD, limits: { maxVendorWaitSeconds: 60 } });
    await expectAttackContained(
      s,
      adcloud,
      async (request) => {
        if (!isData(request.target)) return undefined;
        return { status: 429, headers: { 'retry-after': '900' }, body: '{"message":"slow down"}' };
      },
      { failure: /asked to wait 900 s, longer than 60 s.*limits\.maxVendorWaitSeconds/ },
    );
  });

  it('a wait that would outlast the partition deadline fails at once, naming the deadline', async () => {
    s = await scenario(adcloud, { ...ADCLOUD, limits: { partitionDeadlineSeconds: 30 } });
    await expectAttackContained(
      s,
      adcloud,
      async (request) => {
        if (!isData(request.target)) return undefined;
        return { status: 429, headers: { 'retry-after': '900' }, body: '{"message":"slow down"}' };
      },
      {
        failure:
          /waiting 900 s before retrying.*would outlast the deadline \(deadline limits\.partitionDeadlineSeconds \(30 s\)\)/,
      },
    );
  });
});
