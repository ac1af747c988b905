/** Runs queued async jobs, at most `limit` at a time, in the order they were queued. */
export class WorkPool {
  private readonly queue: (() => Promise<void>)[] = [];
  private active = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  run(job: () => Promise<void>): void {
    this.queue.push(job);
    this.pump();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.limit && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.active++;
      job()
        .catch(() => undefined)
        .finally(() => {
          this.active--;
          this.pump();
          if (this.active === 0 && this.queue.length === 0) {
            const waiters = this.waiters;
            this.waiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}

/** A counting semaphore: at most `limit` holders; `take` waits, first come first served. */
export class Slots {
  private free: number;
  private readonly waiters: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  give(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}
