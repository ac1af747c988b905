import { createHash } from 'node:crypto';
import type { TokenEndpoint } from '../auth/auth-spec.js';
import type { GrantKind, GrantTransport } from '../auth/token-provider.js';
import type { RateGate } from '../control/rate-gate.js';
import { type ReportFetcherError, VendorError, VendorHttpError } from '../errors.js';
import {
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  sendHttp,
} from '../http/http-client.js';
import type { PinnedOrigin } from '../http/origin.js';
import { withRetry } from '../http/retry.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import { sanitizeUrl } from '../secrets.js';
import { vendorMessage } from '../vendor-message.js';
import { requestUrl } from './request-url.js';

export interface GrantOptions {
  source: string;
  /** The token endpoint's base URL (the API's unless the vendor runs it apart). */
  authUrl: string;
  authOrigin: PinnedOrigin;
  retry: RetryPolicy;
  http: HttpClientOptions;
  limiter: RateGate;
  /** Rate-limit headers reach the shared budget from grants too. */
  observe(headers: Headers, request: number): void;
  /** The connector's response rules applied to a refused grant. */
  judge(request: HttpRequest, response: HttpResponse, text: string): ReportFetcherError;
}

/**
 * Sends token grants for the token provider: form or JSON bodies to the pinned token endpoint,
 * under the rate gate. A refresh is never retried blindly (a rotated token would be spent twice);
 * a refusal the rules do not retry means the credentials are wrong.
 */
export function grantTransport(options: GrantOptions): GrantTransport {
  return async (endpoint: TokenEndpoint, body: Record<string, string>, kind: GrantKind) => {
    const url = requestUrl(options.authUrl, { path: endpoint.path });
    options.authOrigin.check(url, 'token endpoint');
    const request: HttpRequest = {
      method: 'POST',
      url,
      headers: {
        accept: 'application/json',
        'content-type':
          endpoint.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: endpoint.encoding === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    };
    const policy = kind === 'refresh' ? { ...options.retry, maxAttempts: 1 } : options.retry;
    return withRetry(policy, async () => {
      const sequence = await options.limiter.acquire();
      const response = await sendHttp(request, options.http).finally(() =>
        options.limiter.complete(sequence),
      );
      options.observe(response.headers, sequence);
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) {
        const error = options.judge(request, response, text);
        if (error.code === 'VENDOR_HTTP' && !error.retryable) {
          throw new VendorHttpError('VENDOR_AUTH', {
            status: response.status,
            vendorMessage: `${vendorMessage(text)} (token grant refused: check the source's credentials)`,
            method: 'POST',
            url: sanitizeUrl(url),
            retryable: false,
            context: { source: options.source },
          });
        }
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw new VendorError(
          'BODY_MALFORMED',
          `token endpoint ${url.pathname} returned a body that is not JSON`,
          {
            retryable: true,
            cause,
          },
        );
      }
    });
  };
}

/**
 * Names the token endpoint, the API and the credentials a token was obtained for: a cached token
 * of another issuer is never used (the API's origin too: a token only goes where it was meant to).
 */
export function tokenIssuer(authUrl: string, baseUrl: string, credentials: Record<string, string>): string {
  return createHash('sha256')
    .update(JSON.stringify([authUrl, baseUrl, Object.entries(credentials).sort()]))
    .digest('hex')
    .slice(0, 32);
}
