import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { allFileContents, expectLakeEqualsTruth, localLake, tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS } from '../support/simulator-suite.js';
import { reportByTable, VENDOR_CASES } from '../support/vendor-cases.js';

/**
 * Two runs of the same dates at the same time, sharing the lake and the token cache (two
 * terminals, or a schedule overlapping a manual re-run): both finish, each partition is one
 * object equal to the vendor's truth, and no temporary file is left behind.
 */
for (const vendor of VENDOR_CASES.filter((v) => v.connector === 'adcloud' || v.connector === 'trackmaster')) {
  describe(`two concurrent runs: ${vendor.connector}`, () => {
    let simulator: SimulatorHandle;
    beforeAll(async () => {
      simulator = await vendor.start({ seed: 21, latencyMs: 2 });
    });
    afterAll(() => simulator.close());

    it('leave exactly one object per partition, equal to the truth', async () => {
      const dir = await tempDir();
      try {
        const name = `${vendor.connector}_twice`;
        const source = { name, connector: vendor.connector, options: vendor.options, concurrency: 3 };
        const options = { dir: dir.path, dates: vendor.dates, deps: FAST_FAULTS };
        const [first, second] = await Promise.all([
          runAgainst(simulator, source, options),
          runAgainst(simulator, source, options),
        ]);
        for (const run of [first!, second!])
          expect(run.results.filter((r) => r.status !== 'written')).toEqual([]);
        const outDir = first!.outDir;
        await expectLakeEqualsTruth(
          localLake(outDir, name, (table) => reportByTable(vendor.connector, table)),
          first!.results,
          vendor.truth(simulator),
        );
        const lakeFiles = (await allFileContents(outDir))
          .map((f) => f.path.slice(outDir.length + 1))
          .filter((p) => !p.startsWith('_'));
        expect(lakeFiles.sort()).toEqual(
          first!.results
            .map((r) => partitionObjectKey({ table: r.table, source: name, date: r.date }, 'parquet'))
            .sort(),
        );
      } finally {
        await dir.cleanup();
      }
    });
  });
}
