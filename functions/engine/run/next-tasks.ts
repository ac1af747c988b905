import { missingFromTally } from '../staging/page-tally.js';
import type { PageOutcome } from './fetch-page.js';
import type { SourceRuntime } from './source-runtime.js';
import type { CommitPartitionTask, FetchPageTask, Task } from './tasks.js';

/**
 * The completeness tracker, one for every driver (the local runner and the fetcher Lambda):
 * what follows a staged page. The pages it revealed, if any; otherwise, when the partition's
 * tally (the answer to recording this page) holds every page of every slice, the partition's
 * commit task; otherwise nothing (a page still running elsewhere will find the partition
 * complete). The tally is shared and idempotent, so this holds across processes, redeliveries
 * and duplicates: the page recorded last always sees the whole partition, and a commit task sent
 * twice commits once (commit fencing). No staged page is listed or read here.
 */
export async function nextTasks(
  runtime: SourceRuntime,
  task: FetchPageTask,
  outcome: PageOutcome,
): Promise<{ tasks: Task[]; missing?: string }> {
  if (outcome.following.length > 0) return { tasks: outcome.following };
  const { tally } = outcome;
  let sliceKeys: string[] | undefined;
  if (tally.slices === undefined) {
    // Planned before the tally recorded slice counts: the manifest says which slices there are.
    const manifest = await runtime.deps.staging.readManifest(
      task.runId,
      runtime.partition(task.report, task.date),
    );
    if (!manifest) return { tasks: [], missing: 'no manifest for the partition in this run' };
    sliceKeys = manifest.slices.map((slice) => slice.key);
  }
  const missing = missingFromTally(tally, sliceKeys);
  if (missing) return { tasks: [], missing };
  const { runId, source, report, date } = task;
  const commit: CommitPartitionTask = { type: 'commit-partition', runId, source, report, date };
  return { tasks: [commit] };
}
