import type { ReportDefinition, RequestContext, ResponseSpec } from '../connector-definition.js';
import {
  BudgetExceededError,
  type ErrorContext,
  ReportFetcherError,
  SchemaDriftError,
  VendorHttpError,
} from '../errors.js';
import type { HttpRequest, HttpResponse } from '../http/http-client.js';
import { DEFAULT_RETRY_POLICY } from '../http/retry-policy.js';
import { getPath } from '../json-path.js';
import type { Deadline } from '../limits.js';
import { numberAt } from '../pagination/page-budget.js';
import type { PageRef, PageResponse } from '../pagination/paginator.js';
import { RowDigest } from '../partitions/row-digest.js';
import { createRowNormaliser, type FieldObservations, type RowNormaliser } from '../schema/row-normaliser.js';
import type { Row } from '../schema/table-schema.js';
import { linesWithEnd } from '../staging/ndjson-lines.js';
import type { PageMeta, PageSink } from '../staging/staging-store.js';
import { type RequestCounters, unknownFieldError } from '../vendor-client.js';
import { vendorMessage } from '../vendor-message.js';
import type { SourceRuntime } from './source-runtime.js';
import type { FetchPageTask } from './tasks.js';

const STAGE_BATCH = 5_000;

export interface PageOutcome {
  following: FetchPageTask[];
  meta: PageMeta;
}

/** What bounds one step beyond the source's limits: the caller's deadline, if any. */
export interface StepOptions {
  /** No wait or attempt that would pass it is begun; a DeadlineError says when to resume. */
  deadline?: Deadline;
}

export function buildRequest(
  runtime: SourceRuntime,
  report: ReportDefinition,
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

/** Parses a JSON page: records plus what the body says about the other pages. */
export async function readJsonPage(
  response: HttpResponse,
  spec: Extract<ResponseSpec, { kind: 'json' }>,
  request: HttpRequest,
  context: ErrorContext,
): Promise<{ records: unknown[]; body: unknown }> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new ReportFetcherError(
      'BODY_MALFORMED',
      `${request.method} ${request.url.pathname} returned a body that is not valid JSON (${text.length} bytes; truncated?)`,
      {
        retryable: true,
        cause,
        context,
      },
    );
  }
  checkEnvelope(body, spec, response, text, request, context);
  const records = spec.records ? getPath(body, spec.records) : body;
  if (!Array.isArray(records)) {
    throw new SchemaDriftError(
      `expected an array of records at "${spec.records || '(body)'}", got ${records === null ? 'null' : typeof records}`,
      {
        field: spec.records || undefined,
        context,
      },
    );
  }
  return { records, body };
}

/**
 * What a body says about itself (a status it echoes, its own byte length), checked on every
 * response of a report: its pages and its up-front count alike (TUNE's count.json carries the
 * same envelope as find.json).
 */
export function checkEnvelope(
  body: unknown,
  spec: Pick<Extract<ResponseSpec, { kind: 'json' }>, 'bodyStatus' | 'declaredSize'>,
  response: HttpResponse,
  text: string,
  request: HttpRequest,
  context: ErrorContext,
): void {
  const status = spec.bodyStatus?.map((path) => numberAt(body, path)).find((value) => value !== undefined);
  if (status !== undefined && (status < 200 || status >= 300)) {
    throw new VendorHttpError('VENDOR_HTTP', {
      status,
      vendorMessage: vendorMessage(text),
      method: request.method,
      url: request.url.pathname,
      // Retried like the same HTTP status (a 500 or 429 that travels inside an HTTP 200).
      retryable: DEFAULT_RETRY_POLICY.retryStatuses.includes(status),
      context,
    });
  }
  if (spec.declaredSize) {
    // The size of the body exactly as it arrived: a re-serialisation would differ from the
    // vendor's encoding (TUNE's PHP escapes "/" as "\/") and hide a cut or altered body.
    const declared = numberAt(body, spec.declaredSize.path);
    const actual = response.bytesRead();
    if (declared !== undefined && declared !== actual) {
      throw new ReportFetcherError(
        'BODY_MALFORMED',
        `response declares a ${declared}-byte body but ${actual} bytes arrived (truncated or altered)`,
        {
          retryable: true,
          context,
        },
      );
    }
  }
}

/** The row validator under the source's schema contract (docs/connectors.md, "Schema contract"). */
export function normaliserFor(runtime: SourceRuntime, task: { report: string; date: string }): RowNormaliser {
  const report = runtime.report(task.report);
  return createRowNormaliser(
    report.schema,
    { unknownFields: runtime.settings.schemaContract === 'strict' ? 'error' : 'ignore' },
    { source: runtime.settings.name, report: task.report, date: task.date },
  );
}

/**
 * Fetches one page, validates and normalises its rows, stages them under the page's
 * deterministic key and says which pages follow. The whole exchange is one retry attempt: a
 * truncated body or a cut stream is fetched again, and nothing half-read is ever staged.
 */
export async function fetchPage(
  runtime: SourceRuntime,
  task: FetchPageTask,
  options: StepOptions = {},
): Promise<PageOutcome> {
  const report = runtime.report(task.report);
  const context: ErrorContext = { source: runtime.settings.name, report: task.report, date: task.date };
  const request = buildRequest(runtime, report, runtime.context(task.date, task.slice.params), task.page);
  const columns = report.schema.columns.map((c) => c.name);
  const partition = runtime.partition(task.report, task.date);
  const counters: RequestCounters = { requests: 0, retries: 0, throttled: 0 };

  const staged = await runtime.client.withRetry(
    async () => {
      const response = await runtime.client.send(request, context, counters, options.deadline);
      const staging = await runtime.deps.staging.openPage(
        task.runId,
        partition,
        task.slice.key,
        task.page.ordinal,
      );
      const digest = new RowDigest(columns);
      const normalise = normaliserFor(runtime, task);
      const sink: PageSink = {
        ...staging,
        write: (rows) => {
          for (const row of rows) digest.add(row);
          return staging.write(rows);
        },
      };
      try {
        const result =
          report.response.kind === 'json'
            ? await stageJson(runtime, response, report, request, normalise, task, sink, context)
            : await stageStream(runtime, response, report.response, normalise, task, sink, context);
        // A total counted up front (TUNE's count.json) sizes the slice when the page itself does
        // not: without it a full page would look like "there is more" and re-request a page.
        const following = report.paginator.next(
          task.page,
          { ...result.page, totalItems: result.page.totalItems ?? task.slice.totalItems },
          {
            fannedOut: task.fannedOut,
            maxPages: runtime.limits.maxPagesPerPartition,
            origin: runtime.client.api,
          },
        );
        return {
          sink,
          digest: digest.hex(),
          fields: observedFields(normalise),
          rows: result.rows,
          following,
        };
      } catch (error) {
        await sink.abort();
        throw error;
      }
    },
    counters,
    options.deadline,
  );

  const { following } = staged;
  const totalItems = following.totalItems;
  const meta: PageMeta = {
    slice: task.slice.key,
    ordinal: task.page.ordinal,
    rows: staged.rows,
    isLast: following.isLast,
    ...(following.totalPages !== undefined ? { totalPages: following.totalPages } : {}),
    ...(totalItems !== undefined ? { totalItems } : {}),
    ...counters,
    stagedAt: new Date().toISOString(),
    digest: staged.digest,
    ...(staged.fields ? { fields: staged.fields } : {}),
  };
  await staged.sink.commit(meta);
  return {
    meta,
    following: following.pages.map((page) => ({ ...task, page, fannedOut: task.fannedOut })),
  };
}

/** The contract's tolerances on this page, when there were any. */
function observedFields(normalise: RowNormaliser): FieldObservations | undefined {
  const observed = normalise.observed();
  const any = Object.keys(observed.absent).length > 0 || Object.keys(observed.extra).length > 0;
  return any ? observed : undefined;
}

async function stageJson(
  runtime: SourceRuntime,
  response: HttpResponse,
  report: ReportDefinition,
  request: HttpRequest,
  normalise: RowNormaliser,
  task: FetchPageTask,
  sink: PageSink,
  context: ErrorContext,
): Promise<{ rows: number; page: PageResponse }> {
  const spec = report.response as Extract<ResponseSpec, { kind: 'json' }>;
  const { records, body } = await readJsonPage(response, spec, request, context);
  checkRows(runtime, records.length, context);
  const rows = records.map((record) =>
    checkDate(report, normalise(record, task.slice.params), task.date, context),
  );
  await sink.write(rows);
  return { rows: rows.length, page: { records: rows.length, headers: response.headers, body } };
}

async function stageStream(
  runtime: SourceRuntime,
  response: HttpResponse,
  spec: Extract<ResponseSpec, { kind: 'ndjson' }>,
  normalise: RowNormaliser,
  task: FetchPageTask,
  sink: PageSink,
  context: ErrorContext,
): Promise<{ rows: number; page: PageResponse }> {
  let expected: number | undefined;
  let sawHeader = false;
  let count = 0;
  let batch: Row[] = [];
  for await (const { line, terminated } of linesWithEnd(response.chunks(), runtime.limits.maxLineBytes)) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch (cause) {
      throw new ReportFetcherError(
        'BODY_MALFORMED',
        `stream line ${count + 1} is not JSON${terminated ? '' : ' (the stream was cut mid-line)'}`,
        {
          retryable: true,
          cause,
          context,
        },
      );
    }
    const kind = spec.classify(parsed);
    if (kind === 'header') {
      sawHeader = true;
      const total = numberAt(parsed, spec.headerTotalItems);
      expected = total !== undefined && total >= 0 ? total : undefined;
    } else if (kind === 'error') {
      // "the same type of error message is used for both Paginated and Streaming responses"
      const configError = unknownFieldError(
        runtime.settings.connector.rules,
        runtime.settings.name,
        vendorMessage(line),
        context,
      );
      if (configError) throw configError;
      throw new ReportFetcherError(
        'STREAM_ERROR',
        `the vendor aborted the stream after ${count} rows: ${vendorMessage(line)}`,
        {
          retryable: true,
          context,
        },
      );
    } else if (kind === 'data') {
      if (!sawHeader)
        throw new ReportFetcherError('BODY_MALFORMED', 'stream data arrived before its header line', {
          retryable: true,
          context,
        });
      batch.push(normalise(parsed, task.slice.params));
      count++;
      checkRows(runtime, count, context);
      if (batch.length >= STAGE_BATCH) {
        await sink.write(batch);
        batch = [];
      }
    }
  }
  if (!sawHeader)
    throw new ReportFetcherError('BODY_MALFORMED', 'the stream ended before its header line', {
      retryable: true,
      context,
    });
  if (expected !== undefined && count !== expected) {
    throw new ReportFetcherError('COUNT_MISMATCH', `the stream ended after ${count} of ${expected} rows`, {
      retryable: true,
      context,
    });
  }
  await sink.write(batch);
  return {
    rows: count,
    page: {
      records: count,
      headers: response.headers,
      ...(expected !== undefined ? { totalItems: expected } : {}),
    },
  };
}

function checkRows(runtime: SourceRuntime, rows: number, context: ErrorContext): void {
  const max = runtime.limits.maxRowsPerPartition;
  if (rows > max)
    throw new BudgetExceededError('maxRowsPerPartition', `the vendor sent more than ${max} rows`, {
      context,
    });
}

function checkDate(report: ReportDefinition, row: Row, date: string, context: ErrorContext): Row {
  if (report.dateColumn && row[report.dateColumn] !== date) {
    throw new SchemaDriftError(
      `a row for ${String(row[report.dateColumn])} arrived in the request for ${date} (column "${report.dateColumn}")`,
      {
        field: report.dateColumn,
        context,
      },
    );
  }
  return row;
}

/**
 * Every record of a report for one slice, following its pages in order; used while planning
 * (e.g. the campaign list that decides which daily reports to fetch). Not staged.
 */
export async function fetchAllRecords(
  runtime: SourceRuntime,
  reportName: string,
  context: RequestContext,
  options: StepOptions = {},
): Promise<Record<string, unknown>[]> {
  const report = runtime.report(reportName);
  if (report.response.kind !== 'json') throw new Error(`report ${reportName} is not a JSON report`);
  const spec = report.response;
  const errorContext: ErrorContext = {
    source: runtime.settings.name,
    report: reportName,
    date: context.date,
  };
  const out: Record<string, unknown>[] = [];
  // The pages in order: the first may name them all (a known total), or each the next.
  const queue: PageRef[] = [report.paginator.first()];
  for (let page = queue.shift(); page; page = queue.shift()) {
    const request = buildRequest(runtime, report, context, page);
    const current = page;
    const following = await runtime.client.withRetry(
      async () => {
        const response = await runtime.client.send(request, errorContext, undefined, options.deadline);
        const { records, body } = await readJsonPage(response, spec, request, errorContext);
        out.push(...(records as Record<string, unknown>[]));
        checkRows(runtime, out.length, errorContext);
        return report.paginator.next(
          current,
          { records: records.length, headers: response.headers, body },
          { fannedOut: false, maxPages: runtime.limits.maxPagesPerPartition, origin: runtime.client.api },
        );
      },
      undefined,
      options.deadline,
    );
    queue.push(...following.pages);
  }
  return out;
}
