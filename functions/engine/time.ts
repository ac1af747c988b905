/** Longest delay a Node timer takes; above it setTimeout fires after 1 ms (and warns). */
const MAX_TIMER_MS = 2_147_483_647;

/** The global timer (not node:timers/promises), so tests can drive waits with a fake clock. */
export function sleep(ms: number): Promise<void> {
  return ms > 0
    ? new Promise((resolve) => setTimeout(resolve, Math.min(ms, MAX_TIMER_MS)))
    : Promise.resolve();
}
