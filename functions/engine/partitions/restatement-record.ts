import type { KeyChanges } from './partition-profile.js';

/** How one metric moved between two commits of a partition. */
export interface MetricChange {
  metric: string;
  /** The sum in the previous commit; null when that commit predates metric sums. */
  previous: number | null;
  new: number;
  /** (new − previous) / |previous|; null when previous is 0 or unknown. */
  relative_change: number | null;
}

/**
 * What a vendor changed in a partition between two commits: written once per commit that
 * replaced different rows, never for an identical re-fetch.
 */
export interface RestatementRecord {
  source: string;
  table: string;
  report: string;
  reportDate: string;
  previousRunId: string;
  runId: string;
  rowsBefore: number;
  rowsAfter: number;
  /** Null when the previous commit kept no per-key digests (it predates them). */
  keys: KeyChanges | null;
  metrics: MetricChange[];
  previousCommittedAt: string;
  detectedAt: string;
}
