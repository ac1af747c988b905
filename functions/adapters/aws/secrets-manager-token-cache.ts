import { randomUUID } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import {
  ConfigError,
  InternalError,
  isCredentialLength,
  type Lease,
  type LeaseStore,
  registerSecret,
  sleep,
  type TokenCache,
  type TokenEntry,
} from '../../engine/index.js';

/**
 * How long a refresh lease lasts: longer than a grant takes (its HTTP attempts are bounded by the
 * client's timeouts), so it is only taken over from a holder that died. A holder that outlives it
 * anyway finds its fence gone and does not publish its token.
 */
export const TOKEN_LEASE_MS = 120_000;

/** A token too short to be a credential reads as no token (auth/token-length.ts), before it is registered. */
const credentialToken = z.string().refine(isCredentialLength);

const tokenEntry = z.object({
  accessToken: credentialToken,
  refreshToken: credentialToken.optional(),
  expiresAt: z.number(),
  obtainedAt: z.number(),
  // Without it TokenProvider treats every cached token as another issuer's: each container grants.
  issuer: z.string().min(1).optional(),
});

export interface SecretsManagerTokenCacheOptions {
  secrets: SecretsManagerClient;
  /** The control table's leases: one refresher per source across every container. */
  leases: LeaseStore;
  /** Source name → its token secret (name or ARN). */
  tokenSecrets: Record<string, string>;
  /** Poll interval while another container holds the lease (tests shorten it). */
  pollMs?: number;
}

/**
 * Tokens in each source's token secret (a JSON TokenEntry, written with PutSecretValue), read by
 * every container and reused until they near expiry. The secret starts with a placeholder from
 * the stack; anything that is not a token entry reads as "no token yet".
 *
 * Replacing the token happens under a lease in the control table (`lease#token#<source>`), taken
 * with a conditional write and never deleted from under its holder: it is taken over only after
 * it expired, with a new fencing token, and a holder confirms its fence (a conditional write)
 * right before PutSecretValue, so a holder that stalled past its lease does not publish.
 */
export class SecretsManagerTokenCache implements TokenCache {
  private readonly local = new Map<string, Promise<unknown>>();
  private readonly held = new Map<string, Lease>();

  constructor(private readonly options: SecretsManagerTokenCacheOptions) {}
  private secretId(source: string): string {
    const id = this.options.tokenSecrets[source];
    if (!id) throw new ConfigError(`no token secret is configured for source "${source}"`);
    return id;
  }

  async read(source: string): Promise<TokenEntry | undefined> {
    try {
      const response = await this.options.secrets.send(
        new GetSecretValueCommand({ SecretId: this.secretId(source) }),
      );
      const parsed = tokenEntry.safeParse(JSON.parse(response.SecretString ?? 'null'));
      if (!parsed.success) return undefined;
      registerSecret(parsed.data.accessToken);
      registerSecret(parsed.data.refreshToken);
      return parsed.data;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException' || error instanceof SyntaxError)
        return undefined;
      throw error;
    }
  }

  async write(source: string, entry: TokenEntry): Promise<void> {
    const lease = this.held.get(source);
    if (lease && !(await this.options.leases.confirm(lease, TOKEN_LEASE_MS))) {
      throw new InternalError(
        `the token lease of "${source}" was taken over while this container refreshed; its token is not published`,
        { retryable: true },
      );
    }
    await this.options.secrets.send(
      new PutSecretValueCommand({ SecretId: this.secretId(source), SecretString: JSON.stringify(entry) }),
    );
  }

  withLock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    // Within one process, take turns first; across processes, the lease decides.
    const previous = this.local.get(source) ?? Promise.resolve();
    const run = previous.then(
      () => this.withLease(source, fn),
      () => this.withLease(source, fn),
    );
    this.local.set(
      source,
      run.catch(() => undefined),
    );
    return run;
  }

  private async withLease<T>(source: string, fn: () => Promise<T>): Promise<T> {
    const { leases } = this.options;
    const owner = randomUUID();
    let lease: Lease | undefined;
    for (;;) {
      lease = await leases.tryAcquire(`token#${source}`, owner, TOKEN_LEASE_MS);
      if (lease) break;
      // Someone else refreshes: it publishes the token, then releases; fn re-reads the secret.
      await sleep((this.options.pollMs ?? 200) * (0.5 + Math.random()));
    }
    this.held.set(source, lease);
    try {
      return await fn();
    } finally {
      this.held.delete(source);
      await leases.release(lease).catch(() => undefined);
    }
  }
}
