import {
  ConfigError,
  type ErrorContext,
  InternalError,
  type ReportFetcherError,
  SchemaDriftError,
  VendorHttpError,
} from '../errors.js';
import type { HttpRequest } from '../http/http-client.js';
import { isRetryAfterSeconds, parseRetryAfterMs } from '../http/retry-policy.js';
import { sanitizeUrl } from '../secrets.js';
import type { RuleMatch } from './response-rules.js';

export interface AnswerSituation {
  request: HttpRequest;
  headers: Headers;
  source: string;
  context: ErrorContext;
  /** Fresh tokens were granted for this request and the vendor still refused. */
  reauthenticated: boolean;
  now: number;
  /** When the vendor's rate-limit headers say its window resets (epoch ms), if they do. */
  resetAt?: number;
  /** How long a rate-limit refusal that names no wait holds the source (RetryPolicy.rateLimitWaitMs). */
  rateLimitWaitMs: number;
  /** Holds every request of the source until then (the rate gate). */
  blockUntil(at: number): void;
}

/** The typed error a matched rule makes of a vendor's answer (once re-authenticating is over). */
export function answerError(match: RuleMatch, situation: AnswerSituation): ReportFetcherError {
  const { action, status, message } = match;
  const context = { source: situation.source, ...situation.context };
  const base = {
    status,
    vendorMessage: message,
    method: situation.request.method,
    url: sanitizeUrl(situation.request.url),
    context,
  };
  switch (action.do) {
    case 'retry':
      return new VendorHttpError('VENDOR_HTTP', {
        ...base,
        retryable: true,
        retryAfterMs: parseRetryAfterMs(situation.headers.get('retry-after'), situation.now),
      });
    case 'fail':
      return new VendorHttpError('VENDOR_HTTP', { ...base, retryable: false });
    case 'rate-limited': {
      // The later of the waits the vendor names (Retry-After, its reset header); without either,
      // the source's fallback wait. A reset or a Retry-After date already past names no wait: the
      // vendor's clock is behind ours (its window still refuses), and "now" would spend every
      // attempt at once. An explicit `Retry-After: 0` is a wait named.
      const retryAfter = situation.headers.get('retry-after');
      const retryAfterMs = parseRetryAfterMs(retryAfter, situation.now);
      const pastDate = retryAfterMs === 0 && !isRetryAfterSeconds(retryAfter);
      const named = [
        ...(retryAfterMs !== undefined && !pastDate ? [situation.now + retryAfterMs] : []),
        ...(situation.resetAt !== undefined && situation.resetAt > situation.now ? [situation.resetAt] : []),
      ];
      const resetAt = named.length > 0 ? Math.max(...named) : situation.now + situation.rateLimitWaitMs;
      situation.blockUntil(resetAt);
      return new VendorHttpError('VENDOR_RATE_LIMITED', {
        ...base,
        retryable: true,
        retryAfterMs: Math.max(0, resetAt - situation.now),
      });
    }
    case 'reauthenticate':
      if (action.stillRefused === 'not-found' && situation.reauthenticated) {
        // Still refused with a fresh token: most likely the resource does not exist, but the same
        // answer is what a token revoked again before use gets (AdMaster's protocol:88), so the
        // attempt is retried under the policy (backoff, attempt cap) and is final only then.
        return new VendorHttpError('VENDOR_NOT_FOUND', {
          ...base,
          vendorMessage: `${message || 'Not Found'} (still ${status} with fresh tokens: the resource does not exist or is not yours)`,
          retryable: true,
        });
      }
      // Fresh tokens were granted, so the credentials are good: a token revoked again before use
      // is retried under the policy's backoff and attempt cap. Without a token to renew (an API
      // key), a rejection is final.
      return new VendorHttpError('VENDOR_AUTH', {
        ...base,
        vendorMessage: `${message} (credentials or token rejected${situation.reauthenticated ? ' even after re-authenticating' : ''})`,
        retryable: situation.reauthenticated,
      });
    case 'config-error':
      return new ConfigError(
        action.explain({
          ...(match.subject !== undefined ? { subject: match.subject } : {}),
          message,
          source: situation.source,
        }),
        { context },
      );
    case 'as-http-status':
      throw new InternalError('an echoed status is judged by matchAnswer as the HTTP status it stands for');
    case 'drift':
      return new SchemaDriftError(
        `${base.method} ${base.url} answered HTTP ${status}: ${message} (the vendor's data changed shape)`,
        { context },
      );
  }
}
