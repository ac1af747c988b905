import type { ReportDefinition, RequestContext } from '../connector-definition.js';
import type { DecodeContext } from '../decoding/record-decoder.js';
import type { ErrorContext } from '../errors.js';
import type { HttpRequest } from '../http/http-client.js';
import type { PageRef } from '../pagination/paginator.js';
import type { SourceRuntime } from './source-runtime.js';

/** The request for one page: the report's request under the source's base URL, paged. */
export function buildRequest(
  runtime: SourceRuntime,
  report: Pick<ReportDefinition, 'request' | 'paginator'>,
  context: RequestContext,
  page: PageRef,
): HttpRequest {
  const spec = report.request(context);
  const applied = report.paginator.apply(page.state, { url: runtime.client.url(spec), body: spec.body });
  return applied.body === undefined
    ? { method: spec.method, url: applied.url }
    : {
        method: spec.method,
        url: applied.url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(applied.body),
      };
}

/** What a decoder reading the answer to `request` needs from the source. */
export function decodeContext(
  runtime: SourceRuntime,
  request: HttpRequest,
  headers: Headers,
  errorContext: ErrorContext,
): DecodeContext {
  return {
    request,
    errorContext,
    maxLineBytes: runtime.limits.maxLineBytes,
    judge: (answer, phase) => runtime.client.judge(answer, phase, request, headers, errorContext),
  };
}
