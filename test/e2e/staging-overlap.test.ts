import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileStagingStore } from '../../functions/adapters/local/file-staging-store.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import type { PartitionRef } from '../../functions/engine/partitions/partition.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { PageMeta, PageSink, StagingStore } from '../../functions/engine/staging/staging-store.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';

/**
 * The local runner frees a worker's vendor slot once a page's response is read, so the worker's
 * next request overlaps that page's staging (rows closed, meta written, completeness checked),
 * with at most `concurrency` pages staging at once (local-runner.ts). No timing is asserted: the
 * staging store below holds each page's commit until an event the test waits for (or a fallback
 * that only the code without the overlap reaches).
 */
const DATE = '2024-03-05';
const PAGE_ROWS = 200; // Adcloud's per_page
const report = adcloud.reports.advertiser!;

let simulator: AdcloudSimulator;
let rowsPerDate = 0;
let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: () => rowsPerDate, seed: 3 });
});
afterAll(() => simulator.close());
afterEach(() => dir?.cleanup());

/** File staging whose page commits run `hold` first (the page's staging is then "in progress"). */
function heldStaging(
  outDir: string,
  hold: (meta: PageMeta, stagingNow: number) => Promise<void>,
): { store: StagingStore; maxStaging: () => number } {
  const files = new FileStagingStore(join(outDir, '_staging'));
  let stagingNow = 0;
  let max = 0;
  const store: StagingStore = Object.create(files);
  store.openPage = async (runId: string, partition: PartitionRef, slice: string, ordinal: number) => {
    const sink = await files.openPage(runId, partition, slice, ordinal);
    const held: PageSink = {
      write: (batch) => sink.write(batch),
      abort: () => sink.abort(),
      commit: async (meta) => {
        stagingNow++;
        max = Math.max(max, stagingNow);
        try {
          await hold(meta, stagingNow);
          await sink.commit(meta);
        } finally {
          stagingNow--;
        }
      },
    };
    return held;
  };
  return { store, maxStaging: () => max };
}

/** Resolves once `done()` holds (checked every 5 ms), or with false after `fallbackMs`. */
function until(done: () => boolean, fallbackMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (done()) resolve(true);
      else if (Date.now() - started > fallbackMs) resolve(false);
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe('a page stages while its worker asks for the next page', () => {
  it('at concurrency 1, the next request reaches the vendor while the page before it stages', async () => {
    rowsPerDate = 5 * PAGE_ROWS;
    dir = await tempDir();
    const outDir = join(dir.path, 'lake');
    const seen: boolean[] = [];
    const { store } = heldStaging(outDir, async (meta) => {
      // Page 1 (ordinal 0) reveals the others (fan-out), so page 2 (ordinal 1) is the first with
      // a next page to overlap: at concurrency 1 that request can only come while page 2 stages
      // if the worker's slot was freed before it.
      if (meta.ordinal !== 1) return;
      const sent = simulator.stats.dataRequests;
      seen.push(await until(() => simulator.stats.dataRequests > sent, 10_000));
    });
    const { results } = await runAgainst(
      simulator,
      { name: 'adcloud_overlap', connector: 'adcloud', concurrency: 1 },
      { dir: dir.path, dates: [DATE], deps: { staging: store } },
    );
    expect(seen).toEqual([true]);
    expect(results.map((r) => [r.status, r.rows, r.pages])).toEqual([['written', 5 * PAGE_ROWS, 5]]);
  });

  it('at most `concurrency` pages stage at once, and the partition commits once all are staged', async () => {
    rowsPerDate = 10 * PAGE_ROWS;
    dir = await tempDir();
    const outDir = join(dir.path, 'lake');
    // Each commit waits until more than 2 pages stage (the bound broken) or a fallback passes:
    // with the bound it always takes the fallback, and the other workers keep fetching meanwhile.
    const { store, maxStaging } = heldStaging(outDir, async () => {
      await until(() => maxStaging() > 2, 150);
    });
    const { results } = await runAgainst(
      simulator,
      { name: 'adcloud_bound', connector: 'adcloud', concurrency: 2 },
      { dir: dir.path, dates: [DATE], deps: { staging: store } },
    );
    expect(maxStaging()).toBe(2);
    expect(results.map((r) => [r.status, r.rows, r.pages])).toEqual([['written', 10 * PAGE_ROWS, 10]]);
  });

  it('a page whose staging fails fails its partition with one line, and nothing is written', async () => {
    rowsPerDate = 4 * PAGE_ROWS;
    dir = await tempDir();
    const outDir = join(dir.path, 'lake');
    const { store } = heldStaging(outDir, async (meta) => {
      if (meta.ordinal === 3) throw new Error('no space left on device (injected)');
    });
    const { results } = await runAgainst(
      simulator,
      { name: 'adcloud_full', connector: 'adcloud', concurrency: 2 },
      { dir: dir.path, dates: [DATE], deps: { staging: store } },
    );
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe('failed');
    expect(results[0]!.error).toContain('no space left on device (injected)');
    expect(results[0]!.error).not.toContain('\n');
    const file = join(
      outDir,
      partitionObjectKey({ table: report.table, source: 'adcloud_full', date: DATE }, 'parquet'),
    );
    expect(existsSync(file)).toBe(false);
  });
});
