/** Calendar helpers on 'YYYY-MM-DD' strings, always in UTC. */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a well-formed, existing calendar date ('2024-02-30' is rejected). */
export function isIsoDate(text: string | null | undefined): text is string {
  if (text == null || !ISO_DATE.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

export function dateToEpochMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function epochMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return epochMsToDate(dateToEpochMs(date) + days * DAY_MS);
}

/** Days since 1970-01-01; handy for date-dependent variation that stays deterministic. */
export function dayNumber(date: string): number {
  return Math.round(dateToEpochMs(date) / DAY_MS);
}

export function todayUtc(): string {
  return epochMsToDate(Date.now());
}

/** Every date from `first` to `last`, both inclusive (empty when first > last). */
export function* datesBetween(first: string, last: string): Generator<string> {
  for (let date = first; date <= last; date = addDays(date, 1)) yield date;
}

/** 'YYYY-MM-DDTHH:MM:SSZ' (ISO 8601 / RFC 3339 without milliseconds). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC (the TUNE timestamp style). */
export function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const MS_PER_DAY = DAY_MS;
export const MS_PER_HOUR = 3_600_000;

/** The earlier of two 'YYYY-MM-DD' dates (ISO dates order as strings). */
export function earlierDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
