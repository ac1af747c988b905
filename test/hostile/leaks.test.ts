import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { expectAttackContained, runCli, type Scenario, scenario } from './support/scenario.js';

// Rows 7 and 10 of issue 11: no secret in any encoding, no control character from a vendor
// reaches a terminal or a log.

let adcloud: AdcloudSimulator;
let trackmaster: TrackMasterSimulator;
let s: Scenario | undefined;
const ADCLOUD = { connector: 'adcloud', date: '2024-05-01' };

beforeAll(async () => {
  adcloud = await startAdcloud({ rowsPerDate: 40 });
  trackmaster = await startTrackMaster({
    medias: { 101: 3 },
    referenceDate: '2024-06-30',
    reportPageSize: 30,
  });
});
afterAll(async () => {
  await Promise.all([adcloud.close(), trackmaster.close()]);
});
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** A token endpoint that refuses the grant and echoes the posted secret back, shaped by `echo`. */
const echoingTokenEndpoint =
  (echo: (secret: string) => { body: string; type: string }) =>
  async (request: { target: string; body: string }) => {
    if (!request.target.includes('oauth')) return undefined;
    const secret = new URLSearchParams(request.body).get('client_secret') ?? '';
    const { body, type } = echo(secret);
    return { status: 400, headers: { 'content-type': type }, body };
  };

describe('row 7: redaction', () => {
  const QUOTED = 'q"uo\\te/d+é&sec ret';

  it('a secret with quotes and backslashes echoed JSON-escaped in a JSON error is not printed', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const env = { RF_VICTIM_CLIENT_SECRET: QUOTED, REPORT_FETCHER_STATE_DIR: `${s.dir}/state-2` };
    const result = await expectAttackContained(
      s,
      adcloud,
      echoingTokenEndpoint((secret) => ({
        type: 'application/json',
        body: JSON.stringify({ message: `invalid client_secret ${secret}` }),
      })),
      { failure: /token grant refused/, secrets: [QUOTED, JSON.stringify(QUOTED).slice(1, -1)], env },
    );
    expect(result.err).toContain('[redacted]');
  });

  it('the same secret echoed JSON-escaped inside a text body is not printed either', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const env = { RF_VICTIM_CLIENT_SECRET: QUOTED, REPORT_FETCHER_STATE_DIR: `${s.dir}/state-2` };
    await expectAttackContained(
      s,
      adcloud,
      echoingTokenEndpoint((secret) => ({
        type: 'text/plain',
        body: `error: bad secret ${JSON.stringify(secret)} / ${encodeURIComponent(secret)} / ${Buffer.from(`id:${secret}`).toString('base64')}`,
      })),
      {
        failure: /token grant refused/,
        secrets: [
          QUOTED,
          JSON.stringify(QUOTED).slice(1, -1),
          encodeURIComponent(QUOTED),
          Buffer.from(`id:${QUOTED}`).toString('base64'),
        ],
        env,
      },
    );
  });

  it('a three-character secret is redacted too', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const env = { RF_VICTIM_CLIENT_SECRET: 'k9Q', REPORT_FETCHER_STATE_DIR: `${s.dir}/state-2` };
    await expectAttackContained(
      s,
      adcloud,
      echoingTokenEndpoint((secret) => ({
        type: 'application/json',
        body: JSON.stringify({ message: `wrong: ${secret}` }),
      })),
      { failure: /wrong: \[redacted\]/, secrets: ['k9Q'], env },
    );
  });

  it('a token endpoint answering a one-character token is refused in one line, and the logs keep every letter', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const env = { REPORT_FETCHER_STATE_DIR: `${s.dir}/state-2` };
    const result = await expectAttackContained(
      s,
      adcloud,
      async (request) =>
        request.target.includes('oauth')
          ? {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ access_token: 'e', scope: '' }),
            }
          : undefined,
      {
        failure: /the access_token it answered is shorter than 8 characters, too short to be a credential/,
        env,
      },
    );
    expect(result.err).not.toContain('[redacted]');
  });

  it('a password in baseUrl userinfo is refused and never printed, by run or sources', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const url = new URL(s.proxy.url);
    url.username = 'user';
    url.password = 'Hunter2-pass';
    await s.configure({ baseUrl: url.toString() });
    for (const args of [
      ['run', '--config', s.configPath, '--date', '2024-05-01', '--out', s.outDir],
      ['sources', '--config', s.configPath],
    ]) {
      const result = await runCli(args, s.env);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/baseUrl: must not carry a user name or password/);
      expect(result.err + result.out).not.toContain('Hunter2-pass');
    }
    expect(s.proxy.seen).toEqual([]);
  });
});

describe('row 10: vendor text on the terminal', () => {
  const HOSTILE_TEXT = '\u001b[2J\u001b]0;pwned\u0007\r\nreport-fetcher: all 1 partitions written\u202e';

  it('escape sequences and line breaks in a vendor error are shown escaped, on one line', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const result = await expectAttackContained(
      s,
      adcloud,
      async (request) => {
        if (!request.target.includes('reports')) return undefined;
        return {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: HOSTILE_TEXT }),
        };
      },
      {
        failure:
          /HTTP 400: \\x1b\[2J\\x1b\]0;pwned\\x07\\x0d\\x0areport-fetcher: all 1 partitions written\\u202e/,
      },
    );
    expect(result.err.split('\n').filter((line) => line.startsWith('report-fetcher: all'))).toEqual([]);
  });

  it('vendor strings in the lake are shown escaped by query', async () => {
    s = await scenario(trackmaster, {
      connector: 'trackmaster',
      date: '2024-06-20',
      reports: ['campaigns'],
      options: { mediaIds: [101] },
    });
    s.proxy.attack(async (request, { forward }) => {
      if (!/\/campaigns(\?|$)/.test(request.target)) return undefined;
      const answer = await forward();
      const campaigns = JSON.parse(answer.body) as { name: string }[];
      for (const campaign of campaigns) campaign.name = `${campaign.name}${HOSTILE_TEXT}`;
      return { ...answer, body: JSON.stringify(campaigns) };
    });
    const run = await s.run();
    expect(run.code, run.err).toBe(0);
    const query = await runCli(['query', 'SELECT name FROM trackmaster_campaigns', '--out', s.outDir], s.env);
    expect(query.code, query.err).toBe(0);
    expect(query.out).toContain('\\x1b[2J');
    expect(query.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});
