/**
 * The machinery every vendor simulator shares: an HTTP server on 127.0.0.1 (random port),
 * routing, latency, the rate-limit window, fault injection, token bookkeeping, statistics and a
 * clean shutdown that also ends hung requests and open streams.
 *
 * A vendor module only describes itself (a `VendorProfile`: routes, credentials, error shape,
 * rate-limit refusal) and adds its truth accessors to the returned handle.
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CommonOptions,
  Fault,
  FaultOptions,
  RateLimitOptions,
  RefusalShape,
  SimulatorHandle,
} from '../types.js';
import { type SimulatorClock, systemClock } from './clock.js';
import { FaultPlan } from './fault-plan.js';
import type { RateLimitState } from './rate-limiter.js';
import { RateLimiter, retryAfterSeconds } from './rate-limiter.js';
import { readBody } from './request-body.js';
import { emptyStats, logEntry } from './request-log.js';
import type { BufferedResponse, Headers, SimResponse } from './responses.js';
import { isStreaming, jsonResponse } from './responses.js';
import { connectionClosed } from './stream-writer.js';
import type { TokenRegistry } from './token-registry.js';

export type StreamFault = 'stream-error' | 'stream-cut';

export interface RouteRequest {
  method: string;
  /** Absolute URL of the request (base URL + request target). */
  url: URL;
  /** Base URL of the simulator, no trailing slash: handlers build absolute navigation URLs from it. */
  baseUrl: string;
  /** Capture groups of the route's path pattern. */
  params: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
  /**
   * For streaming handlers: the fault to apply mid-stream, if any. A `truncate` fault on a
   * streamed response is delivered as 'stream-cut' (a stream has no length to cut in half).
   * Taking it counts it as injected.
   */
  takeStreamFault(): StreamFault | undefined;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path without query string; anchor it. */
  path: RegExp;
  /** 'auth' routes grant tokens; every other route is a DATA route (faults apply only there). */
  kind: 'auth' | 'data';
  handle(request: RouteRequest): SimResponse | Promise<SimResponse>;
}

export interface RateLimitRefusal {
  status: number;
  message: string;
  /** Send Retry-After (seconds until the window resets). */
  retryAfter: boolean;
}

/** X-RateLimit-Reset is one of the headers sent (AdMaster; CommonOptions.refusal can drop it from refusals). */
const RESET_HEADER = 'x-ratelimit-reset';

export interface VendorProfile {
  routes: Route[];
  credentials: Record<string, string>;
  /** Names of the credentials that are secret (reported by issuedSecrets; client ids and e-mails are not). */
  secretCredentialNames: string[];
  tokens: TokenRegistry;
  /** The vendor's error body for a status and message. */
  errorResponse(status: number, message: string): BufferedResponse;
  rateLimitRefusal: RateLimitRefusal;
  /** Used when CommonOptions.rateLimit is absent; no limit when both are absent. */
  defaultRateLimit?: RateLimitOptions;
  /**
   * Send X-RateLimit-Limit/-Remaining on every response (AdMaster), and X-RateLimit-Reset unless
   * this is 'without-reset'.
   */
  rateLimitHeaders?: boolean | 'without-reset';
}

/** The parts of the simulator machinery a vendor module may use after start-up. */
export type BaseSimulator = SimulatorHandle;

export async function startSimulator(profile: VendorProfile, options: CommonOptions): Promise<BaseSimulator> {
  const stats = emptyStats();
  const clock = options.clock ?? systemClock;
  let faultPlan = new FaultPlan(options.faults);
  let latencyMs = options.latencyMs ?? 0;
  const rateLimitOptions = options.rateLimit ?? profile.defaultRateLimit;
  const limiter = rateLimitOptions === undefined ? undefined : new RateLimiter(rateLimitOptions);
  const shutdown = new AbortController();
  let baseUrl = '';

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      console.error('[simulator] unexpected error', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = clock.now();
    stats.requests += 1;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', baseUrl);
    let logged = false;
    const record = (status: number): void => {
      if (logged) return;
      logged = true;
      stats.requestLog.push(logEntry(method, url, status, arrivedAt));
    };
    res.on('close', () => record(res.headersSent ? res.statusCode : 0));

    const body = await readBody(req);
    await pause(clock, latencyMs, res, shutdown.signal);
    if (connectionClosed(res)) return;

    const match = matchRoute(profile.routes, method, url.pathname);
    const isData = match?.route.kind === 'data';
    if (isData) stats.dataRequests += 1;

    const limit = limiter?.consume(clock.now());
    const extraHeaders =
      profile.rateLimitHeaders && limit
        ? rateLimitHeaders(limit, profile.rateLimitHeaders !== 'without-reset')
        : {};
    const send = (response: SimResponse, truncate = false): Promise<void> => {
      record(response.status);
      return sendResponse(res, response, extraHeaders, truncate);
    };
    /** A refusal in the shape the options (or the injected fault) ask for. */
    const sendRefusal = (shape: RefusalShape | undefined): Promise<void> => {
      const { response, reset } = refusal(limit, shape);
      if (!reset) delete extraHeaders[RESET_HEADER];
      return send(response);
    };

    if (limit && !limit.allowed) {
      stats.refused += 1;
      return sendRefusal(undefined);
    }
    if (match === undefined) return send(profile.errorResponse(404, 'Not Found'));
    if (match.route.method !== method) return send(profile.errorResponse(405, 'Method Not Allowed'));

    const fault = isData ? faultPlan.next(req.url ?? '/') : undefined;
    if (fault?.kind === 'rate-limit') {
      stats.faultsInjected += 1;
      stats.refused += 1;
      return sendRefusal(fault);
    }
    if (fault !== undefined) {
      const early = await applyEarlyFault(fault, res);
      if (early === 'gone') return;
      if (early !== undefined) return send(early);
    }

    let streamFaultPending =
      fault?.kind === 'truncate' || fault?.kind === 'stream-error' || fault?.kind === 'stream-cut';
    const response = await match.route.handle({
      method,
      url,
      baseUrl,
      params: match.params,
      headers: req.headers,
      body,
      takeStreamFault: () => {
        if (!streamFaultPending || fault === undefined) return undefined;
        streamFaultPending = false;
        stats.faultsInjected += 1;
        return fault.kind === 'stream-error' ? 'stream-error' : 'stream-cut';
      },
    });
    if (response.authFailure) stats.authFailures += 1;
    if (response.grant !== undefined)
      stats.authGrants[response.grant] = (stats.authGrants[response.grant] ?? 0) + 1;
    // Stream faults on a buffered response do not apply (and are not counted); truncate does.
    const truncate = fault?.kind === 'truncate' && !isStreaming(response);
    if (truncate) stats.faultsInjected += 1;
    return send(response, truncate);
  }

  /**
   * Faults that act before the handler runs. Returns the response to send instead of the real
   * one, 'gone' when the client disconnected while we hung, or undefined to continue normally.
   */
  async function applyEarlyFault(
    fault: Fault,
    res: ServerResponse,
  ): Promise<SimResponse | 'gone' | undefined> {
    switch (fault.kind) {
      case 'status': {
        stats.faultsInjected += 1;
        const response =
          fault.rawBody !== undefined
            ? {
                status: fault.status,
                headers: { 'content-type': 'text/html' },
                body: Buffer.from(fault.rawBody, 'utf8'),
              }
            : fault.body === undefined
              ? profile.errorResponse(fault.status, STATUS_CODES[fault.status] ?? 'Error')
              : jsonResponse(fault.status, fault.body);
        if (fault.retryAfter !== undefined) response.headers['retry-after'] = fault.retryAfter;
        return response;
      }
      case 'hang':
        stats.faultsInjected += 1;
        await pause(clock, fault.ms, res, shutdown.signal);
        return connectionClosed(res) ? 'gone' : undefined;
      case 'revoke-tokens':
        stats.faultsInjected += 1;
        profile.tokens.revokeAllAccessTokens();
        return undefined;
      default:
        return undefined; // rate-limit is answered before; truncate and stream faults act on the response itself
    }
  }

  /**
   * The vendor's refusal: its profile's shape, then the simulator's `refusal` option, then the
   * fault's own shape. `reset`: whether X-RateLimit-Reset goes with it.
   */
  function refusal(
    limit: RateLimitState | undefined,
    shape: RefusalShape | undefined,
  ): { response: BufferedResponse; reset: boolean } {
    const { message } = profile.rateLimitRefusal;
    const pick = <K extends keyof RefusalShape>(key: K, fallback: NonNullable<RefusalShape[K]>) =>
      shape?.[key] ?? options.refusal?.[key] ?? fallback;
    const response = profile.errorResponse(
      pick('status', profile.rateLimitRefusal.status as 403 | 429),
      message,
    );
    if (pick('retryAfter', profile.rateLimitRefusal.retryAfter))
      response.headers['retry-after'] = retryAfterSeconds(limit, clock.now());
    return { response, reset: pick('reset', true) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const secretCredentials = profile.secretCredentialNames.flatMap((name) => profile.credentials[name] ?? []);
  return {
    url: baseUrl,
    credentials: profile.credentials,
    stats,
    setFaults: (faults: FaultOptions) => {
      faultPlan = new FaultPlan(faults);
    },
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    expireTokens: () => profile.tokens.expireAllAccessTokens(),
    issuedSecrets: () => [...secretCredentials, ...profile.tokens.issuedValues()],
    close: () => {
      // Idempotent: ending hung requests and open streams, then the listener, exactly once.
      closing ??= new Promise<void>((resolve, reject) => {
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function matchRoute(
  routes: Route[],
  method: string,
  pathname: string,
): { route: Route; params: string[] } | undefined {
  let pathOnlyMatch: { route: Route; params: string[] } | undefined;
  for (const route of routes) {
    const found = route.path.exec(pathname);
    if (found === null) continue;
    const params = found.slice(1).map((param) => decodeURIComponent(param ?? ''));
    if (route.method === method) return { route, params };
    pathOnlyMatch ??= { route, params };
  }
  return pathOnlyMatch;
}

function rateLimitHeaders(limit: RateLimitState, withReset: boolean): Headers {
  return {
    'x-ratelimit-limit': String(limit.limit),
    'x-ratelimit-remaining': String(limit.remaining),
    ...(withReset ? { [RESET_HEADER]: String(Math.ceil(limit.resetAtMs / 1000)) } : {}),
  };
}

async function sendResponse(
  res: ServerResponse,
  response: SimResponse,
  extraHeaders: Headers,
  truncate: boolean,
): Promise<void> {
  if (connectionClosed(res)) return;
  const headers = { ...extraHeaders, ...response.headers };
  if (isStreaming(response)) {
    res.writeHead(response.status, headers);
    await response.stream(res);
    return;
  }
  res.writeHead(response.status, { ...headers, 'content-length': String(response.body.length) });
  if (!truncate) {
    res.end(response.body);
    return;
  }
  // Headers promise the full length; deliver about half of it and hang up.
  const half = response.body.subarray(0, Math.floor(response.body.length / 2));
  await new Promise<void>((resolve) => res.write(half, () => resolve()));
  res.socket?.destroy();
  res.destroy();
}

/** Wait `ms` on the simulator's clock, but stop early when the client disconnects or the simulator closes. */
function pause(clock: SimulatorClock, ms: number, res: ServerResponse, shutdown: AbortSignal): Promise<void> {
  if (ms <= 0 || shutdown.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      cancel();
      res.off('close', done);
      shutdown.removeEventListener('abort', done);
      resolve();
    };
    const cancel = clock.timer(ms, done);
    res.on('close', done);
    shutdown.addEventListener('abort', done);
  });
}
