import type { ReportDefinition } from '../connector-definition.js';
import { BudgetExceededError, type ErrorContext, SchemaDriftError } from '../errors.js';
import type { Row } from '../schema/table-schema.js';

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
