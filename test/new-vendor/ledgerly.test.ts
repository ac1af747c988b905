import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diskScratch } from '../../functions/adapters/local/disk-scratch.js';
import { FileLakeStore } from '../../functions/adapters/local/file-lake-store.js';
import { FileStagingStore } from '../../functions/adapters/local/file-staging-store.js';
import { FileTokenCache } from '../../functions/adapters/local/file-token-cache.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { fetchPage } from '../../functions/engine/run/fetch-page.js';
import { runLocally } from '../../functions/engine/run/local-runner.js';
import { planPartition } from '../../functions/engine/run/plan-partition.js';
import { partitionsFor } from '../../functions/engine/run/run-plan.js';
import { SourceRuntime, type SourceSettings } from '../../functions/engine/run/source-runtime.js';
import { newRunId } from '../../functions/engine/run/tasks.js';
import { fetchPageMessage } from '../../functions/handlers/fetcher.js';
import { readPartition, tempDir } from '../support/lake.js';
import { ledgerly } from './ledgerly-connector.js';
import { type LedgerlyServer, startLedgerly } from './ledgerly-server.js';

/**
 * A fifth vendor, cursor-paginated, added from its own files (ledgerly-api.md, the connector, the
 * simulator): it runs end to end through the local runner with no engine, registry or product
 * change (docs/architecture.md, "Adding a vendor").
 */
const ROOT = resolve(import.meta.dirname, '../..');
const report = ledgerly.reports.events!;
/** Empty, one row, exactly one page (50), one over, several pages. */
const EVENTS: Record<string, number> = {
  '2026-01-01': 0,
  '2026-01-02': 1,
  '2026-01-03': 50,
  '2026-01-04': 51,
  '2026-01-05': 173,
};
const DATES = Object.keys(EVENTS);

let server: LedgerlyServer;
let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  server = await startLedgerly((day) => EVENTS[day] ?? 0);
});
afterAll(() => server.close());
afterEach(() => dir?.cleanup());

function runtimeIn(path: string): SourceRuntime {
  const settings: SourceSettings = {
    name: 'ledgerly_main',
    connector: ledgerly,
    baseUrl: server.url,
    timezone: 'UTC',
    lookbackDays: 0,
    reports: ['events'],
    format: 'parquet',
    options: {},
    concurrency: ledgerly.maxConcurrency,
    credentials: server.credentials,
  };
  return new SourceRuntime(settings, {
    tokenCache: new FileTokenCache(join(path, 'tokens')),
    staging: new FileStagingStore(join(path, 'lake', '_staging')),
    lake: new FileLakeStore(join(path, 'lake')),
    scratch: diskScratch(),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
}

async function run() {
  dir = await tempDir();
  const runtime = runtimeIn(dir.path);
  const results = await runLocally([
    { runtime, partitions: partitionsFor(runtime.settings, DATES, newRunId()) },
  ]);
  return { results, lake: join(dir.path, 'lake') };
}

async function expectLakeHoldsEveryEvent(lake: string) {
  for (const date of DATES) {
    const file = join(
      lake,
      partitionObjectKey({ table: report.table, source: 'ledgerly_main', date }, 'parquet'),
    );
    const rows = await readPartition(file, report.schema);
    expect(
      rows.sort((a, b) => Number(a.id) - Number(b.id)),
      date,
    ).toEqual(server.events(date));
  }
}

describe('a cursor-paginated vendor from its own files', () => {
  it('stores every event of every day exactly, following the cursor page by page', async () => {
    server.requests.length = 0;
    const { results, lake } = await run();
    expect(results.map((r) => [r.date, r.status, r.rows, r.pages])).toEqual([
      ['2026-01-01', 'written', 0, 1],
      ['2026-01-02', 'written', 1, 1],
      ['2026-01-03', 'written', 50, 1],
      ['2026-01-04', 'written', 51, 2],
      ['2026-01-05', 'written', 173, 4],
    ]);
    await expectLakeHoldsEveryEvent(lake);
    const listings = server.requests.filter((r) => r.path.includes('/events'));
    // Our page size in every request; the cursor only from the second page of a day on.
    expect(listings.every((r) => r.query.get('limit') === '50')).toBe(true);
    expect(listings.filter((r) => !r.query.has('after'))).toHaveLength(DATES.length);
  });

  it('keeps the result through its response rules: a day still open (409) and a revoked token', async () => {
    for (const date of DATES) server.openDays.add(date);
    server.revokeTokens();
    const { results, lake } = await run();
    expect(results.every((r) => r.status === 'written')).toBe(true);
    expect(server.openDays.size).toBe(0);
    await expectLakeHoldsEveryEvent(lake);
  });

  it('carries its cursor in plain-JSON page state that a queue message accepts', async () => {
    dir = await tempDir();
    const runtime = runtimeIn(dir.path);
    const [first] = await planPartition(runtime, {
      runId: newRunId(),
      source: 'ledgerly_main',
      report: 'events',
      date: '2026-01-05',
    });
    const { following } = await fetchPage(runtime, first!);
    expect(following[0]!.page.state).toEqual({ kind: 'cursor', cursor: expect.any(String) });
    const message = JSON.parse(JSON.stringify(following[0]));
    expect(fetchPageMessage.parse(message)).toEqual(following[0]);
  });
});

describe('adding it took no engine change', () => {
  const OWN = ['ledgerly-api.md', 'ledgerly-connector.ts', 'ledgerly-server.ts', 'ledgerly.test.ts'];

  it('is these files, and nothing in the product names it', () => {
    expect(readdirSync(import.meta.dirname).sort()).toEqual(OWN);
    const product = ['functions', 'lib', 'bin'].flatMap((top) =>
      readdirSync(join(ROOT, top), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    );
    expect(product.length).toBeGreaterThan(40);
    expect(product.filter((file) => /ledgerly/i.test(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('its connector imports only the engine, as any connector', () => {
    const file = join(import.meta.dirname, 'ledgerly-connector.ts');
    const imports = [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(3);
    const outside = imports
      .map((specifier) => relative(ROOT, resolve(dirname(file), specifier)))
      .filter((target) => !target.startsWith('functions/engine/'));
    expect(outside).toEqual([]);
  });
});
