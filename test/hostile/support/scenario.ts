import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../../bin/cli.js';
import type { CliIo } from '../../../bin/cli-io.js';
import { defaultEnvName } from '../../../functions/config/credentials.js';
import { CONNECTORS } from '../../../functions/connectors/index.js';
import { credentialKeysOf } from '../../../functions/engine/auth/auth-spec.js';
import type { SimulatorHandle } from '../../simulators/types.js';
import { tempDir } from '../../support/lake.js';
import { type Attack, allText, type HostileProxy, startHostileProxy, treeDigest } from './hostile-server.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
  /** Highest RSS sampled during the run, minus the RSS just before it (bytes). */
  rssGrowth: number;
}

/** Runs the real CLI in this process, capturing its output and sampling its memory. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let out = '';
  let err = '';
  const stderr = {
    isTTY: false,
    write: (text: string) => {
      err += text;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const io: CliIo = { stdout: (text) => (out += text), stderr, env };
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const code = await main(args, io);
    return { code, out, err, rssGrowth: Math.max(0, peak - before) };
  } finally {
    clearInterval(sampler);
  }
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Peak RSS growth allowed in a hostile run: far below what the unbounded attacks reached (1.6 GB+). */
export const RSS_BOUND = 384 * 1024 * 1024;

export interface Scenario {
  dir: string;
  outDir: string;
  configPath: string;
  proxy: HostileProxy;
  env: NodeJS.ProcessEnv;
  /** Runs `run --date <date>` through the proxy. */
  run(extra?: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** Writes the config again with other source fields. */
  configure(fields: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * One source, named `victim`, whose baseUrl is a hostile proxy in front of `simulator`;
 * credentials in the environment as a user's would be.
 */
export async function scenario(
  simulator: SimulatorHandle,
  source: { connector: string; date: string; [field: string]: unknown },
): Promise<Scenario> {
  const { path: dir, cleanup } = await tempDir('rf-hostile-');
  const proxy = await startHostileProxy(simulator.url);
  const outDir = join(dir, 'lake');
  const configPath = join(dir, 'config.json');
  const { date, ...fields } = source;
  const env: NodeJS.ProcessEnv = { REPORT_FETCHER_STATE_DIR: join(dir, 'state') };
  for (const key of credentialKeysOf(CONNECTORS[source.connector]!.auth))
    env[defaultEnvName('victim', key)] = simulator.credentials[key];
  let current: Record<string, unknown> = { name: 'victim', baseUrl: proxy.url, ...fields };
  const write = () => writeFile(configPath, JSON.stringify({ sources: [current] }));
  await mkdir(dir, { recursive: true });
  await write();
  return {
    dir,
    outDir,
    configPath,
    proxy,
    env,
    run: (extra = [], overrides = {}) =>
      runCli(['run', '--config', configPath, '--date', date, '--out', outDir, ...extra], {
        ...env,
        ...overrides,
      }),
    async configure(more) {
      current = { ...current, ...more };
      await write();
    },
    async close() {
      await proxy.close();
      await cleanup();
    },
  };
}

export interface HostileExpectations {
  /** The one line that says why the run stopped. */
  failure: RegExp;
  /** Secrets that must appear nowhere (the simulator's credentials and tokens are always added). */
  secrets?: string[];
  /** Another origin that must have received nothing. */
  bystander?: { seen: unknown[] };
  /** Environment of the attacked run only (other credentials, say). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A good run first (the previous partition), then the attack; afterwards: no credential at the
 * other origin, the run ended by itself with exit 1 and one clear line per failed partition,
 * bounded memory, nothing written outside --out, the previous partition byte-identical, no
 * secret or control character in any output or file.
 */
export async function expectAttackContained(
  s: Scenario,
  simulator: SimulatorHandle,
  attack: Attack,
  expectations: HostileExpectations,
): Promise<CliResult> {
  s.proxy.attack(undefined);
  const good = await s.run();
  expect(good.err, good.err).not.toMatch(/failed/);
  expect(good.code).toBe(0);
  const previous = await treeDigest(s.outDir, ['_staging']);
  expect(Object.keys(previous).length).toBeGreaterThan(0);
  const outside = await treeDigest(s.dir, ['lake', 'state']);

  s.proxy.attack(attack);
  const result = await s.run([], expectations.env);
  s.proxy.attack(undefined);

  expect(result.code, result.err).toBe(1);
  const failures = result.err.split('\n').filter((line) => line.startsWith('report-fetcher: failed: '));
  expect(failures.length, result.err).toBeGreaterThan(0);
  for (const line of failures) expect(line).toMatch(expectations.failure);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(CONTROL.test(result.err), JSON.stringify(result.err)).toBe(false);
  expect(CONTROL.test(result.out), JSON.stringify(result.out)).toBe(false);
  expect(result.rssGrowth).toBeLessThan(RSS_BOUND);
  if (expectations.bystander) expect(expectations.bystander.seen).toEqual([]);
  expect(await treeDigest(s.dir, ['lake', 'state'])).toEqual(outside);
  expect(await treeDigest(s.outDir, ['_staging'])).toEqual(previous);
  const files = await allText(s.outDir);
  for (const secret of [...simulator.issuedSecrets(), ...(expectations.secrets ?? [])]) {
    expect(result.err).not.toContain(secret);
    expect(result.out).not.toContain(secret);
    expect(files.includes(secret), `secret in a file under --out`).toBe(false);
  }
  return result;
}
