import type { SimulatorClock } from './base/clock.js';
/**
 * The contract every vendor simulator fulfils. End-to-end tests, fault-injection tests, benchmarks
 * and the `npm start` demo program against these types only.
 */

export type Fault =
  /** Answer with this status instead of the real response. `retryAfter` becomes a Retry-After header ('0' allowed). */
  | {
      kind: 'status';
      status: number;
      retryAfter?: string;
      body?: unknown;
      /** Sent as-is (text/html), for bodies that are not JSON; wins over `body`. */
      rawBody?: string;
    }
  /** Send the headers (with the full Content-Length) and roughly half the body bytes, then destroy the socket. */
  | { kind: 'truncate' }
  /** Wait `ms` before answering (to trip a client timeout), then answer normally if the socket is still open. */
  | { kind: 'hang'; ms: number }
  /** Revoke every access token issued so far, then handle the request normally (it will then fail auth). */
  | { kind: 'revoke-tokens' }
  /**
   * Answer as the vendor does when its rate limit is exceeded (without touching the real window),
   * in the simulator's refusal shape, or in the shape given here (see RefusalShape).
   */
  | ({ kind: 'rate-limit' } & RefusalShape)
  /** MediaMath streaming only: after some rows write an error line and end the response normally (HTTP 200). */
  | { kind: 'stream-error' }
  /** MediaMath streaming only: after some rows write half a line and destroy the socket. */
  | { kind: 'stream-cut' };

export type FaultKind = Fault['kind'];

/**
 * How a rate-limit refusal looks. No vendor document shows one, so each simulator has a default
 * shape (its module says why) and offers the other plausible ones through this: the status
 * (429 Too Many Requests, or 403 as the GitHub API that AdMaster's protocol copies answers),
 * whether Retry-After names the wait, and (AdMaster) whether X-RateLimit-Reset is sent with it.
 */
export interface RefusalShape {
  status?: 403 | 429;
  retryAfter?: boolean;
  /** AdMaster only: send X-RateLimit-Reset with the refusal (default: as on every answer). */
  reset?: boolean;
}

export interface ScriptedFault {
  /** 1-based position of the DATA request that gets the fault. */
  nth: number;
  fault: Fault;
  /**
   * When given, only DATA requests whose request target (path AND query string) contains this text
   * are counted towards `nth`. Matching the query too lets a test aim at e.g. `page=3`.
   */
  path?: string;
}

export interface FaultOptions {
  /** PRNG seed for random faults (default 1). */
  seed?: number;
  /** Probability 0..1 that a DATA request gets a random fault picked uniformly from `kinds`. */
  rate?: number;
  kinds?: Fault[];
  /** Each entry fires exactly once. */
  scripted?: ScriptedFault[];
}

/**
 * Fixed-window limit. Every request counts, the auth (token) requests included, because every
 * vendor doc that mentions a limit words it as "requests per hour" without exempting any endpoint.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters; values of secret parameters are replaced by '[redacted]'. */
  query: Record<string, string>;
  /** Status sent to the client; 0 when the client went away before any status was sent. */
  status: number;
  /** Arrival time, epoch milliseconds. */
  at: number;
}

export interface SimulatorStats {
  requests: number;
  /** Requests to non-auth endpoints (the ones faults are injected into). */
  dataRequests: number;
  /** Successful token grants by grant kind, e.g. { client_credentials: 3, password: 1, refresh_token: 2 }. */
  authGrants: Record<string, number>;
  /** Requests answered with the vendor's rate-limit refusal (real window or injected `rate-limit` fault). */
  refused: number;
  faultsInjected: number;
  /** Requests rejected for authentication reasons (bad credentials, unknown/expired/revoked token). */
  authFailures: number;
  requestLog: RequestLogEntry[];
}

export interface SimulatorHandle {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:43123 */
  url: string;
  /** The valid credentials for this simulator (what a config's secrets would hold). */
  credentials: Record<string, string>;
  stats: SimulatorStats;
  /** Replace the fault plan at runtime (scripted counters restart from zero). */
  setFaults(faults: FaultOptions): void;
  setLatency(ms: number): void;
  /** Make every access token issued so far expired, as if its lifetime had passed. Refresh tokens stay valid. */
  expireTokens(): void;
  /** Every secret value: credentials plus every access/refresh token/JWT ever issued (for leak scans). */
  issuedSecrets(): string[];
  close(): Promise<void>;
}

export interface CommonOptions {
  latencyMs?: number;
  /** The shape of every rate-limit refusal (the real window's and injected ones), over the default. */
  refusal?: RefusalShape;
  faults?: FaultOptions;
  rateLimit?: RateLimitOptions;
  /** Seed for the served data and the credentials (default 1). */
  seed?: number;
  tokenTtlSeconds?: number;
  /** The simulator's now and its waits (latency, hangs); default the system clock. */
  clock?: SimulatorClock;
}

/** Simulators whose data is dated can "restate" a date: same keys, different metric values. */
export interface Restatable {
  restate(date: string): void;
  /**
   * A round of late data for the date (base/restatements.ts): some rows' metrics grow, a few rows
   * appear, a few vanish. The simulator's truth for the date changes with it.
   */
  restateLate(date: string): void;
}
