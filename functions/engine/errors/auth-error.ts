import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/** The vendor refused the credentials (a token grant, or a request even with a fresh token). */
export class AuthError extends ReportFetcherError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super('VENDOR_AUTH', message, options);
  }
}
