import { SchemaDriftError, VendorError } from '../errors.js';
import type { HttpResponse } from '../http/http-client.js';
import { getPath, numberAt } from '../json-path.js';
import type { DecodeContext, DecodedPage, RecordDecoder, RecordSink } from './record-decoder.js';

export interface JsonRecordsOptions {
  /** Dotted path of the records array; '' when the body is the array. */
  path: string;
  /** Path of the body's own declared byte length, checked against the bytes received (TUNE). */
  declaredSize?: string;
}

/** One JSON document per page with the records at a path (dlt's data_selector). */
export function jsonRecords(options: JsonRecordsOptions): RecordDecoder {
  return {
    kind: 'json',
    document: (response, context) => readJsonDocument(response, context, options.declaredSize),
    async decode(response: HttpResponse, context: DecodeContext, sink: RecordSink): Promise<DecodedPage> {
      const body = await readJsonDocument(response, context, options.declaredSize);
      const records = options.path ? getPath(body, options.path) : body;
      if (!Array.isArray(records)) {
        throw new SchemaDriftError(
          `expected an array of records at "${options.path || '(body)'}", got ${records === null ? 'null' : typeof records}`,
          { field: options.path || undefined, context: context.errorContext },
        );
      }
      for (const record of records) {
        const written = sink.push(record as Record<string, unknown>);
        if (written) await written;
      }
      return { records: records.length, body };
    },
  };
}

/**
 * A one-document JSON answer with what its body says about itself checked: parsed, judged by the
 * response rules (a status it echoes), and, when it declares its own byte length, held against
 * the bytes received.
 */
export async function readJsonDocument(
  response: HttpResponse,
  context: DecodeContext,
  declaredSize?: string,
): Promise<unknown> {
  const { request, errorContext } = context;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new VendorError(
      'BODY_MALFORMED',
      `${request.method} ${request.url.pathname} returned a body that is not valid JSON (${text.length} bytes; truncated?)`,
      { retryable: true, cause, context: errorContext },
    );
  }
  const refusal = context.judge({ status: response.status, text, json: body }, 'body');
  if (refusal) throw refusal;
  if (declaredSize) {
    // The size of the body exactly as it arrived: a re-serialisation would differ from the
    // vendor's encoding (TUNE's PHP escapes "/" as "\/") and hide a cut or altered body.
    const declared = numberAt(body, declaredSize);
    const actual = response.bytesRead();
    if (declared !== undefined && declared !== actual) {
      throw new VendorError(
        'BODY_MALFORMED',
        `response declares a ${declared}-byte body but ${actual} bytes arrived (truncated or altered)`,
        { retryable: true, context: errorContext },
      );
    }
  }
  return body;
}
