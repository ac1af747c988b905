import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Ledgerly event (ledgerly-api.md line 5). */
export interface LedgerlyEvent {
  id: number;
  day: string;
  kind: 'sale' | 'refund';
  amount: number;
  note: string | null;
}

export interface LedgerlyServer {
  url: string;
  credentials: { client_id: string; client_secret: string };
  /** Every request, in order: method, path and query. */
  requests: { method: string; path: string; query: URLSearchParams }[];
  /** The events the server holds for a day: the truth a run must store. */
  events(day: string): LedgerlyEvent[];
  /** Revokes every token issued so far (line 2: the next use is answered 401). */
  revokeTokens(): void;
  /** Days answered 409 day_open (line 6) on their next listing request, once each. */
  openDays: Set<string>;
  close(): Promise<void>;
}

const CLIENT = { client_id: 'ledgerly-client', client_secret: 'ledgerly-secret-5e1f' };

/**
 * A tiny Ledgerly written from ledgerly-api.md alone: a token endpoint (line 1), Bearer checks
 * (line 2), day listings paged by an opaque cursor (lines 3-4) over events generated per day.
 */
export async function startLedgerly(eventsPerDay: (day: string) => number): Promise<LedgerlyServer> {
  const valid = new Set<string>();
  let issued = 0;
  const requests: LedgerlyServer['requests'] = [];
  const openDays = new Set<string>();
  const events = (day: string): LedgerlyEvent[] =>
    Array.from({ length: eventsPerDay(day) }, (_, i) => ({
      id: Number(day.replaceAll('-', '')) * 1000 + i,
      day,
      kind: i % 4 === 3 ? 'refund' : 'sale',
      amount: Math.round((i * 7.31 + 1) * 100) / 100,
      note: i % 3 === 0 ? null : `event ${i} of ${day}`,
    }));

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://ledgerly');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      const body = JSON.parse(raw || '{}') as Record<string, string>;
      if (body.client_id !== CLIENT.client_id || body.client_secret !== CLIENT.client_secret)
        return send(res, 401, { error: { message: 'bad client' } });
      const token = `ledgerly-token-${++issued}-x9`;
      valid.add(token);
      return send(res, 200, { access_token: token, expires_in: 3600 });
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !valid.has(token)) return send(res, 401, { error: { message: 'invalid token' } });
    const listing = /^\/v1\/days\/(\d{4}-\d{2}-\d{2})\/events$/.exec(url.pathname);
    if (req.method !== 'GET' || !listing) return send(res, 404, { error: { message: 'not found' } });
    const day = listing[1]!;
    if (openDays.delete(day))
      return send(res, 409, { error: { code: 'day_open', message: 'day not closed yet' } });
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      return send(res, 400, { error: { message: 'limit must be 1 to 500' } });
    // The cursor is opaque to clients (line 4): here, the base64 of the next index.
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
    const all = events(day);
    const page = all.slice(start, start + limit);
    const nextIndex = start + page.length;
    const next = nextIndex < all.length ? Buffer.from(String(nextIndex), 'utf8').toString('base64url') : null;
    return send(res, 200, { events: page, paging: { next } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { message: 'simulator error' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: CLIENT,
    requests,
    events,
    revokeTokens: () => valid.clear(),
    openDays,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
