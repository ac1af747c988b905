import { printable, redact } from './secrets.js';

/**
 * Typed errors with a stable `code`, a one-line message that is safe to print (secrets are
 * scrubbed on construction) and the original error as `cause`.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'INPUT_INVALID'
  | 'CREDENTIALS_MISSING'
  | 'VENDOR_HTTP'
  | 'VENDOR_AUTH'
  | 'VENDOR_NOT_FOUND'
  | 'VENDOR_RATE_LIMITED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'BODY_MALFORMED'
  | 'BODY_TOO_LARGE'
  | 'SCHEMA_DRIFT'
  | 'COUNT_MISMATCH'
  | 'DUPLICATE_ROWS'
  | 'STREAM_ERROR'
  | 'UNTRUSTED_URL'
  | 'UNSAFE_KEY'
  | 'REDIRECT_REFUSED'
  | 'BUDGET_EXCEEDED'
  | 'DEADLINE_EXCEEDED'
  | 'INTERNAL';

export interface ErrorContext {
  source?: string;
  report?: string;
  date?: string;
}

export class ReportFetcherError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly context: ErrorContext;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; context?: ErrorContext } = {},
  ) {
    super(
      printable(message, { keepNewlines: true }),
      options.cause === undefined ? undefined : { cause: scrubCause(options.cause) },
    );
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? {};
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

export class ConfigError extends ReportFetcherError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFIG_INVALID', message, options);
  }
}

export class InputError extends ReportFetcherError {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}

export class CredentialsError extends ReportFetcherError {
  constructor(message: string, context?: ErrorContext) {
    super('CREDENTIALS_MISSING', message, { context });
  }
}

export class VendorHttpError extends ReportFetcherError {
  readonly status: number;
  readonly vendorMessage: string;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
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

export class SchemaDriftError extends ReportFetcherError {
  readonly field: string | undefined;
  constructor(message: string, args: { field?: string; context?: ErrorContext; cause?: unknown } = {}) {
    super('SCHEMA_DRIFT', message, { context: args.context, cause: args.cause });
    this.field = args.field;
  }
}

/**
 * A quantity the vendor controls went past the budget the source allows (pages, rows, bytes, a
 * line, a request's total time, a wait the vendor imposed). Never retried: the same vendor would
 * do it again. `budget` is the config key that raises it.
 */
export class BudgetExceededError extends ReportFetcherError {
  readonly budget: string;
  constructor(
    budget: string,
    message: string,
    options: { context?: ErrorContext; code?: 'BUDGET_EXCEEDED' | 'BODY_TOO_LARGE' } = {},
  ) {
    super(
      options.code ?? 'BUDGET_EXCEEDED',
      `${message} (budget limits.${budget}; raise it in the source's config if the vendor really needs more)`,
      { context: options.context },
    );
    this.budget = budget;
  }
}

/**
 * Waiting (for a rate-limit reset, a Retry-After) or working on would outlast the caller's
 * deadline. `resumeAt` (epoch ms) says when the work could go on: a caller that can hand the work
 * back (a Lambda returning its message to the queue with a visibility timeout) uses it; a local
 * run fails the partition.
 */
export class DeadlineError extends ReportFetcherError {
  readonly deadline: string;
  readonly resumeAt: number;
  constructor(args: { deadline: string; resumeAt: number; message: string; context?: ErrorContext }) {
    super('DEADLINE_EXCEEDED', `${args.message} (deadline ${args.deadline})`, { context: args.context });
    this.deadline = args.deadline;
    this.resumeAt = args.resumeAt;
  }
}

/** Anything thrown that is not ours: wrap it so callers deal with one shape. */
export function toReportFetcherError(error: unknown, context?: ErrorContext): ReportFetcherError {
  if (error instanceof ReportFetcherError) return context ? error.withContext(context) : error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReportFetcherError('INTERNAL', message, { cause: error, context });
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
