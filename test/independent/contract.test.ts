/**
 * What issue 10's schema contract and column documentation promise, checked against the
 * independent servers (written from ../shared/vendor-docs/ only), through the real CLI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, readTable, runCli, workspace } from './harness.js';
import { ADCLOUD_CLIENT_ID, ADCLOUD_CLIENT_SECRET, ADCLOUD_FIELDS, startAdcloud } from './servers/adcloud.js';
import { datesBetween } from './servers/common.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('schema contract against document-faithful servers', () => {
  it('Adcloud: a field the document (adcloud:63-106) does not list, added to every row, leaves the daily run green', async () => {
    const server = await startAdcloud({ extraField: 'viewability_rate' });
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const result = await runCli(
      ws.dir,
      { name: 'indep_adcloud', connector: 'adcloud', baseUrl: server.origin },
      {
        RF_INDEP_ADCLOUD_CLIENT_ID: ADCLOUD_CLIENT_ID,
        RF_INDEP_ADCLOUD_CLIENT_SECRET: ADCLOUD_CLIENT_SECRET,
      },
      FROM,
      TO,
    );
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const key = (r: Record<string, unknown>) =>
      ['date', 'ad_placement_id', 'topic_id', 'booking_id', 'ad_id', 'ad_count', 'ad_position']
        .map((f) => r[f])
        .join('|');
    const expected = datesBetween(FROM, TO).flatMap((d) => server.rowsFor(d));
    const lake = await readTable(result.out, 'adcloud_advertiser', 'indep_adcloud');
    expect(diffRows(expected, lake, key, Object.fromEntries(ADCLOUD_FIELDS.map(([n]) => [n, n])))).toEqual(
      [],
    );
  });
});
