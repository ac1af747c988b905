import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { sliceKeyPart } from '../../functions/engine/connector-definition.js';
import { isSafeSliceKey } from '../../functions/engine/run/plan-partition.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { VENDOR_CASES } from '../support/vendor-cases.js';
import { allText, treeDigest } from './support/hostile-server.js';
import { expectAttackContained, type Scenario, scenario } from './support/scenario.js';

// Row 3 of issue 11: vendor data never builds a path.

const HOSTILE_IDS = [
  '7/../../x',
  '..',
  '.',
  '../../../../tmp/pwned',
  'a\\..\\b',
  '%2e%2e%2f',
  '',
  'x'.repeat(500),
  'é/ü',
];

describe('slice keys of every connector stay under the partition prefix', () => {
  for (const [name, connector] of Object.entries(CONNECTORS)) {
    it(`${name}: every slice key is path-safe whatever ids the vendor returns`, async () => {
      const options = VENDOR_CASES.find((c) => c.connector === name)?.options ?? {};
      for (const [reportName, report] of Object.entries(connector.reports)) {
        if (!report.slices) continue; // one slice, "all": nothing of the vendor's in its key
        for (const id of HOSTILE_IDS) {
          const slices = await report.slices({
            date: '2024-06-20',
            timezone: 'UTC',
            options,
            fetchRecords: async () => [{ id, name: id, media_id: id, campaign_id: id }],
          });
          for (const slice of slices)
            expect(isSafeSliceKey(slice.key), `${reportName} ${slice.key}`).toBe(true);
        }
      }
    });
  }

  it('encodes an unsafe id into a distinct, reversible segment and keeps documented ids as they are', () => {
    expect(sliceKeyPart(12345)).toBe('12345');
    expect(sliceKeyPart('abc_DEF-9')).toBe('abc_DEF-9');
    const encoded = HOSTILE_IDS.map((id) => sliceKeyPart(id));
    for (const part of encoded) expect(isSafeSliceKey(part)).toBe(true);
    expect(new Set(encoded).size).toBe(HOSTILE_IDS.length);
    expect(isSafeSliceKey('media=1/campaign=7/../../x')).toBe(false);
    expect(isSafeSliceKey('media=1/./x')).toBe(false);
  });
});

describe('a TrackMaster campaign id that climbs out of --out', () => {
  let trackmaster: TrackMasterSimulator;
  let s: Scenario | undefined;
  beforeAll(async () => {
    trackmaster = await startTrackMaster({
      medias: { 101: 3 },
      referenceDate: '2024-06-30',
      reportPageSize: 30,
    });
  });
  afterAll(() => trackmaster.close());
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('writes nothing outside --out, and the request path carries the id encoded', async () => {
    s = await scenario(trackmaster, {
      connector: 'trackmaster',
      date: '2024-06-20',
      reports: ['daily_reports'],
      options: { mediaIds: [101] },
    });
    await expectAttackContained(
      s,
      trackmaster,
      async (request, { forward }) => {
        if (!/\/campaigns(\?|$)/.test(request.target)) return undefined;
        const answer = await forward();
        const campaigns = JSON.parse(answer.body) as { id: unknown }[];
        campaigns.forEach((campaign, i) => {
          campaign.id = `${i}/../../../../../../x`;
        });
        return { ...answer, body: JSON.stringify(campaigns) };
      },
      // The vendor answers for an id it never had as it likes (this simulator: 404).
      { failure: /campaigns\/\d%2F\.\.%2F\.\.%2F.*HTTP 404/ },
    );
    const files = Object.keys(await treeDigest(s.outDir));
    expect(files.filter((f) => f.includes('..'))).toEqual([]);
    expect(await allText(s.outDir)).toContain('campaign=b64.');
    expect(s.proxy.seen.filter((r) => r.target.includes('/../'))).toEqual([]);
  });
});
