import type { CommitOutcome } from './commit-partition.js';

export type CommittedOutcome = Extract<CommitOutcome, { status: 'committed' }>;

/**
 * What a driver does with each way a commit can end (`commitPartition`'s outcomes). The local
 * runner and the committer Lambda both go through `settleCommit`, which decides the order (a
 * busy partition first, until it clears or the task is handed back) and that every outcome is
 * answered; the driver says only what each one means where it runs.
 */
export interface CommitOutcomeHandler {
  /**
   * Another commit of the partition runs right now (`attempt` counts from 1 for this task).
   * Returns the outcome of trying again (the local runner waits and retries), or `undefined`
   * once the task is handed back to be tried later (the committer re-queues it, delayed).
   */
  busy(by: string, attempt: number): Promise<CommitOutcome | undefined>;
  /** The staged pages do not make the whole partition yet: nothing was written. */
  incomplete(missing: string): Promise<void> | void;
  /** This run committed the partition already (a duplicate commit task): nothing was written. */
  alreadyCommitted(by: string): Promise<void> | void;
  /** A newer run committed the partition since: its rows stay, this run's were not written. */
  superseded(by: string): Promise<void> | void;
  /** The partition was written. */
  committed(outcome: CommittedOutcome): Promise<void> | void;
}

/** Hands `outcome` (and, while the partition is busy, the outcomes of the retries) to `handler`. */
export async function settleCommit(outcome: CommitOutcome, handler: CommitOutcomeHandler): Promise<void> {
  let current = outcome;
  for (let attempt = 1; current.status === 'busy'; attempt++) {
    const next = await handler.busy(current.by, attempt);
    if (next === undefined) return;
    current = next;
  }
  switch (current.status) {
    case 'incomplete':
      return handler.incomplete(current.missing);
    case 'already-committed':
      return handler.alreadyCommitted(current.by);
    case 'superseded':
      return handler.superseded(current.by);
    case 'committed':
      return handler.committed(current);
  }
}
