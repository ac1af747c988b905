import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import type { TokenCache, TokenEntry } from '../../engine/auth/token-cache.js';
import { ReportFetcherError } from '../../engine/errors.js';
import { registerSecret } from '../../engine/secrets.js';
import { sleep } from '../../engine/time.js';
import { getJson, isMissing } from './s3-json.js';

export const LOCKS_ROOT = '_locks/';
const STALE_LOCK_MS = 60_000;
const LOCK_WAIT_MS = 120_000;

const tokenEntry = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number(),
  obtainedAt: z.number(),
  // Without it TokenProvider treats every cached token as another issuer's: each container grants.
  issuer: z.string().min(1).optional(),
});

export interface SecretsManagerTokenCacheOptions {
  secrets: SecretsManagerClient;
  s3: S3Client;
  /** Bucket that holds the lock objects (the lake bucket, under `_locks/`). */
  lockBucket: string;
  /** Source name → its token secret (name or ARN). */
  tokenSecrets: Record<string, string>;
}

/**
 * Tokens in each source's token secret (a JSON TokenEntry, written with PutSecretValue). The
 * secret starts with a placeholder from the stack; anything that is not a token entry reads as
 * "no token yet".
 *
 * The refresh lock is an S3 object created with a conditional write (If-None-Match: *): of two
 * workers racing, S3 lets exactly one create it and answers 412 to the other. Secrets Manager
 * has no compare-and-swap, hence S3. As a second guard (and because emulators such as fauxqs
 * ignore the condition on PUT) the holder reads the lock back and proceeds only if it carries
 * its own owner id. A lock older than a minute is taken as abandoned (a Lambda that timed out).
 */
export class SecretsManagerTokenCache implements TokenCache {
  private readonly local = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SecretsManagerTokenCacheOptions) {}

  private secretId(source: string): string {
    const id = this.options.tokenSecrets[source];
    if (!id) throw new ReportFetcherError('INTERNAL', `no token secret is configured for source "${source}"`);
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
    await this.options.secrets.send(
      new PutSecretValueCommand({ SecretId: this.secretId(source), SecretString: JSON.stringify(entry) }),
    );
  }

  withLock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    // Within one process, take turns first; across processes, the S3 lock decides.
    const previous = this.local.get(source) ?? Promise.resolve();
    const run = previous.then(
      () => this.withS3Lock(source, fn),
      () => this.withS3Lock(source, fn),
    );
    this.local.set(
      source,
      run.catch(() => undefined),
    );
    return run;
  }

  private async withS3Lock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    const { s3, lockBucket } = this.options;
    const key = `${LOCKS_ROOT}tokens/${source}.lock`;
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      if (await this.tryAcquire(key, owner)) break;
      if (Date.now() > deadline)
        throw new ReportFetcherError('INTERNAL', `timed out waiting for the token lock of "${source}"`, {
          retryable: true,
        });
      await this.breakIfStale(key);
      await sleep(100 + Math.random() * 200);
    }
    try {
      return await fn();
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket: lockBucket, Key: key })).catch(() => undefined);
    }
  }

  private async tryAcquire(key: string, owner: string): Promise<boolean> {
    const { s3, lockBucket } = this.options;
    const existing = await getJson<{ owner: string }>(s3, lockBucket, key);
    if (existing) return false;
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: lockBucket,
          Key: key,
          Body: JSON.stringify({ owner, at: new Date().toISOString() }),
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // 412: someone else created it first; 409: a concurrent conditional write is in flight.
      if (status === 412 || status === 409) return false;
      throw error;
    }
    const holder = await getJson<{ owner: string }>(s3, lockBucket, key);
    return holder?.owner === owner;
  }

  private async breakIfStale(key: string): Promise<void> {
    const { s3, lockBucket } = this.options;
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: lockBucket, Key: key }));
      if (head.LastModified && Date.now() - head.LastModified.getTime() > STALE_LOCK_MS) {
        await s3.send(new DeleteObjectCommand({ Bucket: lockBucket, Key: key }));
      }
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}
