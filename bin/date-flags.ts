import { InputError } from '../functions/engine/errors.js';
import { dateRange } from '../functions/engine/run/report-dates.js';

/** The dates named by `--date D` or `--from D --to D`; undefined when neither is given. */
export function datesFromFlags(values: { date?: string; from?: string; to?: string }): string[] | undefined {
  if (values.date && (values.from || values.to))
    throw new InputError('give either --date or --from/--to, not both');
  if (values.date) return dateRange(values.date, values.date, { from: '--date', to: '--date' });
  if (values.from || values.to) {
    if (!values.from || !values.to) throw new InputError('--from and --to go together');
    return dateRange(values.from, values.to);
  }
  return undefined;
}
