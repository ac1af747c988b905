import { setTimeout as delay } from 'node:timers/promises';

/** Longest delay a Node timer takes; above it setTimeout fires after 1 ms (and warns). */
const MAX_TIMER_MS = 2_147_483_647;

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? delay(Math.min(ms, MAX_TIMER_MS)) : Promise.resolve();
}
