/** A held lease: `fence` grows with every new holder, so a late holder's writes can be refused. */
export interface Lease {
  key: string;
  owner: string;
  fence: number;
  expiresAt: number;
}

/**
 * Port: mutual exclusion across containers with expiry and a fencing token (deployed: one
 * DynamoDB item per key, taken with a conditional update). Unlike the S3 lock it replaces, a
 * lease is never deleted from under its holder: it is taken over only once it has expired, and a
 * holder confirms it still holds it (same fence) before it publishes anything.
 */
export interface LeaseStore {
  /** The lease, or undefined while another holder's lease is unexpired. */
  tryAcquire(key: string, owner: string, durationMs: number): Promise<Lease | undefined>;
  /** True (and extended) while `lease` is still the current one; false once taken over. */
  confirm(lease: Lease, durationMs: number): Promise<boolean>;
  /** Ends the lease if it is still ours; someone else's lease is left alone. */
  release(lease: Lease): Promise<void>;
}
