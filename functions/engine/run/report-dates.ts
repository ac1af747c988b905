import { DateRangeError, MAX_RANGE_DAYS } from '../errors.js';
import { isCalendarDate } from '../schema/row-normaliser.js';

const DAY_MS = 86_400_000;

/**
 * One formatter per zone and shape: building an Intl.DateTimeFormat costs far more than using one,
 * and a scheduled window asks for several days' bounds in two zones.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** Today's calendar date in a time zone (the vendor's day, not the machine's). */
export function todayIn(timezone: string, now: Date = new Date()): string {
  const parts = formatter('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, part) => Object.assign(acc, { [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The daily job's dates: yesterday in the source's time zone and the look-back days before it. */
export function scheduledDates(timezone: string, lookbackDays: number, now: Date = new Date()): string[] {
  const yesterday = addDays(todayIn(timezone, now), -1);
  return dateRange(addDays(yesterday, -lookbackDays), yesterday);
}

/**
 * Inclusive range of dates, validated: real dates, in order, at most a year. A DateRangeError
 * says which end is wrong; the caller names it as its user typed it.
 */
export function dateRange(from: string, to: string): string[] {
  for (const end of ['from', 'to'] as const) {
    const value = end === 'from' ? from : to;
    if (!isCalendarDate(value)) throw new DateRangeError('not-a-date', { from, to }, end);
  }
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days < 0) throw new DateRangeError('reversed', { from, to });
  if (days + 1 > MAX_RANGE_DAYS) throw new DateRangeError('too-long', { from, to });
  return Array.from({ length: days + 1 }, (_, i) => addDays(from, i));
}

/** Start and end of a calendar day in a time zone, as UTC instants (for APIs that take instants). */
export function dayBoundsUtc(date: string, timezone: string): { start: string; end: string } {
  return { start: zonedMidnightUtc(date, timezone), end: zonedMidnightUtc(addDays(date, 1), timezone) };
}

function zonedMidnightUtc(date: string, timezone: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // The zone's offset at that moment; re-checked once to land on the right side of a DST change.
  let guess = utcMidnight - offsetMs(utcMidnight, timezone);
  guess = utcMidnight - offsetMs(guess, timezone);
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}

function offsetMs(at: number, timezone: string): number {
  const parts = formatter('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(new Date(at))
    .reduce<Record<string, number>>(
      (acc, part) => Object.assign(acc, { [part.type]: Number(part.value) }),
      {},
    );
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return asUtc - Math.floor(at / 1000) * 1000;
}
