/**
 * Deterministic AdMaster TrackMaster campaigns and daily reports
 * (admaster-trackmaster-publisher-api.md, steps two and three).
 *
 * Campaign lives are placed relative to a reference date ("today" by default): starts spread
 * over the last 120 days and the next 30, lasting 3 to 90 days, so some ended long ago, some
 * have not started and some are running; a run for "yesterday" therefore hits only part of them.
 */
import { addDays, dateToEpochMs, isoSeconds } from '../base/dates.js';
import { Prng } from '../base/prng.js';
import { catchyName } from '../base/words.js';

export interface TrackMasterCampaign {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
  /** ISO 8601 'YYYY-MM-DDTHH:MM:SSZ', as the protocol doc prescribes for timestamps. */
  created_at: string;
}

/** One row of GET .../daily_reports. "Blank fields are included as null instead of being omitted." */
export interface TrackMasterDailyReport {
  time: string;
  imp: number;
  uimp: number | null;
  clk: number;
  uclk: number | null;
}

/** A daily report row with the ids a lake table needs (truth accessor shape). */
export interface TrackMasterDailyRow extends TrackMasterDailyReport {
  media_id: number;
  campaign_id: number;
  campaign_name: string;
}

export function generateCampaigns(
  seed: number,
  mediaId: number,
  count: number,
  referenceDate: string,
): TrackMasterCampaign[] {
  const rng = Prng.for(seed, 'trackmaster-campaigns', mediaId);
  let nextId = mediaId * 1000;
  return Array.from({ length: count }, () => {
    nextId += rng.int(1, 4);
    const startDate = addDays(referenceDate, rng.int(-120, 30));
    const createdMs = dateToEpochMs(addDays(startDate, -rng.int(1, 20))) + rng.int(0, 86_399) * 1000;
    return {
      id: nextId,
      name: `${catchyName(rng, 0.15)} ${mediaId}-${nextId % 1000}`,
      start_date: startDate,
      end_date: addDays(startDate, rng.int(3, 90)),
      created_at: isoSeconds(createdMs),
    };
  });
}

/** The report of one campaign on one date; `version` is the restatement version of the date. */
export function dailyReport(
  seed: number,
  mediaId: number,
  campaignId: number,
  date: string,
  version: number,
): TrackMasterDailyReport {
  const rng = Prng.for(seed, 'trackmaster-daily', mediaId, campaignId, date, version);
  const imp = rng.int(0, 200_000);
  const clk = Math.floor(imp * rng.next() * 0.03);
  return {
    time: date,
    imp,
    uimp: rng.chance(0.1) ? null : Math.floor(imp * (0.5 + rng.next() * 0.5)),
    clk,
    uclk: rng.chance(0.1) ? null : Math.floor(clk * (0.6 + rng.next() * 0.4)),
  };
}
