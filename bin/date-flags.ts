import { DateRangeError, dateRange, InputError } from '../functions/engine/index.js';

/** The dates named by `--date D` or `--from D --to D`; undefined when neither is given. */
export function datesFromFlags(values: { date?: string; from?: string; to?: string }): string[] | undefined {
  if (values.date && (values.from || values.to))
    throw new InputError('give either --date or --from/--to, not both');
  if (values.date) return namingFlags(() => dateRange(values.date!, values.date!), true);
  if (values.from || values.to) {
    if (!values.from || !values.to) throw new InputError('--from and --to go together');
    return namingFlags(() => dateRange(values.from!, values.to!), false);
  }
  return undefined;
}

/** The engine names the range's ends; the user typed flags: say it in their words. */
function namingFlags(range: () => string[], single: boolean): string[] {
  try {
    return range();
  } catch (error) {
    if (!(error instanceof DateRangeError)) throw error;
    const { from, to } = error.range;
    if (error.problem === 'not-a-date') {
      const flag = single ? '--date' : `--${error.end}`;
      throw new InputError(
        `${flag} "${error.end === 'to' ? to : from}" is not a date in the form YYYY-MM-DD`,
      );
    }
    if (error.problem === 'reversed')
      throw new InputError(`the range is reversed: --from ${from} is after --to ${to}`);
    throw error;
  }
}
