import { ReportFetcherError } from './report-fetcher-error.js';

/** Bad input: a command line, an event or a request the caller can correct. Never retried. */
export class InputError extends ReportFetcherError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INPUT_INVALID', message, options);
  }
}

/**
 * A date range that is not one. The message names the range's ends, never where they came from:
 * a caller names its own input from `problem` and `end` (the CLI its `--from`/`--to`/`--date`
 * flags, the planner its event's fields), so a bad Lambda event does not read as a bad flag.
 */
export class DateRangeError extends InputError {
  constructor(
    readonly problem: 'not-a-date' | 'reversed' | 'too-long',
    readonly range: { from: string; to: string },
    /** Which end is not a date (problem 'not-a-date'). */
    readonly end?: 'from' | 'to',
  ) {
    super(
      problem === 'not-a-date'
        ? `the range's ${end === 'to' ? 'last' : 'first'} date "${range[end ?? 'from']}" is not a date in the form YYYY-MM-DD`
        : problem === 'reversed'
          ? `the range is reversed: ${range.from} is after ${range.to}`
          : `the range ${range.from}..${range.to} spans more than ${MAX_RANGE_DAYS} days; at most ${MAX_RANGE_DAYS} per run`,
    );
  }
}

/** The longest date range one run (or one backfill) covers. */
export const MAX_RANGE_DAYS = 366;
