import { describe, expect, it } from 'vitest';
import {
  type CommitOutcomeHandler,
  type CommittedOutcome,
  settleCommit,
} from '../../functions/engine/run/commit-outcome.js';
import type { CommitOutcome } from '../../functions/engine/run/commit-partition.js';

const committed = {
  status: 'committed',
  location: 'lake/t/source=s/dt=2025-06-01/part.parquet',
  requests: 3,
  retries: 0,
  throttled: 0,
  runId: 'run-2',
  rows: 10,
  pages: 2,
  bytes: 100,
} as unknown as CommittedOutcome;

/** A handler that records every call; `busy` answers from `retries` (undefined: handed back). */
function recorder(retries: (CommitOutcome | undefined)[] = []) {
  const calls: unknown[][] = [];
  const handler: CommitOutcomeHandler = {
    async busy(by, attempt) {
      calls.push(['busy', by, attempt]);
      return retries.shift();
    },
    incomplete: (missing) => void calls.push(['incomplete', missing]),
    alreadyCommitted: (by) => void calls.push(['alreadyCommitted', by]),
    superseded: (by) => void calls.push(['superseded', by]),
    committed: (outcome) => void calls.push(['committed', outcome]),
  };
  return { handler, calls };
}

describe('settleCommit: one answer to each way a commit ends, for the local runner and the committer', () => {
  it('retries a busy partition for as long as the driver retries, then answers the outcome it ends with', async () => {
    const { handler, calls } = recorder([{ status: 'busy', by: 'run-1' }, committed]);
    await settleCommit({ status: 'busy', by: 'run-1' }, handler);
    expect(calls).toEqual([
      ['busy', 'run-1', 1],
      ['busy', 'run-1', 2],
      ['committed', committed],
    ]);
  });

  it('stops at a busy partition handed back to be tried later: nothing else is answered', async () => {
    const { handler, calls } = recorder([undefined]);
    await settleCommit({ status: 'busy', by: 'run-1' }, handler);
    expect(calls).toEqual([['busy', 'run-1', 1]]);
  });

  it('answers a retry that ends otherwise (superseded meanwhile) with that outcome', async () => {
    const { handler, calls } = recorder([{ status: 'superseded', by: 'run-3' }]);
    await settleCommit({ status: 'busy', by: 'run-3' }, handler);
    expect(calls).toEqual([
      ['busy', 'run-3', 1],
      ['superseded', 'run-3'],
    ]);
  });

  it.each([
    [{ status: 'incomplete', missing: 'slice all: page 2' }, ['incomplete', 'slice all: page 2']],
    [{ status: 'already-committed', by: 'run-2' }, ['alreadyCommitted', 'run-2']],
    [{ status: 'superseded', by: 'run-9' }, ['superseded', 'run-9']],
    [committed, ['committed', committed]],
  ] as [CommitOutcome, unknown[]][])('answers %o once, with its detail', async (outcome, call) => {
    const { handler, calls } = recorder();
    await settleCommit(outcome, handler);
    expect(calls).toEqual([call]);
  });

  it("passes on the driver's failure (the local runner gives up on a partition busy for a minute)", async () => {
    const handler = recorder().handler;
    handler.busy = async (by) => {
      throw new Error(`partition still being committed by run ${by} after a minute`);
    };
    await expect(settleCommit({ status: 'busy', by: 'run-1' }, handler)).rejects.toThrow('after a minute');
  });
});
