import { findMissing } from './commit-partition.js';
import type { PageOutcome } from './fetch-page.js';
import type { SourceRuntime } from './source-runtime.js';
import type { CommitPartitionTask, FetchPageTask, Task } from './tasks.js';

/**
 * The completeness tracker, one for every driver (the local runner and the fetcher Lambda):
 * what follows a staged page. The pages it revealed, if any; otherwise, when the staged state
 * says every page of every slice is there, the partition's commit task; otherwise nothing (a
 * page still running elsewhere will find the partition complete). Decided from staging alone,
 * so it holds across processes, redeliveries and duplicates: the page staged last always sees
 * the whole partition, and a commit task sent twice commits once (commit fencing).
 */
export async function nextTasks(
  runtime: SourceRuntime,
  task: FetchPageTask,
  outcome: PageOutcome,
): Promise<{ tasks: Task[]; missing?: string }> {
  if (outcome.following.length > 0) return { tasks: outcome.following };
  const { staging } = runtime.deps;
  const partition = runtime.partition(task.report, task.date);
  const { totalPages } = outcome.meta;
  // A fanned-out slice whose staged count is still short is visibly unfinished: one LIST
  // instead of reading every meta of the partition (a 30-page partition read its metas 494 times).
  const sliceStaged =
    totalPages === undefined
      ? undefined
      : await staging.countStagedPages(task.runId, partition, task.slice.key);
  if (sliceStaged !== undefined && sliceStaged < totalPages!)
    return { tasks: [], missing: `slice ${task.slice.key}: fewer than ${totalPages} pages staged` };
  const manifest = await staging.readManifest(task.runId, partition);
  if (!manifest) return { tasks: [], missing: 'no manifest for the partition in this run' };
  // A partition of one slice whose page count is known is complete once that many pages are
  // staged: the names say so, and the commit checks every meta anyway. Only partitions of
  // several slices (or of unknown page counts) read the metas here.
  const completeByNames =
    sliceStaged !== undefined && manifest.slices.length === 1 && manifest.slices[0]!.key === task.slice.key;
  if (!completeByNames) {
    const missing = findMissing(manifest, await staging.listPages(task.runId, partition));
    if (missing) return { tasks: [], missing };
  }
  const { runId, source, report, date } = task;
  const commit: CommitPartitionTask = { type: 'commit-partition', runId, source, report, date };
  return { tasks: [commit] };
}
