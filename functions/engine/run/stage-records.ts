import type { Slice } from '../connector-definition.js';
import type { ErrorContext } from '../errors.js';
import type { RecordList, SourceRuntime } from './source-runtime.js';
import { commitPage, pageStager, type StagedRows } from './stage-page.js';
import type { FetchPageTask, PartitionTask } from './tasks.js';

/**
 * Stages a slice whose records were already read whole while planning (a list other reports plan
 * their slices from, `stagedFromPlanning`) as the slice's only page: the same validation,
 * normalisation, digest and meta as a fetched page (`pageStager`), without asking the vendor for
 * it a second time. The meta counts the requests that read the list.
 */
export async function stageRecords(
  runtime: SourceRuntime,
  task: PartitionTask,
  slice: Slice,
  list: RecordList,
): Promise<void> {
  const report = runtime.report(task.report);
  const context: ErrorContext = { source: runtime.settings.name, report: task.report, date: task.date };
  const page: FetchPageTask = {
    ...task,
    type: 'fetch-page',
    slice,
    page: report.paginator.first(),
    fannedOut: false,
  };
  const partition = runtime.partition(task.report, task.date);
  const sink = await runtime.deps.staging.openPage(task.runId, partition, slice.key, page.page.ordinal);
  let staged: StagedRows;
  try {
    const stager = pageStager(runtime, report, page, sink, context);
    for (const record of list.records) await stager.push(record);
    staged = await stager.finish();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await commitPage(runtime, task, sink, {
    slice: slice.key,
    ordinal: page.page.ordinal,
    rows: staged.rows,
    isLast: true,
    ...list.counters,
    stagedAt: new Date().toISOString(),
    digest: staged.digest,
    ...(staged.fields ? { fields: staged.fields } : {}),
  });
}
