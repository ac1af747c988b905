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
 * The instant a scheduled run plans from: its scheduled time, the same instant its run id is made
 * of, so a delivery that arrives late (Scheduler or async Lambda retries, a throttled invocation,
 * past midnight in the source's zone) plans the same window and snapshot day as one on time.
 * A backfill plans its explicit range (its snapshot, if any, is taken now: a snapshot of the past
 * cannot be taken); an invocation without a time plans from the clock.
 */
export function planningInstant(event: RunEvent, now: Date = new Date()): Date {
  const backfill = event.from !== undefined && event.to !== undefined;
  return !backfill && event.scheduledTime ? new Date(event.scheduledTime) : now;
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
