import type { CodeOf } from './error-code.js';
import { type ErrorOptions, ReportFetcherError } from './report-fetcher-error.js';

/**
 * The vendor failed, answered in a way we cannot use, or could not be reached: a status, a
 * malformed or cut body, a URL off the source's origin, a redirect, a network error.
 */
export class VendorError extends ReportFetcherError {
  constructor(code: CodeOf<'vendor'>, message: string, options: ErrorOptions = {}) {
    super(code, message, options);
  }
}
