import type { PartitionRef } from '../partitions/partition.js';

/**
 * The generation of a run: the UTC timestamp its id starts with (`YYYYMMDDTHHMMSSZ`, the
 * schedule's scheduled time or the backfill's request time). Newer runs sort later.
 */
export function runGeneration(runId: string): string {
  const match = /^\d{8}T\d{6}Z/.exec(runId);
  return match ? match[0] : '';
}

/** What a successful commit leaves on the fence (shown by `report-fetcher status --deployed`). */
export interface CommittedSummary {
  rows: number;
  bytes: number;
  committedAt: string;
  /** When this commit found the partition restated (docs/guarantees.md § 11); kept until the next restatement. */
  restatedAt?: string;
}

export type CommitClaim =
  | {
      granted: true;
      /** Ends the claim; with a summary the partition is now this run's (the fence moves). */
      release(committed?: CommittedSummary): Promise<void>;
    }
  /** `committed`: this very run already committed the partition (a duplicate commit task). */
  | { granted: false; reason: 'superseded' | 'busy' | 'committed'; by: string };

/**
 * Port: commit fencing. Before a partition's object is replaced the commit claims the partition
 * for its run; the claim is refused when a newer run already committed it ("superseded": a
 * redriven or late page of an old run must never regress the data) or while another commit of
 * it is in progress ("busy"). Deployed: one conditional DynamoDB write per claim; a claim expires
 * after the longest a Lambda can live, so a crashed commit does not block the partition forever.
 */
export interface CommitGuard {
  claim(partition: PartitionRef, runId: string): Promise<CommitClaim>;
}
