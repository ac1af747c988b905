import { printable, redact } from '../secrets.js';
import { type ErrorCode, FAMILY_OF_CODE } from './error-code.js';
import { ERROR_FAMILIES, type ErrorFamily } from './error-family.js';

export interface ErrorContext {
  source?: string;
  report?: string;
  date?: string;
}

export interface ErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  context?: ErrorContext;
}

/**
 * The root of every error report-fetcher raises: a stable `code`, the `family` that code belongs
 * to (error-family.ts), a message that is safe to print (control characters escaped, the cause's
 * secrets scrubbed on construction), `retryable`, and where it happened. Raise one of the family
 * classes (InputError, ConfigError, AuthError, VendorError, DriftError, BudgetExceededError,
 * InternalError, GaveUpError); this class is their common shape and is never raised itself
 * (abstract, its constructor protected): every error names its family by its class.
 */
export abstract class ReportFetcherError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly context: ErrorContext;

  protected constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(
      printable(message, { keepNewlines: true }),
      options.cause === undefined ? undefined : { cause: scrubCause(options.cause) },
    );
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? {};
  }

  get family(): ErrorFamily {
    return FAMILY_OF_CODE[this.code];
  }

  /** The message prefixed with where it happened: "adcloud_main/advertiser 2024-05-01: …". */
  describe(): string {
    const { source, report, date } = this.context;
    const where = [source && report ? `${source}/${report}` : (source ?? report), date]
      .filter(Boolean)
      .join(' ');
    return where ? `${where}: ${this.message}` : this.message;
  }

  withContext(context: ErrorContext): this {
    Object.assign(this.context, { ...context, ...this.context });
    return this;
  }
}

/** The family of anything thrown (not ours: internal). */
export function familyOf(error: unknown): ErrorFamily {
  return error instanceof ReportFetcherError ? error.family : 'internal';
}

/** The CLI's exit status for an error that stopped a command. */
export function exitCodeOf(error: unknown): number {
  return ERROR_FAMILIES[familyOf(error)].exitCode;
}

/** The metric a handler counts for a task that failed with this error. */
export function failureMetricOf(error: unknown): string {
  return ERROR_FAMILIES[familyOf(error)].metric;
}

function scrubCause(cause: unknown): unknown {
  if (cause instanceof ReportFetcherError) return cause;
  if (cause instanceof Error) {
    const safe = new Error(redact(cause.message));
    safe.name = cause.name;
    return safe;
  }
  return typeof cause === 'string' ? redact(cause) : cause;
}
