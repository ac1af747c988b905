import type { Slice, SliceParams } from '../connector-definition.js';
import { readJsonDocument } from '../decoding/json-records.js';
import { SchemaDriftError, VendorError } from '../errors.js';
import { numberAt } from '../json-path.js';
import { pagesForTotal } from '../pagination/paginator.js';
import { single } from '../pagination/single.js';
import { tallyFullError } from '../staging/page-tally.js';
import { fetchAllRecords } from './fetch-all-records.js';
import type { StepOptions } from './fetch-page.js';
import { buildRequest, decodeContext } from './page-request.js';
import type { SourceRuntime } from './source-runtime.js';
import { stageRecords } from './stage-records.js';
import type { FetchPageTask, PartitionTask } from './tasks.js';

/**
 * A slice key names folders (locally) and key segments (S3) under the partition's staging
 * prefix: segments of letters, digits and `=_.-`, never `.` or `..`, at most 8 deep. Connectors
 * encode vendor ids with `sliceKeyPart` so none of them can leave the prefix.
 */
const SLICE_SEGMENT = /^[A-Za-z0-9=_.-]{1,200}$/;
export function isSafeSliceKey(key: string): boolean {
  const segments = key.split('/');
  return segments.length <= 8 && segments.every((s) => SLICE_SEGMENT.test(s) && s !== '.' && s !== '..');
}

/**
 * One slice per key, the first listed: a vendor list read page by page can show an entry twice
 * (an entry added while offset pages are read shifts the next page), and a slice planned twice
 * would be fetched twice, read twice by the commit (its rows duplicated) and expected twice by
 * the page tally, which counts slices by key (the partition never complete).
 */
function onePerKey(slices: Slice[]): Slice[] {
  const seen = new Set<string>();
  return slices.filter((slice) => {
    if (seen.has(slice.key)) return false;
    seen.add(slice.key);
    return true;
  });
}

/**
 * Plans one partition: decides its slices (one, or e.g. one per live campaign), counts them up
 * front where the vendor can (so every page fans out at once), records the slices in the
 * partition's manifest, and returns the first page of each slice (or all of them).
 */
export async function planPartition(
  runtime: SourceRuntime,
  task: PartitionTask,
  options: StepOptions = {},
): Promise<FetchPageTask[]> {
  const report = runtime.report(task.report);
  const context = runtime.context(task.date);
  const errorContext = { source: runtime.settings.name, report: task.report, date: task.date };
  /** Every record of a report's slice, read once per run (the memo) however many plans need it. */
  const readWhole = (name: string, params: SliceParams) =>
    runtime.memoise(`${name}:${JSON.stringify(params)}`, () =>
      fetchAllRecords(runtime, name, runtime.context(task.date, params), options),
    );
  const slices: Slice[] = report.slices
    ? onePerKey(
        await report.slices({
          ...context,
          fetchRecords: async (name, params) => (await readWhole(name, params)).records,
        }),
      )
    : [{ key: 'all', params: {} }];
  for (const slice of slices) {
    if (!isSafeSliceKey(slice.key))
      throw new VendorError(
        'UNSAFE_KEY',
        `slice key "${slice.key.slice(0, 120)}" is not path-safe (a vendor id the connector did not encode); nothing was written`,
        { context: errorContext },
      );
  }
  if (report.count) {
    const { count } = report;
    for (const slice of slices) {
      const paginator = single();
      const request = buildRequest(
        runtime,
        { request: count.request, paginator },
        runtime.context(task.date, slice.params),
        paginator.first(),
      );
      const body = await runtime.client.withRetry(
        async () => {
          const response = await runtime.client.send(request, errorContext, undefined, options.deadline);
          // The count answers in the report's envelope: its status and size rules apply too.
          const context = decodeContext(runtime, request, response.headers, errorContext);
          return report.decoder.document
            ? report.decoder.document(response, context)
            : readJsonDocument(response, context);
        },
        undefined,
        options.deadline,
      );
      const total = numberAt(body, count.path);
      if (total === undefined) {
        throw new SchemaDriftError(`the count response has no number at "${count.path}"`, {
          context: errorContext,
        });
      }
      slice.totalItems = total;
    }
  }
  // Every slice's pages when its total is known (fan-out), else its first: at least one a slice.
  const firstPages = slices.map((slice) =>
    slice.totalItems !== undefined && !report.stagedFromPlanning
      ? pagesForTotal(report.paginator, slice.totalItems, runtime.limits.maxPagesPerPartition)
      : [report.paginator.first()],
  );
  const capacity = runtime.pageTally.capacity?.(
    task.runId,
    runtime.partition(task.report, task.date),
    slices.map((slice) => slice.key),
  );
  const planned = firstPages.reduce((sum, pages) => sum + pages.length, 0);
  if (capacity !== undefined && planned > capacity) {
    const known = slices.every((slice) => slice.totalItems !== undefined);
    throw tallyFullError(
      `the partition needs ${known ? '' : 'at least '}${planned} pages in ${slices.length} slice${slices.length === 1 ? '' : 's'}, more than the ${capacity} its page tally can record`,
    ).withContext(errorContext);
  }
  await runtime.deps.staging.writeManifest({
    runId: task.runId,
    partition: runtime.partition(task.report, task.date),
    report: task.report,
    slices,
    plannedAt: new Date().toISOString(),
  });
  // Before any page can be staged: the tally needs the slice count to see the partition whole.
  await runtime.pageTally.expect(task.runId, runtime.partition(task.report, task.date), slices.length);
  if (report.stagedFromPlanning) {
    // Read whole (or shared with the plans that already read it) and staged here: no page task.
    for (const slice of slices)
      await stageRecords(runtime, task, slice, await readWhole(task.report, slice.params));
    return [];
  }
  return slices.flatMap((slice, i) => {
    const known = slice.totalItems !== undefined;
    return firstPages[i]!.map((page) => ({
      ...task,
      type: 'fetch-page' as const,
      slice,
      page,
      fannedOut: known,
    }));
  });
}
