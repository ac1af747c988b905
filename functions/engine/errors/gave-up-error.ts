import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/**
 * The engine stopped trying after `cause` (retries spent, a run's partitions that could not be
 * planned): a new message that says so, in the cause's code and so its family, exit status and
 * metric; never retryable (what could be retried was). Where it happened is the cause's unless
 * the message says it already (`context`).
 */
export class GaveUpError extends ReportFetcherError {
  constructor(message: string, cause: ReportFetcherError, context: ErrorContext = cause.context) {
    super(cause.code, message, { cause, context });
  }
}
