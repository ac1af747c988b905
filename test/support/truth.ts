import type { Row } from '../../functions/engine/schema/table-schema.js';
import type { AdcloudSimulator } from '../simulators/adcloud/adcloud.js';
import { ADCLOUD_METRICS } from '../simulators/adcloud/adcloud-data.js';
import type { MediaMathSimulator } from '../simulators/mediamath/mediamath.js';
import type { Rollup } from '../simulators/mediamath/mediamath-fields.js';
import type { TrackMasterSimulator } from '../simulators/trackmaster/trackmaster.js';
import type { TuneSimulator } from '../simulators/tune/tune.js';
import type { TuneRow } from '../simulators/tune/tune-data.js';
import type { TuneEntityName } from '../simulators/tune/tune-fields.js';

/**
 * What a simulator served for one partition, as an analyst expects to read it back from the lake:
 * one function per simulator, written from the vendor's document and the lake's column names, never
 * from the product's schema (no `column.from`, no column types). A connector that reads a field
 * under the wrong name, drops one or misreads a time then differs from its truth.
 */
export type Truth = (table: string, date: string) => Row[];

/** A vendor time in UTC ("YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD" or RFC 3339) as the lake's ISO-8601. */
export function isoUtc(text: string): string {
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(text);
  const iso = text.length === 10 ? `${text}T00:00:00Z` : zoned ? text : `${text.replace(' ', 'T')}Z`;
  return new Date(iso).toISOString();
}

/**
 * Adcloud: the lake's columns are the report's field names (vendor-docs/adcloud-reports-api.txt); `date` is already "YYYY-MM-DD". One table: adcloud_advertiser.
 */
const ADCLOUD_NO_METRICS = Object.fromEntries([...ADCLOUD_METRICS].map((name) => [name, null]));

export function adcloudTruth(sim: AdcloudSimulator): Truth {
  return (table, date) => {
    if (table !== 'adcloud_advertiser') throw new Error(`adcloud has no table ${table}`);
    // A metric the vendor left out of a row is null in the lake (AdcloudOptions.metricGaps).
    return sim.rowsFor(date).map((row) => ({ ...ADCLOUD_NO_METRICS, ...row }));
  };
}

/**
 * TrackMaster: the campaign list (snapshot) with its media, `created_at` an ISO-8601 UTC time
 * (vendor-docs/admaster-api-protocol.txt); the daily reports with the report's `time` as `date` and the ids
 * and name of the campaign it was asked for (the report rows only carry `time` and metrics).
 */
export function trackmasterTruth(sim: TrackMasterSimulator, mediaIds: readonly number[]): Truth {
  return (table, date) => {
    if (table === 'trackmaster_campaigns')
      return mediaIds.flatMap((mediaId) =>
        sim.campaigns(mediaId).map((c) => ({
          media_id: mediaId,
          id: c.id,
          name: c.name,
          start_date: c.start_date,
          end_date: c.end_date,
          created_at: isoUtc(c.created_at),
        })),
      );
    if (table === 'trackmaster_daily_reports')
      return mediaIds.flatMap((mediaId) =>
        sim.dailyRows(mediaId, date).map((r) => ({
          date: r.time,
          media_id: r.media_id,
          campaign_id: r.campaign_id,
          campaign_name: r.campaign_name,
          imp: r.imp,
          uimp: r.uimp,
          clk: r.clk,
          uclk: r.uclk,
        })),
      );
    throw new Error(`trackmaster has no table ${table}`);
  };
}

/** The TUNE entity behind each lake table. */
export const TUNE_TABLE_ENTITIES: Readonly<Record<string, TuneEntityName>> = {
  tune_campaigns: 'advertiser/campaigns',
  tune_sites: 'advertiser/sites',
  tune_publishers: 'advertiser/publishers',
  tune_users: 'account/users',
  tune_advertiser: 'advertiser',
  tune_countries: 'countries',
};

/**
 * TUNE: every entity row under its field names; "YYYY-MM-DD HH:MM:SS" times are UTC
 * (vendor-docs/tune-management-api.txt) and stored as ISO-8601; a campaign's start_date/end_date are
 * calendar dates, whichever of the two forms the simulator serves. `keep` filters an entity's
 * rows (a configured filter).
 */
export function tuneTruth(
  sim: TuneSimulator,
  options: {
    keep?: (table: string, row: TuneRow) => boolean;
    /** Tables of entities a source adds by configuration. */
    entities?: Readonly<Record<string, TuneEntityName>>;
  } = {},
): Truth {
  const keep = options.keep ?? (() => true);
  return (table) => {
    const entity = options.entities?.[table] ?? TUNE_TABLE_ENTITIES[table];
    if (!entity) throw new Error(`tune has no table ${table}`);
    return sim
      .entities(entity)
      .filter((row) => keep(table, row))
      .map((row) => {
        const out: Row = {};
        for (const [field, value] of Object.entries(row)) {
          out[field] =
            typeof value !== 'string'
              ? value
              : field === 'start_date' || field === 'end_date'
                ? value.slice(0, 10)
                : TUNE_TIMES.has(field)
                  ? isoUtc(value)
                  : value;
        }
        return out;
      });
  };
}
const TUNE_TIMES = new Set(['created', 'modified', 'last_login']);

/**
 * MediaMath: the rows of the rollup for the chosen fields under their names, `agg_timestamp`
 * (RFC 3339) as ISO-8601 UTC (vendor-docs/mediamath-reporting-api-v2.txt).
 */
export function mediamathTruth(sim: MediaMathSimulator, fields?: readonly string[]): Truth {
  return (table, date) => {
    const rollup: Rollup | undefined = table.endsWith('_by_day')
      ? 'by_day'
      : table.endsWith('_by_hour')
        ? 'by_hour'
        : undefined;
    if (!rollup) throw new Error(`mediamath has no table ${table}`);
    return [...sim.rows(date, rollup, fields)].map((row) => ({
      ...row,
      agg_timestamp: isoUtc(String(row.agg_timestamp)),
    }));
  };
}
