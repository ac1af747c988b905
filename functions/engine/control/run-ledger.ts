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

export interface LedgerRun {
  source: string;
  runId: string;
  trigger: 'schedule' | 'backfill';
  dates: string[];
  state: 'planning' | 'planned';
  startedAt: string;
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

/** In-process ledger (the CLI, tests). */
export class MemoryRunLedger implements RunLedger {
  readonly runItems = new Map<string, LedgerRun & { leaseUntil: number }>();
  readonly partitionItems = new Map<string, LedgerPartition>();
  constructor(private readonly now: () => number = Date.now) {}

  private partitionKey(runId: string, p: PartitionRef) {
    return `${p.source}|${runId}|${p.table}|${p.date}`;
  }

  async startRun(run: LedgerRun, leaseMs: number): Promise<RunStart> {
    const key = `${run.source}|${run.runId}`;
    const existing = this.runItems.get(key);
    if (existing?.state === 'planned') return { started: false, run: existing, reason: 'planned' };
    if (existing && existing.leaseUntil > this.now())
      return { started: false, run: existing, reason: 'planning-elsewhere' };
    this.runItems.set(key, { ...(existing ?? run), state: 'planning', leaseUntil: this.now() + leaseMs });
    return { started: true };
  }
  async finishPlanning(source: string, runId: string) {
    const item = this.runItems.get(`${source}|${runId}`);
    if (item) item.state = 'planned';
  }
  async recordPlanned(entry: LedgerPartition) {
    const key = this.partitionKey(entry.runId, entry.partition);
    if (this.partitionItems.has(key)) return false;
    this.partitionItems.set(key, structuredClone(entry));
    return true;
  }
  async isPlanned(_source: string, runId: string, partition: PartitionRef) {
    return this.partitionItems.has(this.partitionKey(runId, partition));
  }
  async settle(
    runId: string,
    partition: PartitionRef,
    outcome: Pick<LedgerPartition, 'state' | 'rows' | 'bytes' | 'error'>,
  ) {
    const item = this.partitionItems.get(this.partitionKey(runId, partition));
    if (!item || item.state === 'committed') return;
    Object.assign(item, outcome, { updatedAt: new Date(this.now()).toISOString() });
  }
  async partitions(source: string, runId: string) {
    return [...this.partitionItems.values()].filter(
      (p) => p.partition.source === source && p.runId === runId,
    );
  }
  async runs(source: string) {
    return [...this.runItems.values()].filter((r) => r.source === source);
  }
}
