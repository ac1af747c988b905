import { ReportFetcherError, toReportFetcherError } from '../errors.js';
import { sleep } from '../time.js';
import { type RetryPolicy, retryDelayMs } from './retry-policy.js';

export interface RetryEvent {
  retry: number;
  delayMs: number;
  error: ReportFetcherError;
}

export interface RetryHooks {
  onRetry?: (event: RetryEvent) => void;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A failure that carries the server's requested wait (Retry-After, rate-limit reset). */
export function retryAfterOf(error: ReportFetcherError): number | undefined {
  return (error as { retryAfterMs?: number }).retryAfterMs;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the policy's attempts
 * are spent. The attempt covers the whole exchange (send, read, parse, validate) so a truncated
 * or malformed body is retried like a 500.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (thrown) {
      const error = toReportFetcherError(thrown);
      const isTransport =
        error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'BODY_MALFORMED';
      const allowed = error.retryable && (!isTransport || policy.retryNetworkErrors);
      if (!allowed || attemptNumber >= policy.maxAttempts) {
        if (allowed) {
          throw new ReportFetcherError(
            error.code,
            `${error.message} (gave up after ${attemptNumber} attempts)`,
            {
              cause: error,
              context: error.context,
            },
          );
        }
        throw error;
      }
      const delayMs = retryDelayMs(policy, attemptNumber, retryAfterOf(error), hooks.random);
      if (delayMs === undefined) {
        throw new ReportFetcherError(error.code, `${error.message} (server asked to wait beyond policy)`, {
          cause: error,
          context: error.context,
        });
      }
      hooks.onRetry?.({ retry: attemptNumber, delayMs, error });
      await wait(delayMs);
    }
  }
}
