import { todayIn } from './report-dates.js';
import type { SourceSettings } from './source-runtime.js';
import type { PartitionTask } from './tasks.js';

/**
 * The partitions of a run: each daily report for each requested date, and each snapshot report
 * once, keyed by the snapshot date: "today" in the source's time zone at `now`, the run's one
 * fixed instant (run-id.ts `planningInstant`: a schedule's scheduled time, a backfill's request
 * time, the CLI's one clock reading). A snapshot of the past cannot be taken, so a run with an
 * explicit range (a backfill, `run --from --to`) takes the current snapshot once, dated from that
 * instant, never one per requested date; a retry of the run dates it the same however late it
 * arrives. docs/architecture.md ("Snapshots in a backfill") gives the reasons.
 */
export function partitionsFor(
  settings: SourceSettings,
  dates: readonly string[],
  runId: string,
  now: Date = new Date(),
): PartitionTask[] {
  const tasks: PartitionTask[] = [];
  for (const report of settings.reports) {
    const definition = settings.connector.reports[report]!;
    const reportDates = definition.kind === 'snapshot' ? [todayIn(settings.timezone, now)] : dates;
    for (const date of reportDates) tasks.push({ runId, source: settings.name, report, date });
  }
  return tasks;
}
