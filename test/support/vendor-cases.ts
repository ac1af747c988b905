import { CONNECTORS } from '../../functions/connectors/index.js';
import { MEDIAMATH_CATALOGUE_FIELDS } from '../../functions/connectors/mediamath.js';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import type { Row, TableSchema } from '../../functions/engine/schema/table-schema.js';
import { startAdcloud } from '../simulators/adcloud/adcloud.js';
import { startMediaMath } from '../simulators/mediamath/mediamath.js';
import { startTrackMaster } from '../simulators/trackmaster/trackmaster.js';
import { startTune } from '../simulators/tune/tune.js';
import type { TuneEntityName } from '../simulators/tune/tune-fields.js';
import type { CommonOptions, SimulatorHandle } from '../simulators/types.js';

/**
 * A vendor row as the lake stores it: the schema's columns, read under the vendor's field name
 * (`from`) or the column's, timestamps as ISO-8601 UTC (the vendors' "YYYY-MM-DD HH:MM:SS" is UTC).
 */
export function asStored(schema: TableSchema, vendorRow: Record<string, unknown>): Row {
  const out: Row = {};
  for (const column of schema.columns) {
    const value = (vendorRow[column.from ?? column.name] ?? vendorRow[column.name] ?? null) as Row[string];
    out[column.name] =
      column.type === 'timestamp' && typeof value === 'string'
        ? new Date(
            /[zZ]|[+-]\d\d:?\d\d$/.test(value)
              ? value
              : `${value.replace(' ', 'T')}${value.length === 10 ? 'T00:00:00' : ''}Z`,
          ).toISOString()
        : column.type === 'date' && typeof value === 'string'
          ? value.slice(0, 10)
          : value;
  }
  return out;
}

/** One vendor as the fault matrix drives it: its simulator, a source config and its truth. */
export interface VendorCase {
  connector: string;
  dates: string[];
  start(options: CommonOptions): Promise<SimulatorHandle>;
  options: Record<string, unknown>;
  /** The vendor's rows of one partition, as stored. */
  truth(simulator: SimulatorHandle, report: ReportDefinition, date: string): Row[];
}

const MEDIAS = [101, 102];
const TUNE_ENTITIES: Record<string, TuneEntityName> = {
  tune_campaigns: 'advertiser/campaigns',
  tune_sites: 'advertiser/sites',
  tune_publishers: 'advertiser/publishers',
  tune_users: 'account/users',
  tune_advertiser: 'advertiser',
  tune_countries: 'countries',
};

export const VENDOR_CASES: VendorCase[] = [
  {
    connector: 'adcloud',
    dates: ['2024-05-01', '2024-05-02'],
    start: (common) => startAdcloud({ ...common, rowsPerDate: (date) => (date.endsWith('1') ? 450 : 130) }),
    options: {},
    truth: (sim, report, date) =>
      (sim as Awaited<ReturnType<typeof startAdcloud>>).rowsFor(date).map((r) => asStored(report.schema, r)),
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
    truth: (sim, report, date) => {
      const tm = sim as Awaited<ReturnType<typeof startTrackMaster>>;
      const rows =
        report.kind === 'snapshot'
          ? MEDIAS.flatMap((mediaId) => tm.campaigns(mediaId).map((c) => ({ ...c, media_id: mediaId })))
          : MEDIAS.flatMap((mediaId) => tm.dailyRows(mediaId, date));
      return rows.map((r) => asStored(report.schema, r as unknown as Record<string, unknown>));
    },
  },
  {
    connector: 'tune',
    dates: ['2024-05-01'],
    start: (common) =>
      startTune({ ...common, entityCounts: { 'advertiser/campaigns': 120, 'advertiser/publishers': 40 } }),
    options: { pageSize: 25 },
    truth: (sim, report) =>
      (sim as Awaited<ReturnType<typeof startTune>>)
        .entities(TUNE_ENTITIES[report.table]!)
        .map((r) => asStored(report.schema, r)),
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
    truth: (sim, report, date) =>
      [
        ...(sim as Awaited<ReturnType<typeof startMediaMath>>).rows(
          date,
          report.table.endsWith('hour') ? 'by_hour' : 'by_day',
        ),
      ].map((r) => asStored(report.schema, r as Record<string, unknown>)),
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
