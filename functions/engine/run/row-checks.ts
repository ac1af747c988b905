import type { ReportDefinition } from '../connector-definition.js';
import { BudgetExceededError, type ErrorContext, SchemaDriftError } from '../errors.js';
import type { FieldObservations } from '../schema/row-normaliser.js';
import type { Row } from '../schema/table-schema.js';
import { dayBoundsUtc } from './report-dates.js';

/** The rows of one partition (so far) held against limits.maxRowsPerPartition. */
export function checkRowBudget(rows: number, max: number, context: ErrorContext): void {
  if (rows > max)
    throw new BudgetExceededError('maxRowsPerPartition', `the vendor sent more than ${max} rows`, {
      context,
    });
}

/** A row of a daily report must be dated the partition's date. */
export function checkDate(report: ReportDefinition, row: Row, date: string, context: ErrorContext): Row {
  if (report.dateColumn && row[report.dateColumn] !== date) {
    throw new SchemaDriftError(
      `a row for ${String(row[report.dateColumn])} arrived in the request for ${date} (column "${report.dateColumn}")`,
      { field: report.dateColumn, context },
    );
  }
  return row;
}

/** Keeps the rows of a page that belong to its partition's day (ReportDefinition.dayTimestamp). */
export interface DayFilter {
  keep(row: Row): boolean;
  observed(): Pick<FieldObservations, 'pastDay'>;
}

/**
 * A report with a `dayTimestamp`: a row inside the partition's day (in the source's time zone,
 * or the report's `dataZone`)
 * is kept (a day bucket, `startsDay`, only at the day's midnight); one at or past its end is left
 * out and counted under `pastDay: 'drop'`; any other is schema drift naming the row's timestamp
 * and the day.
 */
export function dayFilter(
  report: ReportDefinition,
  date: string,
  timezone: string,
  context: ErrorContext,
): DayFilter {
  const spec = report.dayTimestamp;
  if (!spec) return { keep: () => true, observed: () => ({}) };
  const zone = report.dataZone ?? timezone;
  const advice = spec.mismatch?.(timezone);
  const { start, end } = dayBoundsUtc(date, zone);
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  let pastDay = 0;
  return {
    keep(row) {
      const at = Date.parse(String(row[spec.column]));
      // A day bucket inside the day but not at its midnight is another zone's day.
      if (at >= startMs && at < endMs && (!spec.startsDay || at === startMs)) return true;
      if (at >= endMs && spec.pastDay === 'drop') {
        pastDay++;
        return false;
      }
      throw new SchemaDriftError(
        `a row for ${String(row[spec.column])} arrived in the request for ${date}, whose day in ${zone} is [${start}, ${end}) (column "${spec.column}")${advice ? `: ${advice}` : ''}`,
        { field: spec.column, context },
      );
    },
    observed: () => (pastDay > 0 ? { pastDay: { [spec.column]: pastDay } } : {}),
  };
}
