/**
 * Port: the shared state behind `SharedRateGate`, per vendor account: a counter per time slot and
 * a "blocked until". Taking from a slot is one atomic conditional increment (deployed: one
 * DynamoDB UpdateItem, no read-modify-write), so of any number of containers racing for a slot's
 * last unit exactly one wins.
 */
export interface RateBudgetStore {
  /** Counts one request in slot `slot` if it holds fewer than `cap`; false when it is full. */
  take(account: string, slot: number, cap: number, expiresAt: number): Promise<boolean>;
  /** Nobody sends before this (the vendor said "0 left until t" or refused for rate). */
  blockedUntil(account: string): Promise<number>;
  pushBack(account: string, until: number): Promise<void>;
}

/** In-process store (tests; the CLI keeps its in-process RateLimiter). */
export class MemoryRateBudgetStore implements RateBudgetStore {
  private readonly used = new Map<string, number>();
  private readonly blocks = new Map<string, number>();
  async take(account: string, slot: number, cap: number) {
    const key = `${account}#${slot}`;
    const used = this.used.get(key) ?? 0;
    if (used >= cap) return false;
    this.used.set(key, used + 1);
    return true;
  }
  async blockedUntil(account: string) {
    return this.blocks.get(account) ?? 0;
  }
  async pushBack(account: string, until: number) {
    this.blocks.set(account, Math.max(this.blocks.get(account) ?? 0, until));
  }
}
