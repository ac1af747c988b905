import { type ErrorOptions, ReportFetcherError } from './report-fetcher-error.js';

/**
 * A defect or a state that should not occur (an invariant broken, a port misused); also what the
 * time guard raises to hand a task back. Users see one line; REPORT_FETCHER_DEBUG=1 shows more.
 */
export class InternalError extends ReportFetcherError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('INTERNAL', message, options);
  }
}
