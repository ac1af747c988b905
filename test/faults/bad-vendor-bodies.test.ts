import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';

/**
 * Vendor answers that are wrong in shape rather than in status: each must fail its partition
 * with a clear, typed error and leave nothing written. Persistent faults (rate 1) make the
 * retryable ones exhaust their retries.
 */
const report = adcloud.reports.advertiser!;
const DATE = '2024-04-02';
let simulator: AdcloudSimulator;

beforeAll(async () => {
  simulator = await startAdcloud({ rowsPerDate: 3, seed: 3 });
});
afterAll(() => simulator.close());
afterEach(() => simulator.setFaults({}));

async function runWith(
  body: unknown,
  extraDeps: Record<string, unknown> = {},
  rawBody?: string,
  schemaContract: 'tolerant' | 'strict' = 'tolerant',
) {
  const dir = await tempDir();
  try {
    simulator.setFaults({ rate: 1, kinds: [{ kind: 'status', status: 200, body, rawBody }] });
    const run = await runAgainst(
      simulator,
      { name: 'ad_bad', connector: 'adcloud', schemaContract },
      {
        dir: dir.path,
        dates: [DATE],
        deps: { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 }, ...extraDeps },
      },
    );
    const written = existsSync(
      join(run.outDir, partitionObjectKey({ table: report.table, source: 'ad_bad', date: DATE }, 'parquet')),
    );
    return { result: run.results[0]!, written };
  } finally {
    await dir.cleanup();
  }
}

const envelope = (result: unknown[], size = result.length) => ({
  collection: { size, next_url: null, per_page: 200 },
  result,
  status: 200,
});

describe('bad vendor bodies', () => {
  it('a body that is not JSON', async () => {
    const { result, written } = await runWith(undefined, {}, '<html>Service Unavailable</html>');
    expect(result).toMatchObject({ status: 'failed', errorCode: 'BODY_MALFORMED' });
    expect(result.error).toMatch(/not valid JSON.*gave up after 3 attempts/);
    expect(written).toBe(false);
  });

  it('JSON of the wrong shape', async () => {
    const { result, written } = await runWith({ collection: { size: 1 }, result: { rows: [] }, status: 200 });
    expect(result).toMatchObject({ status: 'failed', errorCode: 'SCHEMA_DRIFT' });
    expect(result.error).toMatch(/expected an array of records at "result", got object/);
    expect(written).toBe(false);
  });

  it('a record with a field missing', async () => {
    const { date: _dropped, ...partial } = simulator.rowsFor(DATE)[0]!;
    const { result, written } = await runWith(envelope([partial]));
    expect(result.error).toMatch(/field "date": expected a date YYYY-MM-DD, missing/);
    expect(written).toBe(false);
  });

  it('a record with an extra field: dropped and reported by default, a failure under the strict contract', async () => {
    const body = envelope([{ ...simulator.rowsFor(DATE)[0]!, bonus_clicks: 3 }]);
    const tolerant = await runWith(body);
    expect(tolerant.result).toMatchObject({
      status: 'written',
      rows: 1,
      fields: { extra: { bonus_clicks: 1 } },
    });
    const { result, written } = await runWith(body, {}, undefined, 'strict');
    expect(result.error).toMatch(/unexpected field "bonus_clicks"/);
    expect(written).toBe(false);
  });

  it('a value of the wrong type', async () => {
    const { result, written } = await runWith(
      envelope([{ ...simulator.rowsFor(DATE)[0]!, costs: 'EUR 12' }]),
    );
    expect(result.error).toMatch(/field "costs": expected a number or null, got string "EUR 12"/);
    expect(written).toBe(false);
  });

  it('a row for another date than the one asked for', async () => {
    const { result, written } = await runWith(
      envelope([{ ...simulator.rowsFor(DATE)[0]!, date: '2024-04-01' }]),
    );
    expect(result.error).toMatch(/a row for 2024-04-01 arrived in the request for 2024-04-02/);
    expect(written).toBe(false);
  });

  it('a count that does not match the vendor total', async () => {
    const { result, written } = await runWith(envelope(simulator.rowsFor(DATE), 5));
    expect(result).toMatchObject({ status: 'failed', errorCode: 'COUNT_MISMATCH' });
    expect(result.error).toMatch(/announced 5 rows but its pages held 3/);
    expect(written).toBe(false);
  });

  it('the same row twice', async () => {
    const row = simulator.rowsFor(DATE)[0]!;
    const { result, written } = await runWith(envelope([row, row]));
    expect(result).toMatchObject({ status: 'failed', errorCode: 'DUPLICATE_ROWS' });
    expect(result.error).toMatch(
      /two rows share the key \(ad_placement_id, topic_id, booking_id, ad_id, ad_count, ad_position\)/,
    );
    expect(written).toBe(false);
  });

  it('an oversized response', async () => {
    const { result, written } = await runWith(envelope(simulator.rowsFor(DATE)), {
      http: { maxBodyBytes: 512 },
    });
    expect(result).toMatchObject({ status: 'failed', errorCode: 'BODY_TOO_LARGE' });
    expect(result.error).toMatch(/returned more than 512 bytes/);
    expect(written).toBe(false);
  });
});
