import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { expectLakeEqualsTruth, localLake, tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { adcloudTruth } from '../support/truth.js';

const report = adcloud.reports.advertiser!;
const DATE = '2024-05-02';
/** Five pages of 200 rows. */
const ROWS = 1000;

let simulator: AdcloudSimulator;
let dir: { path: string; cleanup: () => Promise<void> } | undefined;

beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: ROWS, seed: 11 });
});
afterAll(async () => {
  await simulator.close();
});
afterEach(async () => {
  simulator.setFaults({});
  await dir?.cleanup();
  dir = undefined;
});

describe('the local runner writes a partition while its pages are fetched', () => {
  it('writes every page before the commit and the vendor rows exactly', async () => {
    dir = await tempDir();
    const run = await runAgainst(
      simulator,
      { name: 'adcloud_overlap', connector: 'adcloud', concurrency: 2 },
      { dir: dir.path, dates: [DATE] },
    );
    expect(run.results).toMatchObject([{ status: 'written', rows: ROWS, pages: 5, overlapped: 5 }]);
    await expectLakeEqualsTruth(
      localLake(run.outDir, 'adcloud_overlap', () => report),
      [{ table: report.table, date: DATE }],
      adcloudTruth(simulator),
    );
  });

  it('drops what it wrote when a later page fails: the previous partition stays, nothing is left beside it', async () => {
    dir = await tempDir();
    const source = { name: 'adcloud_overlap_keep', connector: 'adcloud', concurrency: 1 };
    await runAgainst(simulator, source, { dir: dir.path, dates: [DATE] });
    const file = join(
      dir.path,
      'lake',
      partitionObjectKey({ table: report.table, source: source.name, date: DATE }, 'parquet'),
    );
    const before = await readFile(file);
    simulator.restate(DATE);
    // The fourth page is refused (400, not retried): pages 1 to 3 were staged and written by then.
    simulator.setFaults({
      scripted: [
        {
          nth: 4,
          fault: {
            kind: 'status',
            status: 400,
            body: { status: 400, message: 'Parameters missing or wrong' },
          },
        },
      ],
    });
    const run = await runAgainst(simulator, source, { dir: dir.path, dates: [DATE] });
    expect(run.results).toMatchObject([{ status: 'failed', errorCode: 'VENDOR_HTTP', pages: 3 }]);
    expect(await readFile(file)).toEqual(before);
    // No temporary object of the dropped write beside the partition.
    expect(await readdir(dirname(file))).toEqual(['data.parquet']);
  });
});
