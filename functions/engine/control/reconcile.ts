import { runGeneration } from './commit-guard.js';
import type { LedgerPartition, LedgerRun, RunLedger } from './run-ledger.js';

/** A partition still "planned" this long after it was planned is overdue. */
const OVERDUE_AFTER_MS = 6 * 3600_000;
/** Runs older than this are not looked at (staged pages live 7 days). */
const LOOK_BACK_MS = 6 * 86_400_000;

export interface OverduePartition extends LedgerPartition {
  source: string;
}

/** The partitions of a source's recent runs, with the run that planned them. */
export interface RecentPartition extends LedgerPartition {
  source: string;
  trigger: LedgerRun['trigger'];
}

/** What the ledger holds for the runs of the last LOOK_BACK_MS: one read for every check below. */
export async function recentPartitions(
  ledger: RunLedger,
  sources: readonly string[],
  now: Date,
): Promise<RecentPartition[]> {
  const oldest = new Date(now.getTime() - LOOK_BACK_MS)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const out: RecentPartition[] = [];
  for (const source of sources) {
    for (const run of await ledger.runs(source)) {
      if (runGeneration(run.runId) < oldest) continue;
      for (const p of await ledger.partitions(source, run.runId))
        out.push({ ...p, source, trigger: run.trigger });
    }
  }
  return out;
}

/**
 * What was planned and not committed within the bound: partitions of the recent runs of each
 * source that are still "planned" OVERDUE_AFTER_MS after planning (their pages failed into the
 * DLQ, or the message that should have committed them was lost).
 */
export function overdueOf(recent: readonly RecentPartition[], now: Date): OverduePartition[] {
  return recent
    .filter((p) => p.state === 'planned' && now.getTime() - Date.parse(p.plannedAt) > OVERDUE_AFTER_MS)
    .map(({ trigger: _trigger, ...p }) => p);
}
