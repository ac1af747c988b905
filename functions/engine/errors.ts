/**
 * Typed errors by failure family, one concept per file under errors/ (in the manner of Powertools
 * for AWS Lambda): import them from here.
 */
export { AuthError } from './errors/auth-error.js';
export { BudgetExceededError } from './errors/budget-exceeded-error.js';
export { ConfigError, CredentialsError } from './errors/config-error.js';
export { DeadlineError } from './errors/deadline-error.js';
export { DriftError, SchemaDriftError } from './errors/drift-error.js';
export { type CodeOf, type ErrorCode, FAMILY_OF_CODE } from './errors/error-code.js';
export { ERROR_FAMILIES, type ErrorFamily, type FamilyTraits } from './errors/error-family.js';
export { GaveUpError } from './errors/gave-up-error.js';
export { DateRangeError, InputError, MAX_RANGE_DAYS } from './errors/input-error.js';
export { InternalError, toReportFetcherError } from './errors/internal-error.js';
export {
  type ErrorContext,
  type ErrorOptions,
  exitCodeOf,
  failureMetricOf,
  familyOf,
  ReportFetcherError,
} from './errors/report-fetcher-error.js';
export { VendorError } from './errors/vendor-error.js';
export { VendorHttpError } from './errors/vendor-http-error.js';
