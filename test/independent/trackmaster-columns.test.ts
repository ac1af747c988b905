/**
 * Column names analysts can find (issue 10, item 3): TrackMaster's report field `time` (tm:104)
 * against the independent servers (written from ../shared/vendor-docs/ only), through the real CLI.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.js';
import { readTable, runCli, workspace } from './harness.js';
import { startTrackmaster, TM_CREDENTIALS } from './servers/trackmaster.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('TrackMaster columns', () => {
  it('TrackMaster: the vendor field `time` (tm:104) is stored as `time`, or its rename is documented', async () => {
    const server = await startTrackmaster({ campaignsPerMedia: 5 });
    const ws = workspace();
    cleanups.push(server.close, ws.cleanup);
    const env = Object.fromEntries(
      Object.entries(TM_CREDENTIALS).map(([k, v]) => [`RF_INDEP_TM_${k.toUpperCase()}`, v]),
    );
    const result = await runCli(
      ws.dir,
      {
        name: 'indep_tm',
        connector: 'trackmaster',
        baseUrl: server.api.origin,
        authUrl: server.auth.origin,
        options: { mediaIds: [...server.campaigns.keys()] },
      },
      env,
      FROM,
      TO,
    );
    expect(result.code).toBe(0);
    const lake = await readTable(result.out, 'trackmaster_daily_reports', 'indep_tm');
    expect(lake.length).toBeGreaterThan(0);
    if ('time' in lake[0]!) return; // stored under the vendor's name: nothing to document
    expect(lake[0]).toHaveProperty('date');
    // Renamed to `date`: README, docs/connectors.md or `report-fetcher schema` must say so.
    const docs = ['README.md', 'docs/connectors.md'].map((f) => readFileSync(f, 'utf8')).join('\n');
    let schema = '';
    await main(['schema', 'trackmaster_daily_reports'], {
      stdout: (text) => {
        schema += text;
      },
      stderr: new Writable({ write: (_c, _e, cb) => cb() }) as unknown as NodeJS.WriteStream,
      env: {},
    });
    const mentionsRename = docs
      .split('\n')
      .some((line) => line.includes('`time`') && line.includes('`date`'));
    expect(mentionsRename || /^date\b.*\btime\b/m.test(schema)).toBe(true);
  });
});
