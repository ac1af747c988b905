import type { Slice } from '../connector-definition.js';
import { ReportFetcherError } from '../errors.js';
import { allPages, firstPage, numberAt } from '../pagination/paginator.js';
import { buildRequest, fetchAllRecords } from './fetch-page.js';
import type { SourceRuntime } from './source-runtime.js';
import type { FetchPageTask, PartitionTask } from './tasks.js';

const SLICE_KEY = /^[A-Za-z0-9=_.-]+(\/[A-Za-z0-9=_.-]+)*$/;

/**
 * Plans one partition: decides its slices (one, or e.g. one per live campaign), counts them up
 * front where the vendor can (so every page fans out at once), records the slices in the
 * partition's manifest, and returns the first page of each slice (or all of them).
 */
export async function planPartition(runtime: SourceRuntime, task: PartitionTask): Promise<FetchPageTask[]> {
  const report = runtime.report(task.report);
  const context = runtime.context(task.date);
  const errorContext = { source: runtime.settings.name, report: task.report, date: task.date };
  const slices: Slice[] = report.slices
    ? await report.slices({
        ...context,
        fetchRecords: (name, slice) =>
          runtime.memoise(`${name}:${JSON.stringify(slice)}`, () =>
            fetchAllRecords(runtime, name, runtime.context(task.date, slice)),
          ),
      })
    : [{ key: 'all', params: {} }];
  for (const slice of slices) {
    if (!SLICE_KEY.test(slice.key))
      throw new ReportFetcherError('INTERNAL', `slice key "${slice.key}" is not path-safe`, {
        context: errorContext,
      });
  }
  if (report.count) {
    const { count } = report;
    for (const slice of slices) {
      const request = buildRequest(
        runtime,
        { ...report, request: count.request, paginator: { kind: 'single' } },
        runtime.context(task.date, slice.params),
        firstPage({ kind: 'single' }),
      );
      const body = await runtime.client.withRetry(async () => {
        const text = await (await runtime.client.send(request, errorContext)).text();
        try {
          return JSON.parse(text) as unknown;
        } catch (cause) {
          throw new ReportFetcherError('BODY_MALFORMED', 'the count response is not valid JSON', {
            retryable: true,
            cause,
            context: errorContext,
          });
        }
      });
      const total = numberAt(body, count.path);
      if (total === undefined) {
        throw new ReportFetcherError('SCHEMA_DRIFT', `the count response has no number at "${count.path}"`, {
          context: errorContext,
        });
      }
      slice.totalItems = total;
    }
  }
  await runtime.deps.staging.writeManifest({
    runId: task.runId,
    partition: runtime.partition(task.report, task.date),
    report: task.report,
    slices,
    plannedAt: new Date().toISOString(),
  });
  return slices.flatMap((slice) => {
    const known = slice.totalItems !== undefined;
    const pages = known ? allPages(report.paginator, slice.totalItems!) : [firstPage(report.paginator)];
    return pages.map((page) => ({ ...task, type: 'fetch-page' as const, slice, page, fannedOut: known }));
  });
}
