import { createHash } from 'node:crypto';
import { newRunId } from './tasks.js';

/** `2025-06-02T06:00:00Z` → `20250602T060000Z`: the run's generation (commit-guard.ts). */
function compact(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

type RunEvent = { source: string; from?: string; to?: string; scheduledTime?: string; requestedAt?: string };

/**
 * The instant a run plans from: the instant its run id is made of (`runIdFor`), so every delivery
 * and retry of one invocation plans the same partitions, however late it arrives (Scheduler or
 * async Lambda retries, a throttled invocation, past midnight in the source's zone):
 * - a scheduled run: its scheduled time (its window and its snapshot day);
 * - a backfill: its request time. Its dates are its explicit range; the instant dates its
 *   snapshot, taken once per run like any run's (run-plan.ts; docs/architecture.md says why);
 * - an invocation without a time: the clock, read once by the caller.
 */
export function planningInstant(event: RunEvent, now: Date = new Date()): Date {
  const backfill = event.from !== undefined && event.to !== undefined;
  const fixed = backfill ? event.requestedAt : event.scheduledTime;
  return fixed ? new Date(fixed) : now;
}

/**
 * Run ids that a repeated invocation reproduces, so the ledger can recognise the run:
 * - a scheduled run: its scheduled time (`20250602T060000Z-schedule`), the same for every
 *   delivery and retry of that schedule's invocation;
 * - a backfill: its request time and a hash of source and range
 *   (`20250602T101500Z-backfill-1a2b3c4d`), the same for every retry of that request;
 * - anything else (a hand-made invocation without a time): a fresh id, as before.
 */
export function runIdFor(event: RunEvent, now: Date = new Date()): string {
  if (event.from !== undefined && event.to !== undefined) {
    const hash = createHash('sha256')
      .update(JSON.stringify([event.source, event.from, event.to]))
      .digest('hex')
      .slice(0, 8);
    return `${compact(event.requestedAt ? new Date(event.requestedAt) : now)}-backfill-${hash}`;
  }
  if (event.scheduledTime) return `${compact(new Date(event.scheduledTime))}-schedule`;
  return newRunId(now);
}
