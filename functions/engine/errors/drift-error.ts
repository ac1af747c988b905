import type { CodeOf } from './error-code.js';
import { type ErrorContext, type ErrorOptions, ReportFetcherError } from './report-fetcher-error.js';

/**
 * The vendor's data no longer matches what we store or what it said itself: a count that does
 * not add up, two rows with one key. (A field that changed is a SchemaDriftError.)
 */
export class DriftError extends ReportFetcherError {
  constructor(code: CodeOf<'drift'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A row does not fit the report's schema: a required field missing, a mistyped value. */
export class SchemaDriftError extends DriftError {
  readonly field: string | undefined;
  constructor(message: string, args: { field?: string; context?: ErrorContext; cause?: unknown } = {}) {
    super('SCHEMA_DRIFT', message, { context: args.context, cause: args.cause });
    this.field = args.field;
  }
}
