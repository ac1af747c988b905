import type { RequestContext } from '../connector-definition.js';
import type { ErrorContext } from '../errors.js';
import type { PageRef } from '../pagination/paginator.js';
import type { RequestCounters } from '../vendor/vendor-client.js';
import type { StepOptions } from './fetch-page.js';
import { buildRequest, decodeContext } from './page-request.js';
import { checkRowBudget } from './row-checks.js';
import type { RecordList, SourceRuntime } from './source-runtime.js';

/**
 * Every record of a report for one slice, following its pages in order; used while planning
 * (e.g. the campaign list that decides which daily reports to fetch, which the campaigns
 * snapshot then stages: `stage-records.ts`).
 */
export async function fetchAllRecords(
  runtime: SourceRuntime,
  reportName: string,
  context: RequestContext,
  options: StepOptions = {},
): Promise<RecordList> {
  const report = runtime.report(reportName);
  const errorContext: ErrorContext = {
    source: runtime.settings.name,
    report: reportName,
    date: context.date,
  };
  const out: Record<string, unknown>[] = [];
  const counters: RequestCounters = { requests: 0, retries: 0, throttled: 0 };
  const max = runtime.limits.maxRowsPerPartition;
  // The pages in order: the first may name them all (a known total), or each names the next.
  const queue: PageRef[] = [report.paginator.first()];
  for (let page = queue.shift(); page; page = queue.shift()) {
    const request = buildRequest(runtime, report, context, page);
    const current = page;
    const following = await runtime.client.withRetry(
      async () => {
        const response = await runtime.client.send(request, errorContext, counters, options.deadline);
        const records: Record<string, unknown>[] = [];
        const decoded = await report.decoder.decode(
          response,
          decodeContext(runtime, request, response.headers, errorContext),
          {
            push(record) {
              records.push(record);
              checkRowBudget(out.length + records.length, max, errorContext);
              return undefined;
            },
          },
        );
        const next = report.paginator.next(
          current,
          {
            records: decoded.records,
            headers: response.headers,
            body: decoded.body,
            totalItems: decoded.totalItems,
          },
          { fannedOut: false, maxPages: runtime.limits.maxPagesPerPartition, origin: runtime.client.api },
        );
        out.push(...records);
        return next;
      },
      counters,
      options.deadline,
    );
    queue.push(...following.pages);
  }
  return { records: out, counters };
}
