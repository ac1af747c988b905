import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI_HEAP_FLAGS, HEAP_POLICY_ENV, needsHeapPolicy } from '../../functions/local/heap-policy.js';

const PROBE = fileURLToPath(new URL('./fixtures/heap-probe.ts', import.meta.url));
const capMb = Number(/--max-old-space-size=(\d+)/.exec(CLI_HEAP_FLAGS.join(' '))![1]);

async function probe(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { [HEAP_POLICY_ENV]: _, NODE_OPTIONS: __, ...inherited } = process.env;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE, ...args], {
      env: { ...inherited, ...env },
    });
    return { code: 0, ...(JSON.parse(stdout) as { limitMb: number }) };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, ...(JSON.parse(stdout) as { limitMb: number }) };
  }
}

describe('the CLI heap policy', () => {
  it('re-runs a plain `node` start under its old-space cap and passes the exit code through', async () => {
    const run = await probe(['3']);
    expect(run.code).toBe(3);
    // The heap limit is the old-space cap plus the young generation: well under V8's default
    // (2 GB and more on a machine this size).
    expect(run.limitMb).toBeGreaterThanOrEqual(capMb);
    expect(run.limitMb).toBeLessThan(capMb + 64);
  }, 60_000);

  it("leaves a user's own heap flags alone", async () => {
    const run = await probe([], { NODE_OPTIONS: '--max-old-space-size=1000' });
    expect(run.limitMb).toBeGreaterThanOrEqual(1000);
  }, 60_000);

  it('decides from the environment and the flags the process started with', () => {
    expect(needsHeapPolicy({}, [])).toBe(true);
    expect(needsHeapPolicy({ [HEAP_POLICY_ENV]: 'applied' }, [])).toBe(false);
    expect(needsHeapPolicy({}, ['--max-old-space-size=64'])).toBe(false);
    expect(needsHeapPolicy({ NODE_OPTIONS: '--max-semi-space-size=2' }, [])).toBe(false);
  });
});
