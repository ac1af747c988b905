import { spawn } from 'node:child_process';

/**
 * The CLI's own heap policy. V8's default heap sizing (old space sized from the machine's RAM,
 * 16 MB semi-spaces) lets garbage pile up long before it collects: a 1 M-row day reached
 * 430 MB of RSS with 40 MB of live data. The CLI therefore runs itself under these flags: an
 * old-space cap well above the engine's live set (about 40 MB for a partition of any size: rows
 * stream through in batches and row groups) and small semi-spaces, so collection keeps pace.
 * The cap is not a budget the engine needs; it is how soon V8 gives memory back. Bodies read
 * whole are bounded by limits.maxResponseBytes (64 MB), which this cap leaves room for.
 */
export const CLI_HEAP_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=4'];

/** Set in the re-run process (and honoured if a user sets it): run as is, no re-run. */
export const HEAP_POLICY_ENV = 'REPORT_FETCHER_HEAP_POLICY';

const USER_HEAP_FLAG = /--max-old-space-size|--max-semi-space-size|--max-heap-size/;

/** Whether this process should re-run itself under CLI_HEAP_FLAGS. */
export function needsHeapPolicy(env: NodeJS.ProcessEnv, execArgv: readonly string[]): boolean {
  if (env[HEAP_POLICY_ENV]) return false;
  // A user's own heap flags (on the command line or in NODE_OPTIONS) win over the policy.
  return !USER_HEAP_FLAG.test(execArgv.join(' ')) && !USER_HEAP_FLAG.test(env.NODE_OPTIONS ?? '');
}

/**
 * Runs this script again under the heap policy, stdio inherited, and resolves with its exit
 * code; undefined when this process already runs under it (or the user chose their own flags),
 * in which case the caller goes on. Signals reach the child; a child killed by one exits the
 * parent with 128 + its number, as a shell would report it.
 */
export async function runUnderHeapPolicy(): Promise<number | undefined> {
  if (!needsHeapPolicy(process.env, process.execArgv)) return undefined;
  const child = spawn(
    process.execPath,
    [...CLI_HEAP_FLAGS, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [HEAP_POLICY_ENV]: 'applied' } },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
      resolve(code ?? 128 + (signal ? (numbers[signal] ?? 1) : 1));
    });
  });
}
