import { CONNECTORS } from '../../functions/connectors/index.js';
import { MEDIAMATH_CATALOGUE_FIELDS } from '../../functions/connectors/mediamath.js';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { type MediaMathSimulator, startMediaMath } from '../simulators/mediamath/mediamath.js';
import { startTrackMaster, type TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import { startTune, type TuneSimulator } from '../simulators/tune/tune.js';
import type { CommonOptions, SimulatorHandle } from '../simulators/types.js';
import { adcloudTruth, mediamathTruth, type Truth, trackmasterTruth, tuneTruth } from './truth.js';

/** One vendor as the fault matrix drives it: its simulator, a source config and its truth. */
export interface VendorCase {
  connector: string;
  dates: string[];
  start(options: CommonOptions): Promise<SimulatorHandle>;
  options: Record<string, unknown>;
  /** The simulator's truth (test/support/truth.ts) for this case's options. */
  truth(simulator: SimulatorHandle): Truth;
}

const MEDIAS = [101, 102];

export const VENDOR_CASES: VendorCase[] = [
  {
    connector: 'adcloud',
    dates: ['2024-05-01', '2024-05-02'],
    start: (common) => startAdcloud({ ...common, rowsPerDate: (date) => (date.endsWith('1') ? 450 : 130) }),
    options: {},
    truth: (sim) => adcloudTruth(sim as AdcloudSimulator),
  },
  {
    connector: 'trackmaster',
    dates: ['2024-06-20', '2024-06-21'],
    start: (common) =>
      startTrackMaster({
        ...common,
        medias: { 101: 12, 102: 6 },
        referenceDate: '2024-06-30',
        reportPageSize: 30,
      }),
    // The fault cases keep the request mix they were tuned on (one report per live campaign);
    // which campaigns are asked is covered by test/e2e/trackmaster.test.ts and test/independent.
    options: { mediaIds: MEDIAS, campaigns: 'live' },
    truth: (sim) => trackmasterTruth(sim as TrackMasterSimulator, MEDIAS),
  },
  {
    connector: 'tune',
    dates: ['2024-05-01'],
    start: (common) =>
      startTune({ ...common, entityCounts: { 'advertiser/campaigns': 120, 'advertiser/publishers': 40 } }),
    options: { pageSize: 25 },
    truth: (sim) => tuneTruth(sim as TuneSimulator),
  },
  {
    connector: 'mediamath',
    dates: ['2024-05-01'],
    start: (common) => startMediaMath({ ...common, rowsPerDay: 240 }),
    options: {
      organizationId: 100_048,
      modes: { performance_by_day: 'streaming', performance_by_hour: 'paginated' },
      pageSize: 100,
      // Fields chosen in the config: every catalogued one, the dataset's own grain (240 rows).
      fields: MEDIAMATH_CATALOGUE_FIELDS,
    },
    truth: (sim) => mediamathTruth(sim as MediaMathSimulator),
  },
];

/** The report of `table` as the vendor case's source options shape it (fields chosen, entities). */
export function reportByTable(connector: string, table: string): ReportDefinition {
  const definition = CONNECTORS[connector]!;
  const options = VENDOR_CASES.find((v) => v.connector === connector)?.options ?? {};
  const reports = definition.configure?.(options) ?? definition.reports;
  const report = Object.values(reports).find((r) => r.table === table);
  if (!report) throw new Error(`no report for table ${table}`);
  return report;
}
