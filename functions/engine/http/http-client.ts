import { BudgetExceededError, ReportFetcherError, VendorError } from '../errors.js';
import { sanitizeUrl } from '../secrets.js';
import { describeOrigin } from './origin.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpClientOptions {
  /** Longest silence allowed: waiting for headers, or between two chunks of the body. */
  idleTimeoutMs: number;
  /** Longest a whole request may take, body included (limits.requestTimeoutSeconds). */
  totalTimeoutMs: number;
  /** Bodies read whole (JSON) above this size are refused (limits.maxResponseBytes). */
  maxBodyBytes: number;
  /** Bodies read chunk by chunk (streams) above this size are refused (limits.maxStreamBytes). */
  maxStreamBytes: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpClientOptions = {
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 30 * 60_000,
  maxBodyBytes: 64 * 1024 * 1024,
  maxStreamBytes: 8 * 1024 * 1024 * 1024,
};

/** An answered request whose body has not been read yet. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Reads the whole body as text (bounded by maxBodyBytes). */
  text(): Promise<string>;
  /** Reads the body chunk by chunk (bounded memory, bounded total by maxStreamBytes). */
  chunks(): AsyncIterable<Uint8Array>;
  /** Bytes of the body received so far, as sent (before any decoding to text). */
  bytesRead(): number;
}

/**
 * One HTTP attempt with an idle timeout and a total timeout that both cover the body. Redirects
 * are never followed: a request may carry credentials, and the target of a redirect is the
 * vendor's choice, not the configuration's. Failures become typed errors whose messages name the
 * URL without its credentials.
 */
export async function sendHttp(request: HttpRequest, options: HttpClientOptions): Promise<HttpResponse> {
  const controller = new AbortController();
  const where = `${request.method} ${sanitizeUrl(request.url)}`;
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new TimeoutSignal('idle')), clampTimer(options.idleTimeoutMs));
  };
  const total = setTimeout(
    () => controller.abort(new TimeoutSignal('total')),
    clampTimer(options.totalTimeoutMs),
  );
  const done = () => {
    clearTimeout(idle);
    clearTimeout(total);
  };
  touch();
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
  } catch (error) {
    done();
    throw transportError(error, where, controller, options);
  }
  touch();
  if (response.status >= 300 && response.status < 400) {
    done();
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    let target = 'no Location';
    if (location) {
      try {
        target = describeOrigin(new URL(location, request.url));
      } catch {
        target = 'an invalid Location';
      }
    }
    throw new VendorError(
      'REDIRECT_REFUSED',
      `${where} answered HTTP ${response.status} redirecting to ${target}: redirects are never followed (credentials stay on their configured origin)`,
    );
  }

  let bytesRead = 0;
  async function* chunks(): AsyncIterable<Uint8Array> {
    if (!response.body) return;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        touch();
        bytesRead += chunk.byteLength;
        if (bytesRead > options.maxStreamBytes) {
          controller.abort();
          throw new BudgetExceededError(
            'maxStreamBytes',
            `${where} streamed more than ${options.maxStreamBytes} bytes`,
          );
        }
        yield chunk;
      }
    } catch (error) {
      throw transportError(error, where, controller, options);
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
          throw new BudgetExceededError(
            'maxResponseBytes',
            `${where} returned more than ${options.maxBodyBytes} bytes; refusing to buffer it`,
            { code: 'BODY_TOO_LARGE' },
          );
        }
        text += decoder.decode(chunk, { stream: true });
      }
      return text + decoder.decode();
    },
  };
}

/** setTimeout fires after 1 ms for any delay above 2^31-1 ms; never hand it one. */
function clampTimer(ms: number): number {
  return Math.max(0, Math.min(ms, 2_147_483_647));
}

class TimeoutSignal extends Error {
  constructor(readonly kind: 'idle' | 'total') {
    super(`${kind} timeout`);
    this.name = 'TimeoutSignal';
  }
}

function transportError(
  error: unknown,
  where: string,
  controller: AbortController,
  options: HttpClientOptions,
): ReportFetcherError {
  if (error instanceof ReportFetcherError) return error;
  const reason = controller.signal.reason;
  if (reason instanceof TimeoutSignal && reason.kind === 'total') {
    return new BudgetExceededError(
      'requestTimeoutSeconds',
      `${where} was still running after ${Math.round(options.totalTimeoutMs / 1000)} s`,
    );
  }
  if (reason instanceof TimeoutSignal) {
    return new VendorError('TIMEOUT', `${where} timed out`, { retryable: true, cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail =
    cause instanceof Error ? `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}` : '';
  return new VendorError(
    'NETWORK',
    `${where} failed: ${detail || 'connection error'} (body may be truncated)`,
    {
      retryable: true,
      cause: error,
    },
  );
}
