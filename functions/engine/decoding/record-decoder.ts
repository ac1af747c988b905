import type { ErrorContext, ReportFetcherError } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../http/http-client.js';
import type { AnswerPhase, VendorAnswer } from '../vendor/response-rules.js';

/**
 * One interface for the ways a vendor's records arrive in a 2xx answer: a JSON document with the
 * records at a path (`json-records.ts`), or a stream of JSON lines (`ndjson-stream.ts`). A
 * decoder reads the body, hands every record on, and returns what the body says about the
 * slice (for the paginator). Anything wrong with the body is a typed error; the fetch is one
 * retry attempt, so a cut body is fetched again.
 */
export interface RecordDecoder {
  /** The decoder's name, for messages. */
  readonly kind: string;
  decode(response: HttpResponse, context: DecodeContext, records: RecordSink): Promise<DecodedPage>;
  /**
   * Reads a one-document answer of the report's endpoint family with the same checks on what
   * the body says about itself (TUNE's count.json has find.json's envelope); for the up-front count.
   */
  document?(response: HttpResponse, context: DecodeContext): Promise<unknown>;
}

export interface DecodeContext {
  request: HttpRequest;
  errorContext: ErrorContext;
  /** limits.maxLineBytes. */
  maxLineBytes: number;
  /**
   * The connector's response rules applied to a vendor error inside the 2xx answer (a status in
   * a JSON body, an error line of a stream): the error they make, or undefined.
   */
  judge(answer: VendorAnswer, phase: Extract<AnswerPhase, 'body' | 'stream'>): ReportFetcherError | undefined;
}

/** Takes the decoded records one by one; a promise it returns is awaited (back-pressure). */
export interface RecordSink {
  push(record: Record<string, unknown>): Promise<void> | undefined;
}

export interface DecodedPage {
  /** Records the page held. */
  records: number;
  /** The parsed body of a one-document page, for the paginator. */
  body?: unknown;
  /** An item total the body itself declares and the decoder checked (a stream's header). */
  totalItems?: number;
}
