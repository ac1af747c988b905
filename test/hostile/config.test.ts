import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/lake.js';
import { runCli } from './support/scenario.js';

// Row 9 of issue 11: config names where credentials may go, and never echoes a secret.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir('rf-hostile-config-'));
});
afterEach(() => cleanup());

async function sources(source: Record<string, unknown>) {
  const path = join(dir, 'config.json');
  await writeFile(path, JSON.stringify({ sources: [{ name: 'victim', connector: 'adcloud', ...source }] }));
  const result = await runCli(['sources', '--config', path], {});
  return { ...result, lines: result.err.trim().split('\n') };
}

describe('row 9: config', () => {
  it.each([
    ['plain http to another host', { baseUrl: 'http://api.adcloud.example' }, /baseUrl: must be https/],
    [
      'plain http to a look-alike of loopback',
      { baseUrl: 'http://127.0.0.1.nip.io' },
      /baseUrl: must be https/,
    ],
    ['a non-http scheme', { baseUrl: 'file:///etc/passwd' }, /baseUrl: must be https/],
    ['another scheme for the token endpoint', { authUrl: 'ftp://auth.example' }, /authUrl: must be https/],
    [
      'userinfo',
      { baseUrl: 'https://me:Pa55word-x@api.example' },
      /baseUrl: must not carry a user name or password/,
    ],
    ['__proto__ as a name', { name: '__proto__' }, /name: must be lower_snake_case/],
    ['constructor as a name', { name: 'constructor' }, /name: must not be a JavaScript property name/],
    [
      '__proto__ as an option name',
      { options: JSON.parse('{"__proto__": {"polluted": 1}}') },
      /unknown key|JavaScript property name/,
    ],
  ])('refuses %s with one clear line', async (_what, source, message) => {
    const result = await sources(source);
    expect(result.code).toBe(2);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^report-fetcher: error: /);
    expect(result.lines[0]).toMatch(message);
    expect(result.err).not.toContain('Pa55word-x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts https and plain http to loopback', async () => {
    for (const baseUrl of [
      'https://api.adcloud.com',
      'http://127.0.0.1:9',
      'http://localhost:9',
      'http://[::1]:9',
    ]) {
      const result = await sources({ baseUrl });
      expect(result.code, result.err).toBe(0);
    }
  });

  it('never echoes a secret pasted where an environment variable name belongs', async () => {
    const pasted = 'SK9F2K1LQ0ZX7PRT4MNB8V3C';
    const path = join(dir, 'config.json');
    await writeFile(
      path,
      JSON.stringify({
        sources: [{ name: 'victim', connector: 'adcloud', credentials: { env: { client_secret: pasted } } }],
      }),
    );
    const result = await runCli(
      ['run', '--config', path, '--date', '2024-05-01', '--out', join(dir, 'lake')],
      {},
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/missing credentials/);
    expect(result.err).not.toContain(pasted);
    const lower = await sources({
      credentials: { env: { client_secret: 'sk_live_9f2k1lq0zx7prt4mnb8v3c' } },
    });
    expect(lower.code).toBe(2);
    expect(lower.err).not.toContain('sk_live_9f2k1lq0zx7prt4mnb8v3c');
    const key = await sources({ sk_live_9f2k1lq0zx7prt4mnb8v3c: 1 });
    expect(key.code).toBe(2);
    expect(key.err).toMatch(/unknown key/);
    expect(key.err).not.toContain('sk_live_9f2k1lq0zx7prt4mnb8v3c');
  });
});
