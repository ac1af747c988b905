import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import type { PartitionManifest } from '../../functions/engine/staging/staging-store.js';
import type { AwsClients } from '../../functions/handlers/aws-context.js';
import {
  DEPLOYMENT_ENV,
  type DeploymentInput,
  FETCHER_SOURCE_ENV,
  runManifestKey,
} from '../../functions/handlers/deployment.js';
import { createFetcherHandler } from '../../functions/handlers/fetcher.js';
import {
  createPlannerHandler,
  type PlannerResult,
  type RunManifest,
} from '../../functions/handlers/planner.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { duplicatesBy, fingerprint, readPartition, tempDir } from '../support/lake.js';
import { countMessages, drainQueue, type SqsHandler, sendBody } from './support/lambda-queue-driver.js';
import { type SecretsManagerServer, startSecretsManager } from './support/secrets-manager-server.js';

const report = adcloud.reports.advertiser!;
const SOURCE = 'adcloud_it';
/** Around the 200-row page: an empty day, one page, a partial last page, a six-page fan-out. */
const ROWS: Record<string, number> = {
  '2025-06-01': 0,
  '2025-06-02': 200,
  '2025-06-03': 450,
  '2025-06-04': 1001,
};
const DATES = Object.keys(ROWS);
const MAX_RECEIVE_COUNT = 3;

let fauxqs: ReturnType<typeof buildApp>;
let secrets: SecretsManagerServer;
let simulator: AdcloudSimulator;
let s3: S3Client;
let sqs: SQSClient;
let work: { path: string; cleanup: () => Promise<void> };
let deployments = 0;
const logLines: string[] = [];
/** Every SQS request the handlers and tests made, for the leak scan. */
const sentMessages: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  fauxqs = buildApp({ logger: false, defaultRegion: 'eu-west-1' });
  const address = await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  secrets = await startSecretsManager();
  simulator = await startAdcloud({ rowsPerDate: (date) => ROWS[date] ?? 10, seed: 11 });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: address,
    AWS_ENDPOINT_URL_SQS: address,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: 'eu-west-1',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  s3 = new S3Client({ forcePathStyle: true });
  // An explicit endpoint: otherwise the SDK sends each call to the host in the queue URL.
  sqs = new SQSClient({ endpoint: address });
  sqs.middlewareStack.add(
    (next) => async (args) => {
      sentMessages.push(JSON.stringify(args.input));
      return next(args);
    },
    { step: 'initialize', name: 'recordSentMessages' },
  );
  work = await tempDir('rf-aws-it-');
  // Keep every log line the handlers write (Powertools writes JSON lines to stdout) for the leak scan.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{')) {
        logLines.push(text);
        return true;
      }
      return write(chunk, ...(rest as []));
    });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  await simulator?.close();
  await secrets?.close();
  await fauxqs?.close();
  await work?.cleanup();
});

afterEach(() => {
  simulator.setFaults({});
});

interface TestDeployment {
  bucket: string;
  queueUrl: string;
  queueArn: string;
  deadLetterUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
  env: NodeJS.ProcessEnv;
  planner: (event: unknown) => Promise<PlannerResult>;
  fetcher: (clients?: AwsClients) => SqsHandler;
}

/** What the CDK stacks create, made in the emulators: bucket, queue + DLQ, two secrets. */
async function deploy(options: { credentials?: Record<string, string> } = {}): Promise<TestDeployment> {
  const n = ++deployments;
  const bucket = `rf-lake-${n}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `rf-dlq-${n}` }));
  const dlqArn = await queueArn(dlq.QueueUrl!);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: `rf-tasks-${n}`,
      Attributes: {
        VisibilityTimeout: '2',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: String(MAX_RECEIVE_COUNT),
        }),
      },
    }),
  );
  const credentialsSecret = secrets.set(
    `report-fetcher/${SOURCE}-${n}/credentials`,
    JSON.stringify(options.credentials ?? simulator.credentials),
  );
  const tokenSecret = secrets.set(`report-fetcher/${SOURCE}-${n}/token`, '{}');
  const config = {
    name: SOURCE,
    connector: 'adcloud',
    baseUrl: simulator.url,
    timezone: 'UTC',
  } as SourceConfig;
  const deployment: DeploymentInput = {
    bucket,
    sources: [{ config, queueUrl: queue.QueueUrl!, credentialsSecret, tokenSecret }],
  };
  const env = { ...process.env, [DEPLOYMENT_ENV]: JSON.stringify(deployment), [FETCHER_SOURCE_ENV]: SOURCE };
  const planner = createPlannerHandler(env, { sqs });
  return {
    bucket,
    queueUrl: queue.QueueUrl!,
    queueArn: await queueArn(queue.QueueUrl!),
    deadLetterUrl: dlq.QueueUrl!,
    credentialsSecret,
    tokenSecret,
    env,
    planner: (event) => planner(event, lambdaContext()) as Promise<PlannerResult>,
    fetcher: (clients) => createFetcherHandler(env, { sqs, ...clients }) as unknown as SqsHandler,
  };
}

function lambdaContext() {
  return { functionName: 'report-fetcher-planner', awsRequestId: 'planner-request' } as never;
}

async function queueArn(url: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}

async function getText(bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString('utf8');
}

async function getBytes(bucket: string, key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToByteArray();
}

async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!);
}

/** The committed partition, downloaded and read back with DuckDB. */
async function lakeRows(bucket: string, date: string): Promise<Row[]> {
  const key = partitionObjectKey({ table: report.table, source: SOURCE, date }, 'parquet');
  const file = join(work.path, `${bucket}-${date}.parquet`);
  await writeFile(file, await getBytes(bucket, key));
  return readPartition(file, report.schema);
}

/** The simulator's rows for a date, in the lake's column order. */
function truth(date: string): Row[] {
  const columns = report.schema.columns.map((c) => c.name);
  return simulator.rowsFor(date).map((row) => {
    const source = row as unknown as Record<string, Row[string]>;
    return Object.fromEntries(columns.map((c) => [c, source[c] ?? null]));
  });
}

const byKey = (rows: Row[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify(report.uniqueKey.map((k) => a[k])).localeCompare(
      JSON.stringify(report.uniqueKey.map((k) => b[k])),
    ),
  );

async function expectLakeEqualsSimulator(bucket: string, dates: readonly string[]) {
  for (const date of dates) {
    const rows = await lakeRows(bucket, date);
    expect(rows.length, date).toBe(ROWS[date]);
    expect(duplicatesBy(rows, report.uniqueKey), date).toBe(0);
    expect(fingerprint(rows, report.schema), date).toEqual(fingerprint(truth(date), report.schema));
    expect(byKey(rows), date).toEqual(byKey(truth(date)));
  }
}

describe('the AWS pipeline in-process (fauxqs S3 + SQS, Secrets Manager stub, Adcloud simulator)', () => {
  it('plans a backfill, fans out, stages and commits exactly the simulator rows', async () => {
    const d = await deploy();
    const planned = await d.planner({ source: SOURCE, from: DATES[0], to: DATES.at(-1) });
    expect(planned).toMatchObject({
      source: SOURCE,
      partitions: DATES.length,
      failedPartitions: 0,
      tasks: DATES.length,
    });

    const stats = await drainQueue({ sqs, queueUrl: d.queueUrl, queueArn: d.queueArn, handler: d.fetcher() });
    expect(stats.failedRecords).toBe(0);
    await expectLakeEqualsSimulator(d.bucket, DATES);
    expect(await countMessages(sqs, d.deadLetterUrl)).toBe(0);

    // The run manifest, the commit records and a token cached in its secret (not in any message).
    const manifest = JSON.parse(
      await getText(d.bucket, runManifestKey(planned.runId, SOURCE)),
    ) as RunManifest;
    expect(manifest.partitions.map((p) => [p.date, p.error])).toEqual(DATES.map((date) => [date, undefined]));
    const outcomes = await listKeys(d.bucket, `_runs/${planned.runId}/${SOURCE}/`);
    expect(outcomes.sort()).toEqual(
      DATES.map((date) => `_runs/${planned.runId}/${SOURCE}/${report.table}/dt=${date}.json`),
    );
    expect(JSON.parse(await getText(d.bucket, outcomes.at(-1)!))).toMatchObject({
      status: 'committed',
      rows: 1001,
      date: '2025-06-04',
    });
    const commits = await listKeys(d.bucket, '_commits/');
    expect(commits).toHaveLength(DATES.length);
    const commit = JSON.parse(await getText(d.bucket, commits.find((k) => k.includes('2025-06-04'))!));
    expect(commit).toMatchObject({ runId: planned.runId, rows: 1001, pages: 6, format: 'parquet' });
    expect(JSON.parse(secrets.value(d.tokenSecret)!)).toHaveProperty('accessToken');
    // One token grant for the whole run: the planner cached it, the fetchers reused it.
    expect(Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('survives duplicate deliveries, a fetcher that crashes after staging, and a token that expires mid-run', async () => {
    const d = await deploy();
    const grantsBefore = Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0);
    const putsBefore = secrets.calls.PutSecretValue ?? 0;
    const authFailuresBefore = simulator.stats.authFailures;
    await d.planner({ source: SOURCE, from: DATES[0], to: DATES.at(-1) });

    // The crash: right after page 2 of the big day is staged (its .meta.json written), before
    // the fetcher can commit or delete its message; the Lambda runtime dies with it.
    let crashPending = true;
    let crashed = false;
    const crashingS3 = new S3Client({ forcePathStyle: true });
    crashingS3.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const input = args.input as { Key?: string };
        if (
          crashPending &&
          input.Key?.includes('dt=2025-06-04/') &&
          input.Key.endsWith('page-000002.meta.json')
        ) {
          crashPending = false;
          crashed = true;
          throw new Error('simulated crash: the Lambda runtime died');
        }
        return result;
      },
      { step: 'initialize', name: 'simulatedCrash' },
    );

    const duplicated = new Set<string>();
    const stats = await drainQueue({
      sqs,
      queueUrl: d.queueUrl,
      queueArn: d.queueArn,
      handler: d.fetcher({ s3: crashingS3 }),
      batchSize: 3,
      async beforeInvoke(messages, invocation) {
        // At-least-once delivery: every message of the first invocations arrives twice.
        if (invocation <= 3) {
          for (const message of messages) {
            if (duplicated.has(message.Body!)) continue;
            duplicated.add(message.Body!);
            await sendBody(sqs, d.queueUrl, message.Body!);
          }
        }
        // Every token issued so far stops working halfway through the run.
        if (invocation === 3) simulator.expireTokens();
      },
      crashed: () => {
        const result = crashed;
        crashed = false;
        return result;
      },
    });

    expect(stats.crashedInvocations).toBe(1);
    expect(stats.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(duplicated.size).toBeGreaterThan(0);
    await expectLakeEqualsSimulator(d.bucket, DATES);
    expect(await countMessages(sqs, d.deadLetterUrl)).toBe(0);
    // The expired token was replaced (one grant under the lock) and written back to its secret.
    const grantsAfter = Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0);
    expect(simulator.stats.authFailures).toBeGreaterThan(authFailuresBefore);
    expect(grantsAfter - grantsBefore).toBeGreaterThanOrEqual(2);
    expect((secrets.calls.PutSecretValue ?? 0) - putsBefore).toBeGreaterThanOrEqual(2);
    expect(await listKeys(d.bucket, '_locks/')).toEqual([]);
  });

  it('gives the same partition when a commit runs twice (a late duplicate of the last page)', async () => {
    const d = await deploy();
    const planned = await d.planner({ source: SOURCE, from: '2025-06-03', to: '2025-06-03' });
    const fetcher = d.fetcher();
    await drainQueue({ sqs, queueUrl: d.queueUrl, queueArn: d.queueArn, handler: fetcher });
    const key = partitionObjectKey({ table: report.table, source: SOURCE, date: '2025-06-03' }, 'parquet');
    const first = await getBytes(d.bucket, key);
    const firstCommit = JSON.parse(await getText(d.bucket, (await listKeys(d.bucket, '_commits/'))[0]!));

    // The last page's message delivered again after the partition was committed.
    const manifest = JSON.parse(
      await getText(
        d.bucket,
        `_staging/${planned.runId}/${report.table}/source=${SOURCE}/dt=2025-06-03/_manifest.json`,
      ),
    ) as PartitionManifest;
    const lastPage = {
      type: 'fetch-page',
      runId: planned.runId,
      source: SOURCE,
      report: 'advertiser',
      date: '2025-06-03',
      slice: manifest.slices[0],
      page: { state: { kind: 'page-number', page: 3 }, ordinal: 2 },
      fannedOut: false,
    };
    await sendBody(sqs, d.queueUrl, JSON.stringify(lastPage));
    const again = await drainQueue({ sqs, queueUrl: d.queueUrl, queueArn: d.queueArn, handler: fetcher });
    expect(again.failedRecords).toBe(0);

    const second = await getBytes(d.bucket, key);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const secondCommit = JSON.parse(await getText(d.bucket, (await listKeys(d.bucket, '_commits/'))[0]!));
    expect(secondCommit.digest).toBe(firstCommit.digest);
    expect(secondCommit.committedAt >= firstCommit.committedAt).toBe(true);
    expect(await listKeys(d.bucket, `${report.table}/source=${SOURCE}/dt=2025-06-03/`)).toEqual([key]);
    await expectLakeEqualsSimulator(d.bucket, ['2025-06-03']);
  });

  it('moves a message that keeps failing to the DLQ after maxReceiveCount deliveries', async () => {
    const d = await deploy();
    await sendBody(
      sqs,
      d.queueUrl,
      JSON.stringify({ type: 'fetch-page', source: SOURCE, note: 'not a task' }),
    );
    const stats = await drainQueue({ sqs, queueUrl: d.queueUrl, queueArn: d.queueArn, handler: d.fetcher() });
    expect(stats.failedRecords).toBe(MAX_RECEIVE_COUNT);
    expect(await countMessages(sqs, d.deadLetterUrl)).toBe(1);
  });

  it('refuses to plan without credentials and names the missing keys', async () => {
    const d = await deploy({ credentials: { client_id: '', client_secret: '' } });
    await expect(d.planner({ source: SOURCE })).rejects.toThrow(/lacks client_id, client_secret/);
    await expect(d.planner({ source: 'nope' })).rejects.toThrow(/unknown source "nope"/);
    await expect(d.planner({ source: SOURCE, from: '2025-06-02' })).rejects.toThrow();
  });

  it('never writes a credential or token into a log line, a queue message or an S3 object', async () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.some((l) => l.includes('"level":"DEBUG"'))).toBe(true);
    expect(sentMessages.some((m) => m.includes('fetch-page'))).toBe(true);
    const objects: string[] = [];
    for (let n = 1; n <= deployments; n++) {
      for (const key of await listKeys(`rf-lake-${n}`, '')) {
        objects.push(Buffer.from(await getBytes(`rf-lake-${n}`, key)).toString('latin1'));
      }
    }
    expect(objects.length).toBeGreaterThan(20);
    const texts = [...logLines, ...sentMessages, ...objects];
    const leaked = simulator.issuedSecrets().filter((s) => s.length >= 6 && texts.some((t) => t.includes(s)));
    expect(leaked).toEqual([]);
  });
});
