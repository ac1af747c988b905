import type { PartitionRef } from '../partitions/partition.js';

export type PartitionState = 'planned' | 'committed' | 'superseded' | 'failed';

/** One planned partition of a run, as the ledger keeps it. */
export interface LedgerPartition {
  runId: string;
  report: string;
  partition: PartitionRef;
  state: PartitionState;
  /** First-page tasks the planner enqueued (0: committed empty at once). */
  pages: number;
  rows?: number;
  bytes?: number;
  error?: string;
  plannedAt: string;
  updatedAt: string;
}

/**
 * A partition a scheduled run left to a later one: its day had not ended in the zone its report's
 * data is cut in (run/scheduled-window.ts); `until` is when it ends (UTC instant).
 */
export interface LedgerDeferral {
  report: string;
  table: string;
  date: string;
  zone: string;
  until: string;
}

export interface LedgerRun {
  source: string;
  runId: string;
  trigger: 'schedule' | 'backfill';
  dates: string[];
  state: 'planning' | 'planned';
  startedAt: string;
  /** What the run deferred, when anything (as the run manifest's `deferred`), for `status --deployed`. */
  deferred?: LedgerDeferral[];
}

export type RunStart =
  | { started: true }
  | { started: false; run: LedgerRun; reason: 'planned' | 'planning-elsewhere' };

/**
 * Port: the run ledger (deployed: items in the DynamoDB control table). A run id is
 * deterministic (the schedule's scheduled time; the backfill's request), so a repeated planner
 * invocation finds its run and re-plans nothing; every planned partition is recorded once and
 * moves to committed / superseded / failed, so what was planned and never committed is visible
 * (status, reconciler).
 */
export interface RunLedger {
  /** Starts (or resumes, when the last attempt's lease ran out while planning) a run. */
  startRun(run: LedgerRun, leaseMs: number): Promise<RunStart>;
  finishPlanning(source: string, runId: string): Promise<void>;
  /** Records a planned partition; false when it was already recorded (a resumed planner skips it). */
  recordPlanned(entry: LedgerPartition): Promise<boolean>;
  isPlanned(source: string, runId: string, partition: PartitionRef): Promise<boolean>;
  settle(
    runId: string,
    partition: PartitionRef,
    outcome: Pick<LedgerPartition, 'state' | 'rows' | 'bytes' | 'error'>,
  ): Promise<void>;
  partitions(source: string, runId: string): Promise<LedgerPartition[]>;
  runs(source: string): Promise<LedgerRun[]>;
}
