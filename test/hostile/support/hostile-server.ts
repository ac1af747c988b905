import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';

/**
 * Hostile vendors for test/hostile: a proxy on 127.0.0.1 in front of a vendor simulator that
 * speaks the vendor's protocol faithfully (the simulator answers) until the attack decides to
 * answer otherwise, and a bystander server at another origin that records whatever reaches it.
 */

export interface SeenRequest {
  method: string;
  /** Request target: path and query. */
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AttackContext {
  /** The simulator's answer to this request, with its URLs rewritten to the proxy's. */
  forward(): Promise<Answer>;
  /** The raw response, for attacks that stream or drip. Return 'handled' after using it. */
  res: ServerResponse;
  /** 1-based number of this request among those the attack saw. */
  n: number;
}

/** Returns the answer to send, 'handled' when it wrote `res` itself, or undefined to forward. */
export type Attack = (
  request: SeenRequest,
  context: AttackContext,
) => Promise<Answer | 'handled' | undefined>;

/**
 * Answers TrackMaster's daily reports as the vendor does, but with a `Link rel="next"` of the
 * attack's choosing (and, when given, another body).
 */
export function nextLinkAttack(next: (target: string) => string, body?: string): Attack {
  return async (request, { forward }) => {
    if (!request.target.includes('daily_reports')) return undefined;
    const answer = await forward();
    return {
      ...answer,
      ...(body === undefined ? {} : { body }),
      headers: { ...answer.headers, link: `<${next(request.target)}>; rel="next"` },
    };
  };
}

export interface HostileProxy {
  url: string;
  /** Every request that reached the proxy, in order. */
  seen: SeenRequest[];
  /** Replaces the attack (undefined: behave like the vendor). */
  attack(attack: Attack | undefined): void;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export async function startHostileProxy(upstream: string): Promise<HostileProxy> {
  let current: Attack | undefined;
  let n = 0;
  const seen: SeenRequest[] = [];
  let self = '';
  const handle = await listen(async (req, res) => {
    const request: SeenRequest = {
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      headers: req.headers,
      body: await readAll(req),
    };
    seen.push(request);
    const forward = async (): Promise<Answer> => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers[name] = value;
      }
      headers['accept-encoding'] = 'identity';
      const response = await fetch(`${upstream}${request.target}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' ? undefined : request.body,
        redirect: 'manual',
      });
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name))
          out[name] = value.split(upstream).join(self);
      });
      return {
        status: response.status,
        headers: out,
        body: (await response.text()).split(upstream).join(self),
      };
    };
    const answer = current ? await current(request, { forward, res, n: ++n }) : undefined;
    if (answer === 'handled') return;
    const final = answer ?? (await forward());
    res.writeHead(final.status, final.headers);
    res.end(final.body);
  });
  self = handle.url;
  return {
    url: handle.url,
    seen,
    attack(attack) {
      current = attack;
      n = 0;
    },
    close: handle.close,
  };
}

/** A server at another origin: records every request, answers 200 with an empty JSON list. */
export async function startBystander(): Promise<{
  url: string;
  seen: SeenRequest[];
  close: () => Promise<void>;
}> {
  const seen: SeenRequest[] = [];
  const handle = await listen(async (req, res) => {
    seen.push({
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      headers: req.headers,
      body: await readAll(req),
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  return { ...handle, seen };
}

/** Writes `chunk` until the client goes away (or `limit` bytes), honouring back-pressure. */
export async function writeForever(
  res: ServerResponse,
  chunk: string | Buffer,
  limit = 4 * 1024 ** 3,
): Promise<void> {
  let sent = 0;
  while (!res.destroyed && !res.writableEnded && sent < limit) {
    sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

/** Every file under `root` (relative path → sha256), optionally skipping some top-level folders. */
export async function treeDigest(root: string, skip: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let entries: string[];
  try {
    entries = (await readdir(root, { recursive: true })) as string[];
  } catch {
    return out;
  }
  for (const entry of entries.sort()) {
    const top = entry.split(/[\\/]/)[0]!;
    if (skip.includes(top)) continue;
    const path = join(root, entry);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    out[relative(root, path)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

/** Every file's text under `root`, for leak scans. */
export async function allText(root: string): Promise<string> {
  let entries: string[];
  try {
    entries = (await readdir(root, { recursive: true })) as string[];
  } catch {
    return '';
  }
  const texts: string[] = [];
  for (const entry of entries) {
    const path = join(root, entry);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) texts.push((await readFile(path)).toString('latin1'));
  }
  return texts.join('\n');
}
