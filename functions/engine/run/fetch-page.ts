import type { ErrorContext } from '../errors.js';
import type { Deadline } from '../limits.js';
import type { Row } from '../schema/table-schema.js';
import type { Tally } from '../staging/page-tally.js';
import type { PageMeta } from '../staging/staging-store.js';
import type { RequestCounters } from '../vendor/vendor-client.js';
import { buildRequest, decodeContext } from './page-request.js';
import type { SourceRuntime } from './source-runtime.js';
import { commitPage, pageStager } from './stage-page.js';
import type { FetchPageTask } from './tasks.js';

export interface PageOutcome {
  following: FetchPageTask[];
  meta: PageMeta;
  /** The partition's tally once this page was recorded in it. */
  tally: Tally;
  /** The rows staged, as staged, when `keepRows` allowed it. */
  rows?: readonly Row[];
}

/** What bounds one step beyond the source's limits: the caller's deadline, if any. */
export interface StepOptions {
  /** No wait or attempt that would pass it is begun; a DeadlineError says when to resume. */
  deadline?: Deadline;
}

export interface FetchPageOptions extends StepOptions {
  /**
   * Called once the response is read, decoded and validated, before the page is staged (its rows
   * closed and its meta written). The local runner frees the worker's vendor slot here so its
   * next request overlaps this page's staging; awaiting it is the back-pressure that bounds how
   * many pages stage at once.
   */
  received?: () => Promise<void>;
  /**
   * Return the page's staged rows (`PageOutcome.rows`) when it staged at most this many: the local
   * runner writes them to the partition's object without reading the page back (0: never).
   */
  keepRows?: number;
}

/**
 * Fetches one page: sends its request (`page-request.ts`), decodes the answer with the report's
 * decoder into the page's staging sink (`stage-page.ts`: validated, normalised, digested) and
 * asks the report's paginator what follows. The whole exchange is one retry attempt: a truncated
 * body or a cut stream is fetched again, and nothing half-read is ever staged. The page's meta
 * is written last, with its rows, and the whole page is then recorded in the partition's tally.
 */
export async function fetchPage(
  runtime: SourceRuntime,
  task: FetchPageTask,
  options: FetchPageOptions = {},
): Promise<PageOutcome> {
  const report = runtime.report(task.report);
  const context: ErrorContext = { source: runtime.settings.name, report: task.report, date: task.date };
  const request = buildRequest(runtime, report, runtime.context(task.date, task.slice.params), task.page);
  const partition = runtime.partition(task.report, task.date);
  const counters: RequestCounters = { requests: 0, retries: 0, throttled: 0 };

  const staged = await runtime.client.withRetry(
    async () => {
      const response = await runtime.client.send(request, context, counters, options.deadline);
      const sink = await runtime.deps.staging.openPage(
        task.runId,
        partition,
        task.slice.key,
        task.page.ordinal,
      );
      try {
        const stager = pageStager(runtime, report, task, sink, context, options.keepRows);
        const page = await report.decoder.decode(
          response,
          decodeContext(runtime, request, response.headers, context),
          stager,
        );
        const rows = await stager.finish();
        // A total counted up front (TUNE's count.json) sizes the slice when the page itself does
        // not: without it a full page would look like "there is more" and re-request a page.
        const following = report.paginator.next(
          task.page,
          {
            records: page.records,
            headers: response.headers,
            body: page.body,
            totalItems: page.totalItems ?? task.slice.totalItems,
          },
          {
            fannedOut: task.fannedOut,
            maxPages: runtime.limits.maxPagesPerPartition,
            origin: runtime.client.api,
          },
        );
        return { sink, following, ...rows };
      } catch (error) {
        await sink.abort();
        throw error;
      }
    },
    counters,
    options.deadline,
  );

  await options.received?.();
  const { following } = staged;
  const meta: PageMeta = {
    slice: task.slice.key,
    ordinal: task.page.ordinal,
    rows: staged.rows,
    isLast: following.isLast,
    ...(following.totalPages !== undefined ? { totalPages: following.totalPages } : {}),
    ...(following.totalItems !== undefined ? { totalItems: following.totalItems } : {}),
    ...counters,
    stagedAt: new Date().toISOString(),
    digest: staged.digest,
    ...(staged.fields ? { fields: staged.fields } : {}),
  };
  const tally = await commitPage(runtime, task, staged.sink, meta);
  return {
    meta,
    tally,
    following: following.pages.map((page) => ({ ...task, page, fannedOut: task.fannedOut })),
    ...(staged.kept ? { rows: staged.kept } : {}),
  };
}
