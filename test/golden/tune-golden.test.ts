import { afterEach, describe, expect, it } from 'vitest';
import { tune } from '../../functions/connectors/tune.js';
import { DEFAULT_HTTP_OPTIONS, sendHttp } from '../../functions/engine/http/http-client.js';
import { readJsonPage } from '../../functions/engine/run/fetch-page.js';
import { type GoldenServer, startGoldenServer } from './golden-server.js';
import { TUNE_USERS_FIND } from './vendor-examples.js';

let server: GoldenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function readUsersPage(body: string) {
  server = await startGoldenServer({ '/v2/account/users/find.json': { body } });
  const report = tune.reports.users!;
  if (report.response.kind !== 'json') throw new Error('TUNE answers JSON');
  const url = new URL(`${server.url}/v2/account/users/find.json`);
  const request = { method: 'GET' as const, url };
  return readJsonPage(await sendHttp(request, DEFAULT_HTTP_OPTIONS), report.response, request, {});
}

describe('TUNE golden: the document users find.json example', () => {
  it('is 327 bytes as served, which its response_size declares, and passes the size check', async () => {
    expect(Buffer.byteLength(TUNE_USERS_FIND)).toBe(327);
    const { records } = await readUsersPage(TUNE_USERS_FIND);
    expect(records).toEqual([expect.objectContaining({ id: 1587, website: 'http://www.hasoffers.com' })]);
  });

  it('fails the size check when the same JSON arrives re-encoded or altered', async () => {
    // Same value without PHP's "\/": 2 bytes shorter than declared, so not what the vendor sent.
    const reEncoded = JSON.stringify(JSON.parse(TUNE_USERS_FIND));
    await expect(readUsersPage(reEncoded)).rejects.toThrow(/declares a 327-byte body but 325 bytes arrived/);
    await server?.close();
    const padded = TUNE_USERS_FIND.replace('"Seattle"', '"Seattle "');
    await expect(readUsersPage(padded)).rejects.toThrow(/327-byte body but 328 bytes arrived/);
  });
});
