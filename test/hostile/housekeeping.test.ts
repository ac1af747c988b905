import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { treeDigest } from './support/hostile-server.js';
import { runCli, type Scenario, scenario } from './support/scenario.js';

// Row 11 of issue 11: --out, duplicate --source, and what failed or killed runs leave behind.

let adcloud: AdcloudSimulator;
let s: Scenario | undefined;
const ADCLOUD = { connector: 'adcloud', date: '2024-05-01' };

beforeAll(async () => {
  adcloud = await startAdcloud({ rowsPerDate: 40 });
});
afterAll(() => adcloud.close());
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The id of a process that has exited: what a kill -9 leaves in a file name. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('row 11: local housekeeping', () => {
  it('--out "" and --out naming a file are refused with one line, nothing written', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const file = join(s.dir, 'a-file');
    await writeFile(file, 'x');
    const before = await treeDigest(s.dir);
    for (const out of ['', file]) {
      const result = await runCli(
        ['run', '--config', s.configPath, '--date', '2024-05-01', '--out', out],
        s.env,
      );
      expect(result.code).toBe(2);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/--out (must name a directory|.* is not a directory)/);
    }
    expect(await treeDigest(s.dir)).toEqual(before);
    expect(s.proxy.seen).toEqual([]);
  });

  it('a source named twice runs once', async () => {
    s = await scenario(adcloud, ADCLOUD);
    const result = await s.run(['--source', 'victim', '--source', 'victim']);
    expect(result.code, result.err).toBe(0);
    expect(result.out.split('\n').filter((line) => line.startsWith('victim'))).toHaveLength(1);
    expect(s.proxy.seen.filter((r) => r.target.includes('reports')).length).toBe(1);
  });

  it("the next run of a source removes a failed run's staging and a killed writer's temporary files", async () => {
    s = await scenario(adcloud, ADCLOUD);
    // A failed run leaves its staging (for a look); it is over, so the next run may clean it.
    s.proxy.attack(async (request) =>
      request.target.includes('reports') ? { status: 400, headers: {}, body: '{"message":"no"}' } : undefined,
    );
    const failed = await s.run();
    s.proxy.attack(undefined);
    expect(failed.code).toBe(1);
    const staging = join(s.outDir, '_staging');
    const failedRuns = await readdir(staging);
    expect(failedRuns).toHaveLength(1);
    // What kill -9 leaves: a run folder owned by a dead process, hidden temporary files.
    const pid = deadPid();
    const killedRun = join(
      staging,
      '20240101T000000Z-killed',
      'adcloud_advertiser',
      'source=victim',
      'dt=2024-05-01',
    );
    await mkdir(killedRun, { recursive: true });
    await writeFile(
      join(staging, '20240101T000000Z-killed', '.owner.json'),
      JSON.stringify({ pid, host: (await import('node:os')).hostname(), startedAt: '' }),
    );
    await writeFile(join(killedRun, '_manifest.json'), '{}');
    const partitionDir = join(s.outDir, 'adcloud_advertiser', 'source=victim', 'dt=2024-05-01');
    await mkdir(partitionDir, { recursive: true });
    const orphan = join(partitionDir, `.data.parquet.${pid}.0f8fad5b-d9cb-469f-a165-70867728950e.tmp`);
    await writeFile(orphan, 'half a file');
    const live = join(partitionDir, `.data.parquet.${process.pid}.7c9e6679-7425-40de-944b-e07fc1f90ae7.tmp`);
    await writeFile(live, 'a live writer');
    // Another source's leftovers are not this run's business.
    const otherDir = join(staging, '20240101T000000Z-other', 'adcloud_advertiser', 'source=someone_else');
    await mkdir(otherDir, { recursive: true });
    await writeFile(join(otherDir, '_manifest.json'), '{}');

    const next = await s.run();
    expect(next.code, next.err).toBe(0);
    expect((await readdir(staging)).sort()).toEqual(['20240101T000000Z-other']);
    const left = await readdir(partitionDir);
    expect(left).not.toContain(orphan.split('/').pop());
    expect(left).toContain(live.split('/').pop());
  });
});
