import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { queryLake } from '../../functions/local/duckdb-lake.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { allFileContents, tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';

const report = adcloud.reports.advertiser!;
const ROWS: Record<string, number> = { '2024-05-01': 230, '2024-05-02': 170 };

let simulator: AdcloudSimulator;
beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: (date) => ROWS[date] ?? 0, seed: 11 });
});
afterAll(async () => {
  await simulator.close();
});

/**
 * Switching a table's format (docs/deploy.md › Switching a table's format): the partition a new
 * commit writes holds one object, in the new format, and the lake's SQL reads the table in its
 * current format only, as Athena's one-SerDe Glue table does.
 */
describe('a source that switches its output format', () => {
  it('leaves one object per re-committed partition and reads the table in its new format only', async () => {
    const dir = await tempDir('rf-format-');
    try {
      const source = { name: 'adcloud_switch', connector: 'adcloud' } as const;
      const before = await runAgainst(
        simulator,
        { ...source, format: 'ndjson' },
        { dir: dir.path, dates: ['2024-05-01', '2024-05-02'] },
      );
      expect(before.results.map((r) => r.status)).toEqual(['written', 'written']);
      const counted = await queryLake(
        before.outDir,
        `SELECT dt, count(*)::INTEGER AS n FROM ${report.table} GROUP BY dt ORDER BY dt`,
      );
      expect(counted.rows).toEqual([
        { dt: '2024-05-01', n: 230 },
        { dt: '2024-05-02', n: 170 },
      ]);

      const after = await runAgainst(
        simulator,
        { ...source, format: 'parquet' },
        { dir: dir.path, dates: ['2024-05-01'] },
      );
      expect(after.results.map((r) => r.status)).toEqual(['written']);
      const key = (date: string, format: 'parquet' | 'ndjson') =>
        join(after.outDir, partitionObjectKey({ table: report.table, source: source.name, date }, format));
      const files = (await allFileContents(join(after.outDir, report.table))).map((f) => f.path).sort();
      // The re-committed partition: the Parquet object only. The other date keeps its NDJSON
      // object until it is re-committed (or removed, as the guide says).
      expect(files).toEqual([key('2024-05-01', 'parquet'), key('2024-05-02', 'ndjson')].sort());
      const now = await queryLake(
        after.outDir,
        `SELECT dt, count(*)::INTEGER AS n FROM ${report.table} GROUP BY dt ORDER BY dt`,
      );
      expect(now.rows).toEqual([{ dt: '2024-05-01', n: 230 }]);
    } finally {
      await dir.cleanup();
    }
  }, 60_000);
});
