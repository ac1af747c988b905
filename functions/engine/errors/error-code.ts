import type { ErrorFamily } from './error-family.js';

/** Stable error codes, each in one family (`FAMILY_OF_CODE`). */
const CODES = {
  INPUT_INVALID: 'input',
  CONFIG_INVALID: 'config',
  CREDENTIALS_MISSING: 'config',
  VENDOR_AUTH: 'auth',
  VENDOR_HTTP: 'vendor',
  VENDOR_NOT_FOUND: 'vendor',
  VENDOR_RATE_LIMITED: 'vendor',
  NETWORK: 'vendor',
  TIMEOUT: 'vendor',
  BODY_MALFORMED: 'vendor',
  STREAM_ERROR: 'vendor',
  UNTRUSTED_URL: 'vendor',
  REDIRECT_REFUSED: 'vendor',
  UNSAFE_KEY: 'vendor',
  SCHEMA_DRIFT: 'drift',
  COUNT_MISMATCH: 'drift',
  DUPLICATE_ROWS: 'drift',
  PAGES_DISAGREE: 'drift',
  BUDGET_EXCEEDED: 'budget',
  BODY_TOO_LARGE: 'budget',
  DEADLINE_EXCEEDED: 'budget',
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorFamily>;

export type ErrorCode = keyof typeof CODES;
export const FAMILY_OF_CODE: Readonly<Record<ErrorCode, ErrorFamily>> = CODES;

/** The codes of one family. */
export type CodeOf<F extends ErrorFamily> = {
  [C in ErrorCode]: (typeof CODES)[C] extends F ? C : never;
}[ErrorCode];
