/**
 * What issue 10's schema contract and column documentation promise, checked against the
 * independent servers (written from ../shared/vendor-docs/ only), through the real CLI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { diffRows, readTable, runCli, workspace } from './harness.js';
import { ADCLOUD_CLIENT_ID, ADCLOUD_CLIENT_SECRET, ADCLOUD_FIELDS, startAdcloud } from './servers/adcloud.js';
import { datesBetween } from './servers/common.js';
import { MM_CLIENT_ID, MM_CLIENT_SECRET, MM_ORGANIZATION, startMediamath } from './servers/mediamath.js';
import { startTrackmaster, TM_CREDENTIALS } from './servers/trackmaster.js';
import { startTune, TUNE_API_KEY } from './servers/tune.js';

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

  /**
   * Every vendor, a field none of the documents shows added to every row: the default (tolerant)
   * contract stores the run and reports the field once per partition; `strict` fails the run
   * naming the field, and writes nothing.
   */
  const EXTRA = 'viewability_rate';
  const vendors: Record<
    string,
    () => Promise<{
      close: () => Promise<void>;
      source: Record<string, unknown>;
      env: Record<string, string>;
    }>
  > = {
    adcloud: async () => {
      const server = await startAdcloud({ extraField: EXTRA, rowsPerDate: 50 });
      return {
        close: server.close,
        source: { connector: 'adcloud', baseUrl: server.origin },
        env: { RF_INDEP_CLIENT_ID: ADCLOUD_CLIENT_ID, RF_INDEP_CLIENT_SECRET: ADCLOUD_CLIENT_SECRET },
      };
    },
    trackmaster: async () => {
      const server = await startTrackmaster({ extraField: EXTRA, campaignsPerMedia: 10 });
      return {
        close: server.close,
        source: {
          connector: 'trackmaster',
          baseUrl: server.api.origin,
          authUrl: server.auth.origin,
          options: { mediaIds: [...server.campaigns.keys()] },
        },
        env: Object.fromEntries(
          Object.entries(TM_CREDENTIALS).map(([k, v]) => [`RF_INDEP_${k.toUpperCase()}`, v]),
        ),
      };
    },
    tune: async () => {
      const server = await startTune({ extraField: EXTRA });
      return {
        close: server.close,
        source: { connector: 'tune', baseUrl: server.origin, reports: ['countries'] },
        env: { RF_INDEP_API_KEY: TUNE_API_KEY },
      };
    },
    mediamath: async () => {
      const server = await startMediamath({
        dates: datesBetween(FROM, TO),
        extraField: EXTRA,
        campaignsPerOrganization: 20,
      });
      return {
        close: server.close,
        source: {
          connector: 'mediamath',
          baseUrl: server.origin,
          authUrl: server.origin,
          reports: ['performance_by_day'],
          options: { organizationId: MM_ORGANIZATION },
        },
        env: { RF_INDEP_CLIENT_ID: MM_CLIENT_ID, RF_INDEP_CLIENT_SECRET: MM_CLIENT_SECRET },
      };
    },
  };
  for (const [vendor, start] of Object.entries(vendors))
    for (const schemaContract of ['tolerant', 'strict'] as const)
      it(`${vendor}: a field no document shows, added to every row, under the ${schemaContract} contract`, async () => {
        const { close, source, env } = await start();
        const ws = workspace();
        cleanups.push(close, ws.cleanup);
        const result = await runCli(ws.dir, { name: 'indep', schemaContract, ...source }, env, FROM, TO);
        const lines = result.stderr.split('\n').filter(Boolean);
        if (schemaContract === 'tolerant') {
          expect(result.code).toBe(0);
          const notes = lines.filter((line) => line.includes(': note: '));
          // Once per partition: TUNE's one snapshot, the others' three dates (and TrackMaster's list).
          expect(notes.length).toBeGreaterThanOrEqual(vendor === 'tune' ? 1 : 3);
          for (const note of notes)
            expect(note).toMatch(/not in the schema, ignored: "viewability_rate" \(\d+ rows\)/);
        } else {
          expect(result.code).toBe(1);
          const failures = lines.filter((line) => line.includes(': failed: '));
          expect(failures.length).toBeGreaterThanOrEqual(vendor === 'tune' ? 1 : 3);
          for (const failure of failures) expect(failure).toMatch(/"viewability_rate"/);
          expect(result.stderr).not.toMatch(/\n\s+at /);
        }
      });
});
