import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/** The configuration (file, options, deployment settings) is invalid. Never retried. */
export class ConfigError extends ReportFetcherError {
  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super('CONFIG_INVALID', message, options);
  }
}

/** A credential the source needs is not set where it is looked for. */
export class CredentialsError extends ReportFetcherError {
  constructor(message: string, context?: ErrorContext) {
    super('CREDENTIALS_MISSING', message, { context });
  }
}
