import { scheduledDates, todayIn } from './report-dates.js';
import { type DeferredDate, scheduledWindow } from './scheduled-window.js';
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
  return plan(settings, runId, now, () => dates);
}

/** A partition a scheduled run left to a later one: its day has not ended in the report's data zone. */
export interface DeferredPartition extends DeferredDate {
  source: string;
  report: string;
}

export interface ScheduledPlan {
  /** The source's window: yesterday in its zone and the look-back days before it. */
  dates: string[];
  partitions: PartitionTask[];
  deferred: DeferredPartition[];
}

/**
 * The partitions of a scheduled run (no explicit dates): each daily report plans the dates of its
 * window whose day has ended in the zone its data is cut in (`ReportDefinition.dataZone`, else
 * the source's), and reports the others deferred (scheduled-window.ts); snapshots as above.
 */
export function scheduledPartitions(settings: SourceSettings, runId: string, now: Date): ScheduledPlan {
  const deferred: DeferredPartition[] = [];
  const partitions = plan(settings, runId, now, (report, dataZone) => {
    const window = scheduledWindow(settings.timezone, dataZone, settings.lookbackDays, now);
    for (const date of window.deferred) deferred.push({ source: settings.name, report, ...date });
    return window.dates;
  });
  return { dates: scheduledDates(settings.timezone, settings.lookbackDays, now), partitions, deferred };
}

function plan(
  settings: SourceSettings,
  runId: string,
  now: Date,
  datesOf: (report: string, dataZone: string) => readonly string[],
): PartitionTask[] {
  const tasks: PartitionTask[] = [];
  for (const report of settings.reports) {
    const definition = settings.connector.reports[report]!;
    const reportDates =
      definition.kind === 'snapshot'
        ? [todayIn(settings.timezone, now)]
        : datesOf(report, definition.dataZone ?? settings.timezone);
    for (const date of reportDates) tasks.push({ runId, source: settings.name, report, date });
  }
  return tasks;
}
