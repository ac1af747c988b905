import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GoldenAnswer {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Served byte for byte; a function sees the request (e.g. its JSON body). */
  body: string | ((request: { url: URL; body: string }) => string);
}

export interface GoldenServer {
  url: string;
  requests: { method: string; url: URL; body: string }[];
  close(): Promise<void>;
}

/**
 * A loopback server that answers each path with a fixed body, byte for byte: the vendor
 * documents' literal examples as the vendor would serve them. Tokens are granted to any
 * credentials; the point is the data answers, not the auth dance.
 */
export async function startGoldenServer(routes: Record<string, GoldenAnswer>): Promise<GoldenServer> {
  const requests: GoldenServer['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? 'GET', url, body });
    const answer = routes[url.pathname];
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const text = typeof answer.body === 'function' ? answer.body({ url, body }) : answer.body;
    const bytes = Buffer.from(text, 'utf8');
    res
      .writeHead(answer.status ?? 200, {
        'content-type': answer.contentType ?? 'application/json',
        'content-length': String(bytes.length),
        ...answer.headers,
      })
      .end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
