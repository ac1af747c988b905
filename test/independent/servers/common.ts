/**
 * Plumbing shared by the independent vendor servers. These servers are written from the vendor
 * documents in ../shared/vendor-docs/ ONLY (never from functions/connectors or test/simulators), so
 * that they do not share the product's readings. Nothing here knows about any vendor.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Deterministic PRNG (mulberry32): the same seed serves the same rows on every run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    money: (max: number) => Math.round(next() * max * 100) / 100,
  };
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: LoggedRequest, res: ServerResponse) => unknown;

export interface RunningServer {
  origin: string;
  requests: LoggedRequest[];
  close: () => Promise<void>;
  /** Transport faults served so far (see TransportFaults). */
  faultsInjected: () => number;
}

/**
 * Failures any HTTP server can produce whatever its vendor, so no document line is cited: every
 * `every`-th request whose path matches `paths` fails instead of being answered, the kinds taken
 * in turn: HTTP 500, HTTP 503, HTTP 429 with `Retry-After: 0`, a body cut short (the full
 * Content-Length announced, a part sent, the connection dropped), a hang (never answered: only
 * the client's idle timeout ends it) and the server's rate-limit refusal (`RateLimitRefusal`),
 * each kind once: the fault mix of the product's own fault matrix (test/support/fault-cases.ts).
 * With `every` at 2 or more a request retried alone meets at most every other fault, so no
 * request meets as many faults as a client's retries: a run that loses data is the client's
 * fault. A vendor's own failures (expired tokens, stream error lines) are each server's switches.
 */
export interface TransportFaults {
  every: number;
  paths: RegExp;
  /** The server's refusal for rate (see RateLimitRefusal); the server sets it (`refusingWith`). */
  refuse?: RateLimitRefusal;
}
const FAULT_KINDS = [500, 503, 429, 'cut', 'hang', 'rate-limit'] as const;

/**
 * How a server refuses a request for its rate limit. No vendor document shows a refusal, so each
 * server says which shape it sends; the default is 429 without Retry-After (RFC 6585 §4 makes
 * the header optional), so the client learns nothing of how long to wait.
 */
export type RateLimitRefusal = (res: ServerResponse) => void;
const refuseWith429: RateLimitRefusal = (res) => send(res, 429, '{"message":"Too Many Requests"}');

/** The faults a test asked for, refused for rate in the server's own shape. */
export function refusingWith(
  faults: TransportFaults | undefined,
  refuse: RateLimitRefusal,
): TransportFaults | undefined {
  return faults && { ...faults, refuse };
}

/** Starts a server on 127.0.0.1 (loopback only) on a free port and logs every request. */
export async function listen(handler: Handler, faults?: TransportFaults): Promise<RunningServer> {
  const requests: LoggedRequest[] = [];
  let matching = 0;
  let injected = 0;
  /** Answers the request with the next transport fault when its turn has come; true if it did. */
  const injectFault = (path: string, res: ServerResponse): boolean => {
    if (!faults?.paths.test(path) || injected >= FAULT_KINDS.length) return false;
    if (++matching % faults.every !== 0) return false;
    const kind = FAULT_KINDS[injected++ % FAULT_KINDS.length]!;
    if (kind === 'cut') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
      res.write('{"cut":"short');
      setImmediate(() => res.socket?.destroy());
    } else if (kind === 'rate-limit') {
      (faults.refuse ?? refuseWith429)(res);
    } else if (kind !== 'hang') {
      send(res, kind, '{"message":"injected transport fault"}', kind === 429 ? { 'Retry-After': '0' } : {});
    } // a hang is never answered: the client gives up, or close() ends it
    return true;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const logged: LoggedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(logged);
      if (injectFault(logged.path, res)) return;
      Promise.resolve(handler(logged, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    faultsInjected: () => injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** Every date from `from` to `to` inclusive, YYYY-MM-DD. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

export function bearerOrNull(req: LoggedRequest, scheme: string): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const [given, ...rest] = header.split(' ');
  return given?.toLowerCase() === scheme.toLowerCase() ? rest.join(' ') : null;
}

/** A stable sort by several fields (numbers numerically, anything else as text), as SQL ORDER BY. */
export function sortedBy<T extends Record<string, unknown>>(
  rows: T[],
  keys: { field: string; desc?: boolean }[],
): T[] {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.field];
      const y = b[k.field];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  });
}
