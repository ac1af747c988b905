import { type ErrorContext, type ErrorOptions, ReportFetcherError } from './report-fetcher-error.js';

/**
 * A defect or a state that should not occur (an invariant broken, a port misused); also what the
 * time guard raises to hand a task back. Users see one line; REPORT_FETCHER_DEBUG=1 shows more.
 */
export class InternalError extends ReportFetcherError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('INTERNAL', message, options);
  }
}

/** Anything thrown that is not ours is internal: wrap it so callers deal with one shape. */
export function toReportFetcherError(error: unknown, context?: ErrorContext): ReportFetcherError {
  if (error instanceof ReportFetcherError) return context ? error.withContext(context) : error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(message, { cause: error, context });
}
