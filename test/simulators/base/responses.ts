/** What a route handler returns: either a complete body or a streaming writer. */
import type { ServerResponse } from 'node:http';

export type Headers = Record<string, string>;

interface ResponseOutcome {
  /** The request was rejected for authentication reasons (counted in stats.authFailures). */
  authFailure?: boolean;
  /** A token was granted with this grant kind (counted in stats.authGrants). */
  grant?: string;
}

export interface BufferedResponse extends ResponseOutcome {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Writes the body itself; see `StreamWriter` for backpressure and cancellation. */
export interface StreamingResponse extends ResponseOutcome {
  status: number;
  headers: Headers;
  stream: (res: ServerResponse) => Promise<void>;
}

export type SimResponse = BufferedResponse | StreamingResponse;

export function isStreaming(response: SimResponse): response is StreamingResponse {
  return 'stream' in response;
}

export function jsonResponse(status: number, value: unknown, headers: Headers = {}): BufferedResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}
