import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsHarness, startAwsHarness } from './support/aws-harness.js';
import { runManyContainers } from './support/many-containers.js';

let aws: AwsHarness;
beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
});
afterAll(async () => {
  await aws?.stop();
});

describe('many containers, one vendor (planner + 8 fetchers on fauxqs + dynalite)', () => {
  // No timing is asserted here (the budget share is measured in `npm run bench`): only that the
  // vendor never refused, no window held more than the limit, one token served every container,
  // and every partition was committed.
  it('never exceeds the vendor limit, makes one token grant, commits every partition', async () => {
    // `npm run bench` (bench/coordination.ts) runs this test with a bigger workload and keeps
    // the figures; `npm test` runs the small one.
    const benchOut = process.env.RF_BENCH_COORDINATION_OUT;
    const result = await runManyContainers(aws, 'rf-many', {
      fetchers: 8,
      // Slots of 250 ms (a request may arrive a whole slot late without overfilling a window).
      limit: benchOut ? 120 : 10,
      windowMs: benchOut ? 5_000 : 2_000,
      dates: ['2025-06-01', '2025-06-02', '2025-06-03'],
      // 3 dates x 15 pages of 200 rows = 45 page requests + 1 grant: several windows. The bench:
      // the document's TrackMaster limit (120 per 5 s) over at least five windows.
      rowsPerDate: (benchOut ? 220 : 15) * 200,
    });
    if (benchOut) await writeFile(benchOut, JSON.stringify(result));
    expect(result.refused).toBe(0);
    expect(Math.max(...result.perWindow)).toBeLessThanOrEqual(benchOut ? 120 : 10);
    expect(result.perWindow.length).toBeGreaterThanOrEqual(4);
    expect(result.grants).toBe(1);
    expect(result.deadLetters).toBe(0);
    expect(result.committed).toBe(result.partitions);
  }, 240_000);
});
