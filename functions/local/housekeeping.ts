import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Local runs leave nothing behind for good. A run marks its staging folder as live (its process
 * id and host); the next run of a source removes that source's staging from every run that is
 * no longer live (finished, failed, or killed), and the hidden temporary files a killed process
 * left beside the source's lake objects, commit records and cached token. A live run's files
 * are never touched, so two runs of a source at once stay safe.
 */

const OWNER = '.owner.json';
/** A folder without an owner younger than this may be a run that is just starting. */
const GRACE_MS = 10 * 60_000;
/** Temporary files written by `atomicFileSink` / the token cache: `.name.<pid>.<…>.tmp`. */
const TEMP = /^\..+\.(\d+)\.[^.]+\.tmp$|^.+\.json\.(\d+)\.\d+\.tmp$|^\..+\.[0-9a-f-]{36}\.tmp$/;

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
  finished?: boolean;
}

export interface Leftovers {
  stagingRuns: number;
  tempFiles: number;
}

/** Marks `<staging>/<runId>` as belonging to this live process. */
export async function markRunLive(stagingRoot: string, runId: string): Promise<void> {
  await writeOwner(stagingRoot, runId, {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  });
}

/** The run is over (whatever its outcome): its staging may be cleaned by the next run. */
export async function markRunFinished(stagingRoot: string, runId: string): Promise<void> {
  const owner = await readOwner(join(stagingRoot, runId));
  if (owner) await writeOwner(stagingRoot, runId, { ...owner, finished: true });
}

/**
 * Removes what dead or finished runs left for these sources: their staging (then the run's
 * folder once empty) and orphaned temporary files under the sources' lake folders, commit
 * records and token cache.
 */
export async function cleanLeftovers(args: {
  outDir: string;
  tokenDir: string;
  sources: { name: string; tables: readonly string[] }[];
  currentRunId: string;
}): Promise<Leftovers> {
  const found: Leftovers = { stagingRuns: 0, tempFiles: 0 };
  const stagingRoot = join(args.outDir, '_staging');
  for (const runId of await list(stagingRoot)) {
    if (runId === args.currentRunId) continue;
    const runDir = join(stagingRoot, runId);
    if (await isLive(runDir)) continue;
    let removed = false;
    for (const table of await list(runDir)) {
      for (const source of args.sources) {
        const dir = join(runDir, table, `source=${source.name}`);
        if (await exists(dir)) {
          await rm(dir, { recursive: true, force: true });
          removed = true;
        }
      }
      if ((await list(join(runDir, table))).length === 0)
        await rm(join(runDir, table), { recursive: true, force: true });
    }
    if (removed) found.stagingRuns++;
    const rest = (await list(runDir)).filter((name) => name !== OWNER);
    if (rest.length === 0) await rm(runDir, { recursive: true, force: true });
  }
  const dirs = [
    ...args.sources.flatMap((s) => s.tables.map((table) => join(args.outDir, table, `source=${s.name}`))),
    // Restatement records and per-key digests (docs/guarantees.md § 11), per source.
    ...args.sources.flatMap((s) => [
      join(args.outDir, 'restatements', `source=${s.name}`),
      ...s.tables.map((table) => join(args.outDir, '_commits', 'keys', table, `source=${s.name}`)),
    ]),
    join(args.outDir, '_commits'),
    args.tokenDir,
  ];
  const names = new Set(args.sources.map((s) => s.name));
  for (const dir of dirs) {
    for (const entry of await list(dir, true)) {
      const base = entry.split(/[\\/]/).pop()!;
      const match = TEMP.exec(base);
      if (!match) continue;
      // Commit records and tokens of other sources share these folders: only ours.
      if (
        (dir.endsWith('_commits') || dir === args.tokenDir) &&
        ![...names].some((n) => base.includes(`source=${n}_`) || base.startsWith(`${n}.json.`))
      )
        continue;
      const pid = match[1] ?? match[2];
      if (pid ? isAlive(Number(pid)) : await isYoung(join(dir, entry))) continue;
      await rm(join(dir, entry), { force: true });
      found.tempFiles++;
    }
  }
  return found;
}

async function isLive(runDir: string): Promise<boolean> {
  const owner = await readOwner(runDir);
  if (!owner) {
    // Staging of an older version or a run just creating its folder: judge by age.
    const info = await stat(runDir).catch(() => undefined);
    return !!info && Date.now() - info.mtimeMs < GRACE_MS;
  }
  if (owner.finished) return false;
  if (owner.host !== hostname()) return true; // another machine's process: never ours to judge
  return isAlive(owner.pid);
}

async function isYoung(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return !!info && Date.now() - info.mtimeMs < GRACE_MS;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(runDir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, OWNER), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

async function writeOwner(stagingRoot: string, runId: string, owner: Owner): Promise<void> {
  const dir = join(stagingRoot, runId);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${OWNER}.${process.pid}.tmp`);
  await writeFile(temp, JSON.stringify(owner));
  await rename(temp, join(dir, OWNER));
}

async function list(dir: string, recursive = false): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive })) as string[];
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
