import { printable } from '../secrets.js';
import type { CodeOf } from './error-code.js';
import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/**
 * The vendor answered a request with a status we do not accept. Its family follows the code: a
 * refusal of the credentials is `auth`, anything else `vendor`. The vendor's text is kept escaped.
 */
export class VendorHttpError extends ReportFetcherError {
  readonly status: number;
  readonly vendorMessage: string;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: CodeOf<'vendor'> | CodeOf<'auth'>,
    args: {
      status: number;
      vendorMessage: string;
      method: string;
      url: string;
      retryable: boolean;
      retryAfterMs?: number;
      context?: ErrorContext;
    },
  ) {
    super(
      code,
      `${args.method} ${args.url} answered HTTP ${args.status}${args.vendorMessage ? `: ${args.vendorMessage}` : ''}`,
      { retryable: args.retryable, context: args.context },
    );
    this.status = args.status;
    this.vendorMessage = printable(args.vendorMessage);
    this.retryAfterMs = args.retryAfterMs;
  }
}
