/**
 * The simulator's time: what it reads as now (request log, rate-limit window, Retry-After) and
 * how it waits (latency, hangs). Tests that must not depend on the machine's speed hand it a
 * `ManualClock` and move time themselves.
 */
export interface SimulatorClock {
  now(): number;
  /** Calls `fire` once `ms` have passed; the returned function cancels it. */
  timer(ms: number, fire: () => void): () => void;
}

export const systemClock: SimulatorClock = {
  now: () => Date.now(),
  timer: (ms, fire) => {
    const handle = setTimeout(fire, ms);
    return () => clearTimeout(handle);
  },
};

/**
 * A clock that moves only when told (`advance`): a wait on it ends when the test says so, never
 * because the machine was slow or fast. `nextTimer()` resolves when something starts waiting on it
 * (a request parked in its latency or hang).
 */
export class ManualClock implements SimulatorClock {
  private at: number;
  private readonly timers = new Set<{ due: number; fire: () => void }>();
  private readonly waiting: (() => void)[] = [];

  constructor(startMs = Date.UTC(2024, 6, 1, 6)) {
    this.at = startMs;
  }

  now(): number {
    return this.at;
  }

  timer(ms: number, fire: () => void): () => void {
    const entry = { due: this.at + ms, fire };
    this.timers.add(entry);
    for (const resolve of this.waiting.splice(0)) resolve();
    return () => this.timers.delete(entry);
  }

  /** Resolves once a timer is pending (at once when one already is). */
  nextTimer(): Promise<void> {
    if (this.timers.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Moves time on by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    this.at += ms;
    const due = [...this.timers].filter((t) => t.due <= this.at).sort((a, b) => a.due - b.due);
    for (const entry of due) {
      this.timers.delete(entry);
      entry.fire();
    }
  }
}
