import { ReportFetcherError } from '../errors.js';
import { sanitizeUrl } from '../secrets.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpClientOptions {
  /** Longest silence allowed: waiting for headers, or between two chunks of the body. */
  idleTimeoutMs: number;
  /** Bodies read whole (JSON) above this size are refused: a guard against runaway responses. */
  maxBodyBytes: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpClientOptions = {
  idleTimeoutMs: 30_000,
  maxBodyBytes: 64 * 1024 * 1024,
};

/** An answered request whose body has not been read yet. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Reads the whole body as text (bounded by maxBodyBytes). */
  text(): Promise<string>;
  /** Reads the body chunk by chunk (bounded memory). */
  chunks(): AsyncIterable<Uint8Array>;
  /** Bytes of the body received so far, as sent (before any decoding to text). */
  bytesRead(): number;
  /** Releases the connection without reading the rest. */
  discard(): Promise<void>;
}

/**
 * One HTTP attempt with an idle timeout that also covers the body. Failures become typed,
 * retryable errors whose messages name the URL without its credentials.
 */
export async function sendHttp(request: HttpRequest, options: HttpClientOptions): Promise<HttpResponse> {
  const controller = new AbortController();
  const where = `${request.method} ${sanitizeUrl(request.url)}`;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new TimeoutSignal()), options.idleTimeoutMs);
  };
  const done = () => clearTimeout(timer);
  touch();
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'follow',
    });
  } catch (error) {
    done();
    throw transportError(error, where, controller);
  }
  touch();
  let bytesRead = 0;

  async function* chunks(): AsyncIterable<Uint8Array> {
    if (!response.body) return;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        touch();
        bytesRead += chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      throw transportError(error, where, controller);
    } finally {
      done();
    }
  }

  return {
    status: response.status,
    headers: response.headers,
    chunks,
    bytesRead: () => bytesRead,
    async text() {
      const decoder = new TextDecoder();
      let size = 0;
      let text = '';
      for await (const chunk of chunks()) {
        size += chunk.byteLength;
        if (size > options.maxBodyBytes) {
          controller.abort();
          throw new ReportFetcherError(
            'BODY_TOO_LARGE',
            `${where} returned more than ${options.maxBodyBytes} bytes; refusing to buffer it`,
          );
        }
        text += decoder.decode(chunk, { stream: true });
      }
      return text + decoder.decode();
    },
    async discard() {
      done();
      try {
        await response.body?.cancel();
      } catch {
        // the body is unwanted; a failure to cancel it changes nothing
      }
    },
  };
}

class TimeoutSignal extends Error {
  constructor() {
    super('idle timeout');
    this.name = 'TimeoutSignal';
  }
}

function transportError(error: unknown, where: string, controller: AbortController): ReportFetcherError {
  if (error instanceof ReportFetcherError) return error;
  if (controller.signal.reason instanceof TimeoutSignal) {
    return new ReportFetcherError('TIMEOUT', `${where} timed out`, { retryable: true, cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail =
    cause instanceof Error ? `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}` : '';
  return new ReportFetcherError(
    'NETWORK',
    `${where} failed: ${detail || 'connection error'} (body may be truncated)`,
    {
      retryable: true,
      cause: error,
    },
  );
}
