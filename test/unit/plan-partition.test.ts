import { describe, expect, it } from 'vitest';
import { missingFromTally } from '../../functions/engine/index.js';
import { planPartition } from '../../functions/engine/run/plan-partition.js';
import { col, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { itemsConnector, itemsRuntime } from '../support/items-vendor.js';

const RUN = '20250602T000000Z-unit';
const DATE = '2025-06-01';

describe('planning a partition', () => {
  it('plans a slice the vendor lists twice once: its pages are fetched, tallied and committed once', async () => {
    // A campaign list read page by page while a campaign is added shows one campaign on two pages
    // (offset pagination); a slice per listed campaign would then be planned twice.
    const connector = itemsConnector({
      name: 'unit',
      table: 'unit_items',
      schema: tableSchema([col.bigint('id')]),
    });
    connector.reports.items!.slices = async () => [
      { key: 'campaign=1', params: { campaign_id: 1 } },
      { key: 'campaign=2', params: { campaign_id: 2 } },
      { key: 'campaign=1', params: { campaign_id: 1 } },
    ];
    const { runtime, staging } = itemsRuntime('unit_source', connector);
    const partition = runtime.partition('items', DATE);
    const tasks = await planPartition(runtime, {
      runId: RUN,
      source: 'unit_source',
      report: 'items',
      date: DATE,
    });
    expect(tasks.map((task) => task.slice.key)).toEqual(['campaign=1', 'campaign=2']);
    const manifest = await staging.readManifest(RUN, partition);
    expect(manifest?.slices.map((slice) => slice.key)).toEqual(['campaign=1', 'campaign=2']);
    // The tally expects as many slices as there are keys: one page of each makes it whole
    // (with 3 expected and 2 keys, no page could ever make the partition complete).
    for (const key of ['campaign=1', 'campaign=2'])
      await runtime.pageTally.record(RUN, partition, { slice: key, ordinal: 0, pages: 1 });
    expect(missingFromTally(await runtime.pageTally.read(RUN, partition))).toBeUndefined();
  });
});
