import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryTable } from '../../bin/cli.js';
import { queryLake } from '../../functions/local/duckdb-lake.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { expectRecords, restatementCase } from '../support/restatement-case.js';
import { VENDOR_CASES } from '../support/vendor-cases.js';

/** The run's clock: snapshot reports (TUNE's entities, TrackMaster's campaigns) are keyed by its day. */
const NOW = new Date('2024-07-01T08:00:00Z');
const SNAPSHOT_DATE = '2024-07-01';

const QUERY = `SELECT * FROM restatements WHERE detected_at > now() - INTERVAL 7 DAY ORDER BY table_name, report_date`;

for (const vendor of VENDOR_CASES) {
  describe(`restatements: ${vendor.connector}`, () => {
    let simulator: SimulatorHandle & { restateLate(date: string): void };
    let dir: { path: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      simulator = (await vendor.start({ seed: 15 })) as typeof simulator;
      dir = await tempDir();
    });
    afterAll(async () => {
      await simulator.close();
      await dir.cleanup();
    });

    const c = restatementCase(vendor);
    const name = `${vendor.connector}_restated`;
    const run = () =>
      runAgainst(
        simulator,
        { name, connector: vendor.connector, options: c.options },
        { dir: dir.path, dates: c.dates, now: NOW },
      );

    it('writes one record per restated partition with exact counts and deltas, none for unchanged re-runs', async () => {
      const first = await run();
      expect(first.results.filter((r) => r.status !== 'written').map((r) => r.error)).toEqual([]);
      const tables = [...new Set(first.results.map((r) => r.table))];
      // The unchanged re-run of the window writes no record (there is no restatements table yet).
      const unchanged = await run();
      expect(unchanged.results.every((r) => r.status === 'written' && !r.restatement)).toBe(true);
      await expect(queryLake(unchanged.outDir, QUERY)).rejects.toThrow(/restatements/);

      const before = c.truth(simulator, tables, SNAPSHOT_DATE);
      simulator.restateLate(c.restated);
      const expected = c.expected(before, c.truth(simulator, tables, SNAPSHOT_DATE));
      // The simulator's switch restated the date it was given (or TUNE's list) and nothing else,
      // with rows that grew, appeared and vanished.
      expect(expected.size).toBeGreaterThan(0);
      for (const partition of expected.keys())
        expect(partition).toMatch(new RegExp(`${c.restated}|${SNAPSHOT_DATE}`));
      for (const change of expected.values()) {
        expect(change.keysAdded).toBeGreaterThan(0);
        expect(change.keysRemoved).toBeGreaterThan(0);
        expect(change.keysChanged).toBeGreaterThan(0);
      }

      const restatedRun = await run();
      expect(restatedRun.results.every((r) => r.status === 'written')).toBe(true);
      // The run summary knows which partitions were restated.
      expect(
        restatedRun.results
          .filter((r) => r.restatement)
          .map((r) => `${r.table} ${r.date}`)
          .sort(),
      ).toEqual([...expected.keys()].sort());
      const { rows: records } = await queryLake(restatedRun.outDir, QUERY);
      expectRecords(records, expected, name);
      // The printed run summary: a restated partition's line says what moved, the others nothing.
      const summary = summaryTable(restatedRun.results).split('\n').slice(2);
      expect(summary).toHaveLength(restatedRun.results.length);
      for (const [i, result] of restatedRun.results.entries()) {
        const want = expected.get(`${result.table} ${result.date}`);
        if (!want) expect(summary[i]).not.toContain('→');
        else
          expect(summary[i]).toContain(
            `rows ${want.rowsBefore}→${want.rowsAfter}, keys +${want.keysAdded} -${want.keysRemoved} ~${want.keysChanged}`,
          );
      }

      // The README's morning query runs as printed.
      const readme = await readFile('README.md', 'utf8');
      const morning = /```sql\n(-- what the vendors changed[^`]*)```/.exec(readme)?.[1];
      expect(morning).toBeDefined();
      expect((await queryLake(restatedRun.outDir, morning!)).rows).toHaveLength(records.length);

      // Running the window again over the restated vendor changes nothing more.
      await run();
      expect((await queryLake(restatedRun.outDir, QUERY)).rows).toHaveLength(records.length);
    });
  });
}
