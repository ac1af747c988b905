import { BudgetExceededError, DeadlineError } from '../errors.js';
import {
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  sendHttp,
} from '../http/http-client.js';
import type { Deadline } from '../limits.js';
import { sanitizeUrl } from '../secrets.js';

/**
 * One HTTP attempt that never runs past the caller's deadline: its total timeout is cut to the
 * time left, and a request still running then is a DeadlineError (resume now), not a timeout.
 */
export async function sendBefore(
  request: HttpRequest,
  http: HttpClientOptions,
  deadline: Deadline | undefined,
  now: () => number,
): Promise<HttpResponse> {
  const left = deadline ? deadline.at - now() : Number.POSITIVE_INFINITY;
  const cut = left < http.totalTimeoutMs;
  try {
    return await sendHttp(request, cut ? { ...http, totalTimeoutMs: Math.max(1, left) } : http);
  } catch (error) {
    if (cut && error instanceof BudgetExceededError && error.budget === 'requestTimeoutSeconds')
      throw new DeadlineError({
        deadline: deadline!.name,
        resumeAt: now(),
        message: `${request.method} ${sanitizeUrl(request.url)} was still running`,
      });
    throw error;
  }
}
