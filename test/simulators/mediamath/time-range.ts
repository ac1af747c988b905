/**
 * The queried time range (mediamath-reporting-api-v2.txt, "Time Windows" and "Requests"):
 * "time_window and start_time are required but mutually exclusive. If both are present,
 * time_window will be used." (mm:101). Relative windows are half-open ("up to but not
 * including", mm:45-46). Whether end_time itself is included the document does not say
 * (mm:97-98), so both readings are served: 'exclusive' [start, end) and 'inclusive' [start, end].
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../base/dates.js';
import { BadRequestError } from './mediamath-errors.js';

export interface TimeRange {
  startMs: number;
  /** Exclusive: an inclusive end_time is served as end_time + 1 ms. */
  endMs: number;
}

/** How end_time is read (the document is silent, mm:97-98). */
export type EndTimeReading = 'exclusive' | 'inclusive';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function parseTimestamp(name: string, value: unknown): number {
  const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new BadRequestError(`${name} must be an RFC3339 timestamp, e.g. 2023-07-27T00:00:00Z`);
  return ms;
}

/**
 * current_date covers all of today; last_N_days ends at the start of today and last_N_hours at
 * the start of the current hour ("up to but not including"). campaign_to_date and
 * flight_to_date exist in the doc but "not all datasets support all time windows": this one
 * answers 400.
 */
function windowRange(window: string, nowMs: number): TimeRange {
  const today = Math.floor(nowMs / MS_PER_DAY) * MS_PER_DAY;
  const thisHour = Math.floor(nowMs / MS_PER_HOUR) * MS_PER_HOUR;
  if (window === 'current_date') return { startMs: today, endMs: today + MS_PER_DAY };
  if (window === 'yesterday') return { startMs: today - MS_PER_DAY, endMs: today };
  const relative = /^last_(\d+)_(days|hours)$/.exec(window);
  if (relative?.[1] !== undefined && Number(relative[1]) > 0) {
    const count = Number(relative[1]);
    return relative[2] === 'days'
      ? { startMs: today - count * MS_PER_DAY, endMs: today }
      : { startMs: thisHour - count * MS_PER_HOUR, endMs: thisHour };
  }
  throw new BadRequestError(`time_window is not supported by this dataset: ${window}`);
}

export function resolveTimeRange(
  body: Record<string, unknown>,
  endTime: EndTimeReading = 'exclusive',
  nowMs = Date.now(),
): TimeRange {
  if (body.time_window !== undefined) {
    if (typeof body.time_window !== 'string') throw new BadRequestError('time_window must be a string');
    return windowRange(body.time_window, nowMs);
  }
  if (body.start_time === undefined)
    throw new BadRequestError('one of time_window or start_time is required');
  const startMs = parseTimestamp('start_time', body.start_time);
  if (body.end_time === undefined) return { startMs, endMs: nowMs };
  const endMs = parseTimestamp('end_time', body.end_time);
  return { startMs, endMs: endTime === 'inclusive' ? endMs + 1 : endMs };
}
