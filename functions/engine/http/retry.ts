import {
  BudgetExceededError,
  DeadlineError,
  GaveUpError,
  type ReportFetcherError,
  toReportFetcherError,
} from '../errors.js';
import type { Deadline } from '../limits.js';
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
  /** No attempt starts, and no wait is begun that would end, after this. */
  deadline?: Deadline;
  now?: () => number;
}

/** A failure that carries the server's requested wait (Retry-After, rate-limit reset). */
function retryAfterOf(error: ReportFetcherError): number | undefined {
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
  const now = hooks.now ?? Date.now;
  for (let attemptNumber = 1; ; attemptNumber++) {
    checkDeadline(hooks.deadline, now(), 0, 'starting another attempt');
    try {
      return await attempt(attemptNumber);
    } catch (thrown) {
      const error = toReportFetcherError(thrown);
      const isTransport =
        error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'BODY_MALFORMED';
      const allowed = error.retryable && (!isTransport || policy.retryNetworkErrors);
      if (!allowed || attemptNumber >= policy.maxAttempts) {
        if (allowed) {
          throw new GaveUpError(`${error.message} (gave up after ${attemptNumber} attempts)`, error);
        }
        throw error;
      }
      const delayMs = retryDelayMs(policy, attemptNumber, retryAfterOf(error), hooks.random);
      if (delayMs === undefined) {
        throw new BudgetExceededError(
          'maxVendorWaitSeconds',
          `${error.message}; the vendor asked to wait ${Math.round((retryAfterOf(error) ?? 0) / 1000)} s, longer than ${Math.round(policy.maxRetryAfterMs / 1000)} s`,
          { context: error.context },
        );
      }
      checkDeadline(
        hooks.deadline,
        now(),
        delayMs,
        `waiting ${Math.round(delayMs / 1000)} s before retrying (${error.message})`,
        error,
      );
      hooks.onRetry?.({ retry: attemptNumber, delayMs, error });
      await wait(delayMs);
    }
  }
}

/**
 * Throws a DeadlineError when `waitMs` from `now` would pass the deadline. The error carries the
 * time the work could resume, so a caller that can hand work back (a Lambda) knows when.
 */
export function checkDeadline(
  deadline: Deadline | undefined,
  now: number,
  waitMs: number,
  what: string,
  cause?: ReportFetcherError,
): void {
  if (!deadline || now + waitMs < deadline.at) return;
  throw new DeadlineError({
    deadline: deadline.name,
    resumeAt: now + waitMs,
    message: `${what} would outlast the deadline`,
    context: cause?.context,
  });
}
