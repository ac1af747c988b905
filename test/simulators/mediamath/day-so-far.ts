/**
 * How much of a day that has not ended the vendor serves, when the simulator has a clock
 * (mediamath-reporting-api-v2.txt, "Time Windows"): a day still running is queryable
 * ("current_date: Today", mm:43) and what it holds then is what has happened so far; hourly data
 * stops "up to but not including the current hour" (last_N_hours, mm:45), and a day's windows up
 * to "but not including today" (last_N_days, mm:46). So by default a running day serves the rows
 * of its hours that have ended, in both rollups: a by_day bucket then sums only those hours.
 *
 * The document does not say whether the hour under way is left out of every answer or only out of
 * the last_N_hours window (an explicit start_time/end_time or current_date might hold its rows so
 * far), nor how long after an hour ends its rows appear: `'so-far'` serves the running hour's rows
 * in proportion to its elapsed time (whole rows: a row is there or not, its metrics final), and
 * `'ended-hours'` (the default) only ended hours. Either way the day's later rows arrive as time
 * passes, and once the day has ended it serves all of them (the truth, `rows(date, …)`).
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../base/dates.js';

/** What a day still running serves (the document is silent on the hour under way, mm:43-46). */
export type RunningDay = 'ended-hours' | 'so-far';

const HOURS_PER_DAY = 24;

/** Index of the first row of `hour` in a day of `count` rows (the dataset's hour blocks). */
export function hourStartRow(hour: number, count: number): number {
  return Math.ceil((hour * count) / HOURS_PER_DAY);
}

/** How many of a day's `count` rows (in hour order) have happened `elapsedMs` after its start. */
export function rowsSoFar(count: number, elapsedMs: number, reading: RunningDay): number {
  if (elapsedMs >= MS_PER_DAY) return count;
  if (elapsedMs <= 0) return 0;
  if (reading === 'so-far') return Math.ceil((count * elapsedMs) / MS_PER_DAY);
  return hourStartRow(Math.floor(elapsedMs / MS_PER_HOUR), count);
}
