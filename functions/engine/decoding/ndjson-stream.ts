import { DriftError, VendorError } from '../errors.js';
import type { HttpResponse } from '../http/http-client.js';
import { numberAt } from '../json-path.js';
import { linesWithEnd } from '../staging/ndjson-lines.js';
import { vendorMessage } from '../vendor-message.js';
import type { DecodeContext, DecodedPage, RecordDecoder, RecordSink } from './record-decoder.js';

export type StreamLineKind = 'header' | 'data' | 'meta' | 'error';

export interface NdjsonStreamOptions {
  /** Path of the expected row count in the header line (-1 or absent: unknown). */
  headerTotalItems: string;
  /** Sorts each line of the stream. */
  classify: (line: Record<string, unknown>) => StreamLineKind;
}

/**
 * One response of JSON lines (MediaMath's streaming mode): a header line with the expected count,
 * data lines, metadata and error lines. Read line by line with bounded memory; the count must
 * match the header, and an error line ends the stream (retried, unless the rules say it is a
 * configuration error or drift).
 */
export function ndjsonStream(options: NdjsonStreamOptions): RecordDecoder {
  return {
    kind: 'ndjson',
    async decode(response: HttpResponse, context: DecodeContext, sink: RecordSink): Promise<DecodedPage> {
      const { errorContext } = context;
      let expected: number | undefined;
      let sawHeader = false;
      let count = 0;
      for await (const { line, terminated } of linesWithEnd(response.chunks(), context.maxLineBytes)) {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(line) as Record<string, unknown>;
        } catch (cause) {
          throw new VendorError(
            'BODY_MALFORMED',
            `stream line ${count + 1} is not JSON${terminated ? '' : ' (the stream was cut mid-line)'}`,
            { retryable: true, cause, context: errorContext },
          );
        }
        const kind = options.classify(parsed);
        if (kind === 'header') {
          sawHeader = true;
          const total = numberAt(parsed, options.headerTotalItems);
          expected = total !== undefined && total >= 0 ? total : undefined;
        } else if (kind === 'error') {
          const refusal = context.judge({ status: response.status, text: line, json: parsed }, 'stream');
          if (refusal) throw refusal;
          throw new VendorError(
            'STREAM_ERROR',
            `the vendor aborted the stream after ${count} rows: ${vendorMessage(line)}`,
            { retryable: true, context: errorContext },
          );
        } else if (kind === 'data') {
          if (!sawHeader)
            throw new VendorError('BODY_MALFORMED', 'stream data arrived before its header line', {
              retryable: true,
              context: errorContext,
            });
          count++;
          const written = sink.push(parsed);
          if (written) await written;
        }
      }
      if (!sawHeader)
        throw new VendorError('BODY_MALFORMED', 'the stream ended before its header line', {
          retryable: true,
          context: errorContext,
        });
      if (expected !== undefined && count !== expected) {
        throw new DriftError('COUNT_MISMATCH', `the stream ended after ${count} of ${expected} rows`, {
          retryable: true,
          context: errorContext,
        });
      }
      return { records: count, ...(expected !== undefined ? { totalItems: expected } : {}) };
    },
  };
}
