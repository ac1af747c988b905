/**
 * TUNE's documented error answers against the independent server (test/independent/servers/tune.ts,
 * from ../shared/vendor-docs/tune-management-api.txt only), through the real CLI.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readTable, runCli, workspace } from './harness.js';
import { startTune } from './servers/tune.js';

const FROM = '2024-05-01';
const TO = '2024-05-03';
const SOURCE = 'indep_tune';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('TUNE errors as the document shows them', () => {
  // tune:203-212 shows an error's JSON ("status_pre":401, "errors":[{"message":"API key is missing
  // or invalid."}]) but not the HTTP status it travels with: both readings are served, and the
  // body's status is read on every endpoint the connector calls (count.json as well as find.json).
  // The echoed status is "status_code" in tune:233 and "status_pre" in tune:204: both are served.
  for (const errorHttpStatus of ['mirror', 'always200'] as const)
    for (const statusField of ['status_code', 'status_pre'] as const)
      it(`a refused api_key (tune:203-212) fails loudly, writes nothing and never prints the key (HTTP status: ${errorHttpStatus}, ${statusField})`, async () => {
        const wrongKey = 'ffffeeeeddddccccbbbbaaaa99998888';
        const server = await startTune({ errorHttpStatus, statusField });
        const ws = workspace();
        cleanups.push(server.close, ws.cleanup);
        const result = await runCli(
          ws.dir,
          { name: SOURCE, connector: 'tune', baseUrl: server.origin },
          { RF_INDEP_TUNE_API_KEY: wrongKey },
          FROM,
          TO,
        );
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/401|API key/);
        expect(result.stderr).toMatch(/failed/);
        expect(`${result.stdout}${result.stderr}`).not.toContain(wrongKey);
        expect(`${result.stdout}${result.stderr}`).not.toContain(encodeURIComponent(wrongKey).slice(0, 12));
        for (const table of ['tune_users', 'tune_campaigns', 'tune_sites', 'tune_publishers'])
          expect(await readTable(result.out, table, SOURCE)).toEqual([]);
      });
});
