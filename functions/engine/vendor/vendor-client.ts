import type { AuthSpec } from '../auth/auth-spec.js';
import type { TokenCache } from '../auth/token-cache.js';
import { TokenProvider } from '../auth/token-provider.js';
import type { RequestSpec } from '../connector-definition.js';
import type { RateGate } from '../control/rate-gate.js';
import type { ErrorContext, ReportFetcherError } from '../errors.js';
import type { HttpClientOptions, HttpRequest, HttpResponse } from '../http/http-client.js';
import { PinnedOrigin } from '../http/origin.js';
import { withRetry } from '../http/retry.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../http/retry-policy.js';
import type { Deadline } from '../limits.js';
import { answerError } from './answer-error.js';
import { authorise } from './authorise.js';
import { observeRateLimit, type RateLimitHeaders, resetAtMs } from './rate-limit-headers.js';
import { requestUrl } from './request-url.js';
import {
  type AnswerPhase,
  defaultRules,
  matchAnswer,
  type ResponseAction,
  type ResponseRule,
  type VendorAnswer,
} from './response-rules.js';
import { sendBefore } from './send-before.js';
import { grantTransport, tokenIssuer } from './token-grant.js';

/**
 * Fresh tokens per attempt while the rules say the token is refused. A refusal that can only mean
 * the token (a 401) gets a few: a fresh token can be revoked again before it is used (another
 * worker's revocation, a vendor-side rotation). A refusal that may also mean "no such resource"
 * (AdMaster's 404, `stillRefused: 'not-found'`) gets one, since each costs a grant when the
 * resource really is missing; the retry policy repeats the attempt, with backoff, instead.
 */
const MAX_REAUTHENTICATIONS = 3;
function reauthenticationsAllowed(action: ResponseAction): number {
  return action.do === 'reauthenticate' && action.stillRefused === 'not-found' ? 1 : MAX_REAUTHENTICATIONS;
}

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
  /** The connector's response rules; the engine's defaults follow them. */
  responses: readonly ResponseRule[];
  rateLimitHeaders?: RateLimitHeaders;
  credentials: Record<string, string>;
  tokenCache: TokenCache;
  limiter: RateGate;
  retry: RetryPolicy;
  http: HttpClientOptions;
  now?: () => number;
}

/**
 * Everything a request to one vendor needs, put together per source: the pinned base URL,
 * credentials (`authorise.ts`), the token lifecycle (`TokenProvider`, grants in
 * `token-grant.ts`), the rate gate and the vendor's rate-limit headers (`rate-limit-headers.ts`),
 * and what its answers mean (`response-rules.ts`, errors in `answer-error.ts`). One per source
 * per process.
 */
export class VendorClient {
  readonly tokens: TokenProvider | undefined;
  /** Where API requests (and their credentials) may go: the configured baseUrl's origin and path. */
  readonly api: PinnedOrigin;
  private readonly now: () => number;
  private readonly rules: readonly ResponseRule[];

  constructor(private readonly options: VendorClientOptions) {
    this.now = options.now ?? Date.now;
    this.api = new PinnedOrigin(options.baseUrl, 'baseUrl');
    this.rules = [...options.responses, ...defaultRules(options.retry.retryStatuses)];
    const authUrl = options.authUrl ?? options.baseUrl;
    const { auth } = options;
    this.tokens =
      auth.kind === 'api-key'
        ? undefined
        : new TokenProvider({
            source: options.source,
            spec: auth,
            credentials: options.credentials,
            cache: options.tokenCache,
            transport: grantTransport({
              source: options.source,
              authUrl,
              // Where token grants (and the credentials in them) may go.
              authOrigin: options.authUrl ? new PinnedOrigin(options.authUrl, 'authUrl') : this.api,
              retry: options.retry,
              http: options.http,
              limiter: options.limiter,
              observe: (headers, sequence) => this.observe(headers, sequence),
              judge: (request, response, text) =>
                this.judge({ status: response.status, text }, 'grant', request, response.headers, {})!,
            }),
            issuer: tokenIssuer(authUrl, options.baseUrl, options.credentials),
            now: this.now,
          });
  }

  get source(): string {
    return this.options.source;
  }

  url(spec: RequestSpec): URL {
    return requestUrl(this.options.baseUrl, spec);
  }

  /** Makes sure a token with `minLifeMs` left is cached (the planner's job before a fan-out). */
  async ensureToken(minLifeMs: number): Promise<void> {
    await this.tokens?.token(minLifeMs);
  }

  /**
   * One attempt at a request, re-authenticating while the rules say the token is refused.
   * Returns a 2xx response with its body unread; anything else becomes the typed error its rule
   * says, retryable or not.
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
      const match = matchAnswer(this.rules, { status: response.status, text }, 'response')!;
      // The grant itself fails fast when the credentials are wrong.
      if (
        match.action.do === 'reauthenticate' &&
        this.tokens &&
        token &&
        reauthentications < reauthenticationsAllowed(match.action)
      ) {
        this.tokens.reject(token);
        reauthentications++;
        continue;
      }
      const error = answerError(
        match,
        this.situation(request, response.headers, context, reauthentications > 0),
      );
      if (counters && (error.code === 'VENDOR_RATE_LIMITED' || response.status === 429)) counters.throttled++;
      throw error;
    }
  }

  /**
   * The rules applied to a vendor error inside a 2xx answer: a status echoed in a JSON body, or an
   * error line of a stream. Undefined when no rule says it is an error (for a stream line: when no
   * rule fails it as a configuration error or drift, it is an ordinary, retryable stream error).
   */
  judge(
    answer: VendorAnswer,
    phase: AnswerPhase,
    request: HttpRequest,
    headers: Headers,
    context: ErrorContext,
  ): ReportFetcherError | undefined {
    const match = matchAnswer(this.rules, answer, phase);
    if (!match) return undefined;
    if (phase === 'stream' && match.action.do !== 'config-error' && match.action.do !== 'drift')
      return undefined;
    return answerError(match, this.situation(request, headers, context, false));
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

  private situation(request: HttpRequest, headers: Headers, context: ErrorContext, reauthenticated: boolean) {
    const now = this.now();
    const resetAt = resetAtMs(this.options.rateLimitHeaders, headers, now);
    return {
      request,
      headers,
      source: this.options.source,
      context,
      reauthenticated,
      now,
      ...(resetAt !== undefined ? { resetAt } : {}),
      rateLimitWaitMs: this.options.retry.rateLimitWaitMs,
      blockUntil: (at: number) => this.options.limiter.blockUntil(at),
    };
  }

  private async sendAuthorised(
    request: HttpRequest,
    deadline?: Deadline,
  ): Promise<{ response: HttpResponse; token?: string }> {
    // Before any credential is attached: the request must be under the configured base URL.
    this.api.check(request.url);
    const { url, headers, token } = await authorise(
      request,
      this.options.auth,
      this.options.credentials,
      this.tokens,
      this.options.source,
    );
    const sequence = await this.options.limiter.acquire(deadline);
    const response = await sendBefore(
      { ...request, url, headers },
      this.options.http,
      deadline,
      this.now,
    ).finally(() => this.options.limiter.complete(sequence));
    this.observe(response.headers, sequence);
    return { response, token };
  }

  private observe(headers: Headers, sequence: number): void {
    observeRateLimit(this.options.rateLimitHeaders, headers, this.options.limiter, sequence, this.now());
  }
}

export const defaultRetryPolicy = (override: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  ...override,
});
