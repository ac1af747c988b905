import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLeaseStore } from '../../functions/adapters/aws/dynamo-lease.js';
import { s3ObjectSink } from '../../functions/adapters/aws/s3-object-sink.js';
import { S3StagingStore } from '../../functions/adapters/aws/s3-staging-store.js';
import { SecretsManagerTokenCache } from '../../functions/adapters/aws/secrets-manager-token-cache.js';
import { SqsTaskQueue } from '../../functions/adapters/aws/sqs-task-queue.js';
import type { Task } from '../../functions/engine/run/tasks.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { pageMeta } from '../support/page-meta.js';
import { type SecretsManagerServer, startSecretsManager } from './support/secrets-manager-server.js';

const MiB = 1024 * 1024;
let fauxqs: ReturnType<typeof buildApp>;
let secrets: SecretsManagerServer;
let s3: S3Client;
let sqs: SQSClient;
let endpoint: string;
let dynamo: Dynalite;
const BUCKET = 'rf-adapters';

beforeAll(async () => {
  fauxqs = buildApp({ logger: false, defaultRegion: 'eu-west-1' });
  endpoint = await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  secrets = await startSecretsManager();
  dynamo = await startDynalite();
  s3 = new S3Client({ endpoint, forcePathStyle: true });
  sqs = new SQSClient({ endpoint });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await dynamo?.stop();
  await secrets?.close();
  await fauxqs?.close();
});

async function body(key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

describe('S3 object sink', () => {
  it('uploads a large object as multipart parts that become visible only at close()', async () => {
    const key = 'multipart/data.parquet';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'previous partition' }));
    const data = randomBytes(11 * MiB + 123);
    const sink = s3ObjectSink({
      client: s3,
      bucket: BUCKET,
      key,
      contentType: 'application/octet-stream',
      partBytes: 5 * MiB,
    });
    for (let offset = 0; offset < data.length; offset += MiB)
      await sink.write(data.subarray(offset, offset + MiB));
    // Two parts are uploaded by now, but readers still see the previous object.
    expect((await body(key)).toString()).toBe('previous partition');
    await sink.close();
    expect((await body(key)).equals(data)).toBe(true);
  });

  it('leaves the previous object untouched when a multipart upload is aborted', async () => {
    const key = 'aborted/data.parquet';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'keep me' }));
    const sink = s3ObjectSink({ client: s3, bucket: BUCKET, key, contentType: 'application/octet-stream' });
    await sink.write(randomBytes(9 * MiB));
    await sink.abort();
    expect((await body(key)).toString()).toBe('keep me');
  });

  it('writes a small object with one PUT', async () => {
    const sink = s3ObjectSink({
      client: s3,
      bucket: BUCKET,
      key: 'small.ndjson',
      contentType: 'application/x-ndjson',
    });
    await sink.write(Buffer.from('{"a":1}\n'));
    await sink.close();
    expect((await body('small.ndjson')).toString()).toBe('{"a":1}\n');
  });
});

describe('S3 staging store', () => {
  it('stages pages under the same keys as the local store and reads them back', async () => {
    const store = new S3StagingStore(s3, BUCKET);
    const partition = { table: 'adcloud_advertiser', source: 'adcloud_de', date: '2025-06-01' };
    const sink = await store.openPage('run-1', partition, 'all', 0);
    await sink.write([{ id: 1 }, { id: 2 }]);
    const meta = pageMeta({ rows: 2 });
    await sink.commit(meta);
    const prefix = '_staging/run-1/adcloud_advertiser/source=adcloud_de/dt=2025-06-01/all/page-000000';
    // One object: the rows, then the meta as its last line.
    expect((await body(`${prefix}.ndjson`)).toString()).toBe(
      `{"id":1}\n{"id":2}\n${JSON.stringify({ pageMeta: meta })}\n`,
    );
    const rows = [];
    const reader = store.readPage('run-1', partition, 'all', 0);
    let next = await reader.next();
    for (; !next.done; next = await reader.next()) rows.push(...next.value);
    expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect(next.value).toEqual(meta);
    expect(await store.readManifest('run-1', partition)).toBeUndefined();
  });
});

describe('Secrets Manager token cache', () => {
  it('reads a placeholder as "no token" and round-trips an entry through PutSecretValue', async () => {
    const arn = secrets.set('report-fetcher/x/token', '{"unused_placeholder":"abc"}');
    const cache = new SecretsManagerTokenCache({
      secrets: new SecretsManagerClient({ endpoint: secrets.url }),
      leases: new DynamoLeaseStore(dynamo.client, await dynamo.table()),
      tokenSecrets: { x: arn },
    });
    expect(await cache.read('x')).toBeUndefined();
    // The issuer too: without it no other container would ever reuse the token.
    const entry = { accessToken: 'token-value-1', expiresAt: 2, obtainedAt: 1, issuer: 'abc123' };
    await cache.write('x', entry);
    expect(await cache.read('x')).toEqual(entry);
  });

  it('lets one worker at a time hold the refresh lease, across separate caches (processes)', async () => {
    const arn = secrets.set('report-fetcher/y/token', '{}');
    const table = await dynamo.table();
    const caches = [0, 1, 2].map(
      () =>
        new SecretsManagerTokenCache({
          secrets: new SecretsManagerClient({ endpoint: secrets.url }),
          leases: new DynamoLeaseStore(dynamo.client, table),
          tokenSecrets: { y: arn },
          pollMs: 10,
        }),
    );
    let inside = 0;
    let most = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        caches[i % caches.length]!.withLock('y', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
          runs++;
        }),
      ),
    );
    expect(runs).toBe(12);
    expect(most).toBe(1);
  });

  it('does not publish a token from a holder whose lease was taken over (fencing)', async () => {
    const arn = secrets.set('report-fetcher/z/token', '{}');
    const table = await dynamo.table();
    let now = Date.now();
    const leases = new DynamoLeaseStore(dynamo.client, table, () => now);
    const cache = new SecretsManagerTokenCache({
      secrets: new SecretsManagerClient({ endpoint: secrets.url }),
      leases,
      tokenSecrets: { z: arn },
    });
    const entry = { accessToken: 'stale-holder-token', expiresAt: 2, obtainedAt: 1 };
    await expect(
      cache.withLock('z', async () => {
        // The grant stalls past the lease; another container takes the lease over.
        now += 121_000;
        expect(await leases.tryAcquire('token#z', 'successor', 60_000)).toBeDefined();
        await cache.write('z', entry);
      }),
    ).rejects.toThrow(/taken over/);
    expect(secrets.value(arn)).toBe('{}');
  });
});

describe('SQS task queue', () => {
  it('sends tasks ten per batch and every one arrives', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'rf-adapter-tasks' }));
    let batches = 0;
    const client = new SQSClient({ endpoint });
    client.middlewareStack.add(
      (next) => async (args) => {
        batches++;
        return next(args);
      },
      { step: 'initialize', name: 'countBatches' },
    );
    const tasks: Task[] = Array.from({ length: 23 }, (_, i) => ({
      type: 'commit-partition',
      runId: 'r',
      source: 's',
      report: 'advertiser',
      date: `2025-06-${String(i + 1).padStart(2, '0')}`,
    }));
    await new SqsTaskQueue(client, QueueUrl!).send(tasks);
    expect(batches).toBe(3);
    const dates = new Set<string>();
    for (let i = 0; i < 10 && dates.size < 23; i++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages) dates.add((JSON.parse(m.Body!) as Task).date);
    }
    expect(dates.size).toBe(23);
  });
});
