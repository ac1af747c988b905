import { createHash } from 'node:crypto';
import type { AuthSpec, TokenEndpoint } from './auth/auth-spec.js';
import type { TokenCache } from './auth/token-cache.js';
import { type GrantKind, TokenProvider } from './auth/token-provider.js';
import type { RequestSpec, VendorRules } from './connector-definition.js';
import type { RateGate } from './control/rate-gate.js';
import {
  BudgetExceededError,
  DeadlineError,
  type ErrorContext,
  ReportFetcherError,
  VendorHttpError,
} from './errors.js';
import { type HttpClientOptions, type HttpRequest, type HttpResponse, sendHttp } from './http/http-client.js';
import { PinnedOrigin } from './http/origin.js';
import { withRetry } from './http/retry.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfterMs, type RetryPolicy } from './http/retry-policy.js';
import type { Deadline } from './limits.js';
import { sanitizeUrl } from './secrets.js';
import { vendorMessage } from './vendor-message.js';

const MAX_REAUTHENTICATIONS = 3;

export interface RequestCounters {
  requests: number;
  retries: number;
  throttled: number;
}

export interface VendorClientOptions {
  source: string;
  baseUrl: string;
  /** Token endpoint host when it differs from the API's (MediaMath's auth server). */
  authUrl?: string;
  auth: AuthSpec;
  rules: VendorRules;
  credentials: Record<string, string>;
  tokenCache: TokenCache;
  limiter: RateGate;
  retry: RetryPolicy;
  http: HttpClientOptions;
  now?: () => number;
}

/**
 * Everything a request to one vendor needs: base URL, credentials, the token lifecycle, the
 * vendor's rate limit and its way of saying "bad token" or "slow down". One per source per process.
 */
export class VendorClient {
  readonly tokens: TokenProvider | undefined;
  /** Where API requests (and their credentials) may go: the configured baseUrl's origin and path. */
  readonly api: PinnedOrigin;
  /** Where token grants (and the credentials in them) may go. */
  private readonly authOrigin: PinnedOrigin;
  private readonly now: () => number;

  constructor(private readonly options: VendorClientOptions) {
    this.now = options.now ?? Date.now;
    this.api = new PinnedOrigin(options.baseUrl, 'baseUrl');
    this.authOrigin = options.authUrl ? new PinnedOrigin(options.authUrl, 'authUrl') : this.api;
    const { auth } = options;
    this.tokens =
      auth.kind === 'api-key'
        ? undefined
        : new TokenProvider({
            source: options.source,
            spec: auth,
            credentials: options.credentials,
            cache: options.tokenCache,
            transport: (endpoint, body, kind) => this.grant(endpoint, body, kind),
            issuer: createHash('sha256')
              .update(
                // The API's origin too: a token is only ever sent where it was obtained for.
                JSON.stringify([
                  options.authUrl ?? options.baseUrl,
                  options.baseUrl,
                  Object.entries(options.credentials).sort(),
                ]),
              )
              .digest('hex')
              .slice(0, 32),
            now: this.now,
          });
  }

  get source(): string {
    return this.options.source;
  }

  url(spec: RequestSpec): URL {
    const url = new URL(spec.path.replace(/^\//, ''), withSlash(this.options.baseUrl));
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
    return url;
  }

  /** Makes sure a token with `minLifeMs` left is cached (the planner's job before a fan-out). */
  async ensureToken(minLifeMs: number): Promise<void> {
    await this.tokens?.token(minLifeMs);
  }

  /**
   * One attempt at a request, re-authenticating once if the vendor refuses the token. Returns
   * a 2xx response with its body unread; anything else becomes a typed error saying whether a
   * retry may help.
   */
  async send(
    request: HttpRequest,
    context: ErrorContext = {},
    counters?: RequestCounters,
    deadline?: Deadline,
  ): Promise<HttpResponse> {
    let reauthentications = 0;
    for (;;) {
      const { response, token } = await this.sendAuthorised(request, deadline);
      if (counters) counters.requests++;
      if (response.status >= 200 && response.status < 300) return response;
      const text = await response.text().catch(() => '');
      const { rules } = this.options;
      const authFailure =
        rules.authFailureStatuses.includes(response.status) ||
        (response.status === 404 && !!rules.notFoundMayBeAuthFailure);
      // A fresh token can be revoked again before it is used (another worker's revocation, a
      // vendor-side rotation), so a few re-authentications are allowed; the grant itself fails
      // fast when the credentials are wrong.
      if (authFailure && this.tokens && token && reauthentications < MAX_REAUTHENTICATIONS) {
        this.tokens.reject(token);
        reauthentications++;
        continue;
      }
      const reauthenticated = reauthentications > 0;
      const error = this.classify(request, response, text, { authFailure, reauthenticated, context });
      if (counters && (error.code === 'VENDOR_RATE_LIMITED' || response.status === 429)) counters.throttled++;
      throw error;
    }
  }

  /** `send` under the retry policy, for callers that read the body inside the attempt. */
  withRetry<T>(attempt: () => Promise<T>, counters?: RequestCounters, deadline?: Deadline): Promise<T> {
    return withRetry(this.options.retry, attempt, {
      onRetry: () => {
        if (counters) counters.retries++;
      },
      deadline,
      now: this.now,
    });
  }

  private async sendAuthorised(
    request: HttpRequest,
    deadline?: Deadline,
  ): Promise<{ response: HttpResponse; token?: string }> {
    const { auth, credentials } = this.options;
    // Before any credential is attached: the request must be under the configured base URL.
    this.api.check(request.url);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let url = request.url;
    let token: string | undefined;
    if (auth.kind === 'api-key') {
      const key = credentials[auth.credential];
      if (!key) {
        throw new ReportFetcherError('CREDENTIALS_MISSING', `credential "${auth.credential}" is not set`, {
          context: { source: this.options.source },
        });
      }
      url = new URL(url);
      url.searchParams.set(auth.queryParam, key);
    } else {
      token = await this.tokens!.token();
      headers.authorization = `${auth.placement.scheme} ${token}`;
      // Vendor next-URLs may carry a token; ours goes in the header only.
      url = new URL(sanitizeUrl(url));
    }
    const sequence = await this.options.limiter.acquire(deadline);
    // A request never runs past the caller's deadline either.
    const left = deadline ? deadline.at - this.now() : Number.POSITIVE_INFINITY;
    const cut = left < this.options.http.totalTimeoutMs;
    const http = cut ? { ...this.options.http, totalTimeoutMs: Math.max(1, left) } : this.options.http;
    const response = await sendHttp({ ...request, url, headers }, http)
      .catch((error: unknown) => {
        if (cut && error instanceof BudgetExceededError && error.budget === 'requestTimeoutSeconds')
          throw new DeadlineError({
            deadline: deadline!.name,
            resumeAt: this.now(),
            message: `${request.method} ${sanitizeUrl(request.url)} was still running`,
          });
        throw error;
      })
      .finally(() => this.options.limiter.complete(sequence));
    this.observeRateLimit(response.headers, sequence);
    return { response, token };
  }

  private observeRateLimit(headers: Headers, sequence: number): void {
    const spec = this.options.rules.rateLimitHeaders;
    if (!spec || !headers.has(spec.remaining)) return;
    const remaining = Number(headers.get(spec.remaining));
    if (Number.isFinite(remaining))
      this.options.limiter.observe(remaining, this.resetAtMs(headers), sequence);
  }

  private resetAtMs(headers: Headers): number | undefined {
    const spec = this.options.rules.rateLimitHeaders;
    const value = spec ? Number(headers.get(spec.reset)) : Number.NaN;
    if (!spec || !Number.isFinite(value) || !headers.has(spec.reset)) return undefined;
    return spec.resetIn === 'epoch-seconds' ? value * 1000 : this.now() + value * 1000;
  }

  private classify(
    request: HttpRequest,
    response: HttpResponse,
    text: string,
    state: { authFailure: boolean; reauthenticated: boolean; context: ErrorContext },
  ): ReportFetcherError {
    const { rules, retry } = this.options;
    const base = {
      status: response.status,
      vendorMessage: vendorMessage(text),
      method: request.method,
      url: sanitizeUrl(request.url),
      context: { source: this.options.source, ...state.context },
    };
    const unknownField = unknownFieldError(rules, this.options.source, base.vendorMessage, base.context);
    if (unknownField && response.status >= 400 && response.status < 500) return unknownField;
    const refusal = rules.rateLimitRefusal;
    if (refusal && response.status === refusal.status && refusal.bodyPattern.test(text)) {
      const resetAt = this.resetAtMs(response.headers) ?? this.now() + 60_000;
      this.options.limiter.blockUntil(resetAt);
      return new VendorHttpError('VENDOR_RATE_LIMITED', {
        ...base,
        retryable: true,
        retryAfterMs: Math.max(0, resetAt - this.now()),
      });
    }
    if (response.status === 404 && rules.notFoundMayBeAuthFailure && state.reauthenticated) {
      return new VendorHttpError('VENDOR_NOT_FOUND', {
        ...base,
        vendorMessage: `${base.vendorMessage || 'Not Found'} (still 404 with fresh tokens: the resource does not exist or is not yours)`,
        retryable: false,
      });
    }
    if (state.authFailure) {
      // Fresh tokens were granted, so the credentials are good: a token revoked again before
      // use is retried under the policy's backoff and attempt cap. Without a token to renew
      // (an API key), a rejection is final.
      return new VendorHttpError('VENDOR_AUTH', {
        ...base,
        vendorMessage: `${base.vendorMessage} (credentials or token rejected${state.reauthenticated ? ' even after re-authenticating' : ''})`,
        retryable: state.reauthenticated,
      });
    }
    const retryable = retry.retryStatuses.includes(response.status);
    return new VendorHttpError('VENDOR_HTTP', {
      ...base,
      retryable,
      retryAfterMs: retryable
        ? parseRetryAfterMs(response.headers.get('retry-after'), this.now())
        : undefined,
    });
  }

  /** Token grants: never retried blindly for refresh (a rotated token would be lost twice). */
  private async grant(
    endpoint: TokenEndpoint,
    body: Record<string, string>,
    kind: GrantKind,
  ): Promise<unknown> {
    const url = new URL(
      endpoint.path.replace(/^\//, ''),
      withSlash(this.options.authUrl ?? this.options.baseUrl),
    );
    this.authOrigin.check(url, 'token endpoint');
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
    const policy = kind === 'refresh' ? { ...this.options.retry, maxAttempts: 1 } : this.options.retry;
    return withRetry(policy, async () => {
      const sequence = await this.options.limiter.acquire();
      const response = await sendHttp(request, this.options.http).finally(() =>
        this.options.limiter.complete(sequence),
      );
      this.observeRateLimit(response.headers, sequence);
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) {
        const error = this.classify(request, response, text, {
          authFailure: false,
          reauthenticated: false,
          context: {},
        });
        if (error.code === 'VENDOR_HTTP' && !error.retryable) {
          throw new VendorHttpError('VENDOR_AUTH', {
            status: response.status,
            vendorMessage: `${vendorMessage(text)} (token grant refused: check the source's credentials)`,
            method: 'POST',
            url: sanitizeUrl(url),
            retryable: false,
            context: { source: this.options.source },
          });
        }
        throw error;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw new ReportFetcherError(
          'BODY_MALFORMED',
          `token endpoint ${url.pathname} returned a body that is not JSON`,
          {
            retryable: true,
            cause,
          },
        );
      }
    });
  }
}

/**
 * A vendor message saying a requested field does not exist, as a configuration error that names
 * the field, the source and the option that chooses fields; undefined for any other message.
 */
export function unknownFieldError(
  rules: VendorRules,
  source: string,
  message: string,
  context: ErrorContext,
): ReportFetcherError | undefined {
  const match = rules.unknownField ? rules.unknownField.message.exec(message) : null;
  if (!match || !rules.unknownField) return undefined;
  return new ReportFetcherError(
    'CONFIG_INVALID',
    `the vendor has no field "${match[1] ?? '?'}" here ("${message}"): remove it from ${rules.unknownField.option} of source "${source}"`,
    { retryable: false, context },
  );
}

export const defaultRetryPolicy = (override: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  ...override,
});

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
