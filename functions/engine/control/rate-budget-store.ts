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
