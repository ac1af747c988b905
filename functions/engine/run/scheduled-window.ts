import { addDays, dateRange, dayBoundsUtc, todayIn } from './report-dates.js';

/** A date of the source's window whose day has not ended yet in the zone the report's data is cut in. */
export interface DeferredDate {
  date: string;
  /** The report's data zone. */
  zone: string;
  /** When the date's day ends there (UTC instant): the first scheduled run after it fetches the date. */
  endsAt: string;
}

/** What a scheduled run plans of one daily report, and what it leaves to a later run. */
export interface ScheduledWindow {
  dates: string[];
  deferred: DeferredDate[];
}

/** Zones lie at most 26 hours apart (UTC-12 to UTC+14): at most two dates run late; a bound all the same. */
const MAX_LAG_DAYS = 3;

/** When `date`'s day ends in `zone`, in epoch milliseconds. */
function dayEndMs(date: string, zone: string): number {
  return Date.parse(dayBoundsUtc(date, zone).end);
}

/** How many dates up to `last` (counting back from it) have a day in `zone` still running at `atMs`. */
function unended(last: string, zone: string, atMs: number): number {
  let count = 0;
  while (count < MAX_LAG_DAYS && dayEndMs(addDays(last, -count), zone) > atMs) count++;
  return count;
}

/**
 * The dates a scheduled run at `now` plans for a daily report whose days are cut in `dataZone`.
 *
 * The source's window is yesterday in its own zone and the `lookbackDays` before it
 * (report-dates.ts `scheduledDates`). A report whose data zone is the source's has ended every
 * day of it, and plans exactly that. A report cut in another zone (MediaMath by_day in UTC days
 * for a source in Tokyo) may find the last dates of the window still running there: a run at
 * 01:00 in Tokyo on the 2nd finds the UTC 1st nine hours from its end. Such a date is deferred
 * (returned in `deferred`, with the instant its day ends), never fetched unfinished and committed
 * as if final.
 *
 * So that a deferred date is never skipped, even with no look-back, the window is shifted back
 * rather than cut short, and reaches back as far as the run of the source's previous day may
 * have deferred: a date deferred by a run is planned by every run of the source's next day that
 * comes after its end (proof: the first date planned on day T is T-1-lookback-r, where r covers
 * what was still running at the source's midnight of T-1, which is at least what the previous
 * run found running, so it is at most that run's last planned date plus one). When the zones'
 * offsets differ by a daylight-saving hour this can re-fetch one date more than the look-back
 * asks; a re-fetch only replaces a partition with the vendor's current rows.
 */
export function scheduledWindow(
  sourceZone: string,
  dataZone: string,
  lookbackDays: number,
  now: Date,
): ScheduledWindow {
  const today = todayIn(sourceZone, now);
  const yesterday = addDays(today, -1);
  const last = addDays(yesterday, -unended(yesterday, dataZone, now.getTime()));
  // What was still running at this source-day's midnight, and at the previous one (the previous run's day).
  const midnight = (date: string) => Date.parse(dayBoundsUtc(date, sourceZone).start);
  const reach = Math.max(
    unended(yesterday, dataZone, midnight(today)),
    unended(addDays(yesterday, -1), dataZone, midnight(yesterday)),
  );
  const dates = dateRange(addDays(yesterday, -lookbackDays - reach), last);
  const deferred: DeferredDate[] = [];
  for (let date = addDays(last, 1); date <= yesterday; date = addDays(date, 1))
    deferred.push({ date, zone: dataZone, endsAt: dayBoundsUtc(date, dataZone).end });
  return { dates, deferred };
}
