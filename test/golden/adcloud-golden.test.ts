import { afterEach, describe, expect, it } from 'vitest';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { readPartition } from '../support/lake.js';
import { partitionFile, runGolden } from './golden-run.js';
import { type GoldenServer, startGoldenServer } from './golden-server.js';
import { adcloudEnvelope, adcloudItem } from './vendor-examples.js';

const DATE = '2024-05-02';
let server: GoldenServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe('Adcloud golden: the document envelope and attribute table, served as the vendor serves them', () => {
  it('parses, validates and stores every attribute exactly; the token-carrying navigation URLs are never followed', async () => {
    const items = [adcloudItem(DATE, 1), adcloudItem(DATE, 2)];
    server = await startGoldenServer({
      // "The response will look like this": {"access_token":"<ACCESS_TOKEN>","scope":""}
      '/v1/oauth/access_token': { body: '{"access_token":"golden-token-0123456789","scope":""}' },
      '/v1/reports/advertiser': { body: adcloudEnvelope(items, DATE) },
    });
    const run = await runGolden(server, { name: 'ad_golden', connector: 'adcloud' }, [DATE]);
    try {
      expect(run.results[0]).toMatchObject({ status: 'written', rows: 2 });
      expect(run.results[0]!.fields).toBeUndefined(); // every attribute of the table is a column
      const report = adcloud.reports.advertiser!;
      const rows = await readPartition(partitionFile(run, report.table, 'ad_golden', DATE), report.schema);
      expect(rows).toEqual(items);
      const data = server.requests.filter((r) => r.url.pathname === '/v1/reports/advertiser');
      expect(data).toHaveLength(1);
      expect(data[0]!.url.searchParams.get('filter[date]')).toBe(DATE);
      expect(data[0]!.url.searchParams.has('access_token')).toBe(false);
    } finally {
      await run.cleanup();
    }
  });
});
