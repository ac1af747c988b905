import { afterEach, describe, expect, it } from 'vitest';
import { tune } from '../../functions/connectors/tune.js';
import { DEFAULT_HTTP_OPTIONS, sendHttp } from '../../functions/engine/http/http-client.js';

import { tuneBody } from '../simulators/tune/php-json.js';
import { readPartition } from '../support/lake.js';
import { partitionFile, runGolden } from './golden-run.js';
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
  const url = new URL(`${server.url}/v2/account/users/find.json`);
  const request = { method: 'GET' as const, url };
  const records: unknown[] = [];
  await report.decoder.decode(
    await sendHttp(request, DEFAULT_HTTP_OPTIONS),
    { request, errorContext: {}, maxLineBytes: Number.POSITIVE_INFINITY, judge: () => undefined },
    { push: (record) => void records.push(record) },
  );
  return { records };
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

describe('TUNE golden: the users example through the whole engine', () => {
  it('stores the example record exactly with the default users fields (the example record itself)', async () => {
    server = await startGoldenServer({
      '/v2/account/users/find.json': { body: TUNE_USERS_FIND },
      '/v2/account/users/count.json': { body: tuneBody(200, 1) },
    });
    const run = await runGolden(server, { name: 'tune_golden', connector: 'tune', reports: ['users'] }, [
      '2026-11-20',
    ]);
    try {
      expect(run.results[0]).toMatchObject({ status: 'written', rows: 1 });
      expect(run.results[0]!.fields).toBeUndefined(); // nothing absent, nothing extra
      const report = tune.reports.users!;
      const find = server.requests.find((r) => r.url.pathname.endsWith('/find.json'))!;
      expect(find.url.searchParams.get('fields')).toBe(
        'country_id,region_id,id,type,name,address1,address2,city,zipcode,phone,website,verified_phone,status',
      );
      const rows = await readPartition(
        partitionFile(run, report.table, 'tune_golden', run.results[0]!.date),
        report.schema,
      );
      expect(rows).toEqual([JSON.parse(TUNE_USERS_FIND).data[0]]);
    } finally {
      await run.cleanup();
    }
  });
});
