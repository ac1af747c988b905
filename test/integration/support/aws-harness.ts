import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { buildApp } from 'fauxqs';
import { vi } from 'vitest';
import type { SourceConfig } from '../../../functions/config/config-schema.js';
import {
  DEPLOYMENT_ENV,
  type DeploymentInput,
  FETCHER_SOURCE_ENV,
} from '../../../functions/deployment/index.js';
import type { AwsClients } from '../../../functions/handlers/aws-context.js';
import { createCommitterHandler } from '../../../functions/handlers/committer.js';
import { createFetcherHandler } from '../../../functions/handlers/fetcher.js';
import { createPlannerHandler, type PlannerResult } from '../../../functions/handlers/planner.js';
import { type Dynalite, startDynalite } from '../../support/dynalite.js';
import { tempDir } from '../../support/lake.js';
import {
  addStats,
  type DriverOptions,
  type DriverStats,
  drainQueue,
  isEmpty,
  type SqsHandler,
} from './lambda-queue-driver.js';
import { type SecretsManagerServer, startSecretsManager } from './secrets-manager-server.js';

const REGION = 'eu-west-1';

/** Everything that passed through the emulated AWS, for leak scans and delivery checks. */
export interface Captured {
  /** Every SQS request input the handlers and tests made (message bodies included), as JSON. */
  sqsRequests: string[];
  /** Every message body sent to a queue, by queue URL. */
  sentBodies: Map<string, string[]>;
  /** Every object body written to S3 (staged pages, manifests, partitions, locks), as latin1 text. */
  s3Writes: { bucket: string; key: string; text: string }[];
  /** The key of every S3 GetObject the handlers made (what a page costs in reads). */
  s3Reads: string[];
  /** Powertools JSON log lines. */
  logLines: string[];
  /** Errors the planner threw (the fetcher's are logged and end up in logLines). */
  errors: string[];
}

/** A source's queue, dead-letter queue and secrets, as the pipeline stack creates them. */
export interface SourceResources {
  queueUrl: string;
  queueArn: string;
  deadLetterUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
}

export interface DeployedSourceInput extends SourceResources {
  config: Partial<SourceConfig>;
}

/** Driver options; `clients` build the fetcher (or committer) with other SDK clients (crash injection). */
export type QueueDrainOptions = Partial<DriverOptions> & { clients?: AwsClients };

/**
 * The source's queue with these options, then the deployment's commit queue with `commits`
 * (default: one committer), until both are empty; `commits: false` leaves commit tasks queued.
 */
export type DrainOptions = QueueDrainOptions & { commits?: QueueDrainOptions | false };

/** The stage's commit queue and its DLQ, as the pipeline stack creates them. */
export interface CommitQueue {
  queueUrl: string;
  queueArn: string;
  deadLetterUrl: string;
}

/** One deployment (a bucket and its sources) with handlers built as the Lambdas would be. */
export interface HarnessDeployment {
  bucket: string;
  env: NodeJS.ProcessEnv;
  /** Invokes the planner once (an EventBridge schedule or a backfill payload). */
  plan(event: unknown, context?: Partial<Context>): Promise<PlannerResult>;
  /** A fresh fetcher "container" for one source; `clients` replace the recording ones (crash injection). */
  fetcher(source: string, clients?: AwsClients): SqsHandler;
  /** A fresh committer "container". */
  committer(clients?: AwsClients): SqsHandler;
  /** Where commit tasks go (one per deployment, as one per stage deployed). */
  commitQueue: CommitQueue;
  /** The deployment's control table (DynamoDB on dynalite). */
  controlTable: string;
  /** Polls the source's queue and the commit queue like the Lambda event sources until both are empty. */
  drain(source: string, options?: DrainOptions): Promise<DriverStats>;
  resources(source: string): SourceResources;
}

export interface AwsHarness {
  s3: S3Client;
  sqs: SQSClient;
  dynamo: Dynalite;
  secrets: SecretsManagerServer;
  workDir: string;
  captured: Captured;
  /** An S3 client that records what it writes (a test may add middleware to it). */
  recordingS3(): S3Client;
  /**
   * An S3 client whose write of the first object matching `crashAfter` succeeds and then throws,
   * as if the Lambda runtime died right after it; `crashed()` reports (once) that it happened,
   * for the queue driver, which then leaves the batch to reappear after its visibility timeout.
   */
  crashingS3(crashAfter: (key: string, command: string) => boolean): {
    client: S3Client;
    crashed: () => boolean;
  };
  createSourceResources(options: {
    name: string;
    credentials: Record<string, string>;
    visibilityTimeoutSeconds?: number;
    maxReceiveCount?: number;
  }): Promise<SourceResources>;
  deploy(options: {
    bucket: string;
    sources: DeployedSourceInput[];
    engine?: AwsClients['engine'];
    /** The handlers' clock (AwsClients.now): a fixed day keeps snapshot dates off the real midnight. */
    now?: AwsClients['now'];
  }): Promise<HarnessDeployment>;
  queueArn(url: string): Promise<string>;
  getBytes(bucket: string, key: string): Promise<Uint8Array>;
  getText(bucket: string, key: string): Promise<string>;
  listKeys(bucket: string, prefix?: string): Promise<string[]>;
  /** Downloads an object to a temp file (for DuckDB) and returns its path. */
  download(bucket: string, key: string): Promise<string>;
  /** Moves every message of a DLQ back to its source queue, as `aws sqs start-message-move-task` does. */
  redrive(deadLetterUrl: string, queueUrl: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The emulated AWS of the pipeline tests: fauxqs (S3 + SQS) and a Secrets Manager stub in this
 * process, endpoints in the environment (the handlers' SDK clients pick them up), and recording
 * clients so a test can see every message, object and log line that went through.
 */
export async function startAwsHarness(options: { logLevel?: string } = {}): Promise<AwsHarness> {
  const savedEnv = { ...process.env };
  const fauxqs = buildApp({ logger: false, defaultRegion: REGION });
  const endpoint = await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  const secrets = await startSecretsManager();
  const dynamo = await startDynalite();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ENDPOINT_URL_SQS: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: REGION,
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'DEBUG',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const work = await tempDir('rf-aws-');
  const captured: Captured = {
    sqsRequests: [],
    sentBodies: new Map(),
    s3Writes: [],
    s3Reads: [],
    logLines: [],
    errors: [],
  };

  const recordingS3 = () => {
    const client = new S3Client({ endpoint, forcePathStyle: true });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Bucket?: string; Key?: string; Body?: unknown };
        if (context.commandName === 'GetObjectCommand' && input.Key) captured.s3Reads.push(input.Key);
        const body = input.Body;
        if (typeof body === 'string' || body instanceof Uint8Array) {
          const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1');
          captured.s3Writes.push({ bucket: input.Bucket ?? '', key: input.Key ?? '', text });
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordWrites' },
    );
    return client;
  };
  const s3 = recordingS3();
  // An explicit endpoint: otherwise the SDK sends each call to the host in the queue URL.
  const sqs = new SQSClient({ endpoint });
  sqs.middlewareStack.add(
    (next) => async (args) => {
      captured.sqsRequests.push(JSON.stringify(args.input));
      const input = args.input as {
        QueueUrl?: string;
        MessageBody?: string;
        Entries?: { MessageBody?: string }[];
      };
      const bodies = [input.MessageBody, ...(input.Entries ?? []).map((e) => e.MessageBody)].filter(
        (b): b is string => typeof b === 'string',
      );
      if (input.QueueUrl && bodies.length > 0) {
        const list = captured.sentBodies.get(input.QueueUrl) ?? [];
        list.push(...bodies);
        captured.sentBodies.set(input.QueueUrl, list);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordRequests' },
  );

  // Powertools writes JSON lines to stdout: keep them for leak scans and out of the test output.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{')) {
        captured.logLines.push(text);
        return true;
      }
      return write(chunk, ...(rest as []));
    });
  }

  const queueArn = async (url: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    return Attributes!.QueueArn!;
  };
  const getBytes = async (bucket: string, key: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return object.Body!.transformToByteArray();
  };
  let downloads = 0;
  const controlTables = new Map<string, string>();

  const harness: AwsHarness = {
    s3,
    sqs,
    dynamo,
    secrets,
    workDir: work.path,
    captured,
    recordingS3,
    crashingS3(crashAfter) {
      let pending = true;
      let crashed = false;
      const client = recordingS3();
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const key = (args.input as { Key?: string }).Key;
          if (pending && key !== undefined && crashAfter(key, context.commandName ?? '')) {
            pending = false;
            crashed = true;
            throw new Error('simulated crash: the Lambda runtime died');
          }
          return result;
        },
        { step: 'initialize', name: 'simulatedCrash' },
      );
      return {
        client,
        crashed: () => {
          const result = crashed;
          crashed = false;
          return result;
        },
      };
    },
    async createSourceResources({ name, credentials, visibilityTimeoutSeconds = 2, maxReceiveCount = 3 }) {
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
      const queue = await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: await queueArn(dlq.QueueUrl!),
              maxReceiveCount: String(maxReceiveCount),
            }),
          },
        }),
      );
      return {
        queueUrl: queue.QueueUrl!,
        queueArn: await queueArn(queue.QueueUrl!),
        deadLetterUrl: dlq.QueueUrl!,
        credentialsSecret: secrets.set(`report-fetcher/${name}/credentials`, JSON.stringify(credentials)),
        tokenSecret: secrets.set(`report-fetcher/${name}/token`, '{}'),
      };
    },
    async deploy({ bucket, sources, engine, now }) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
        if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
      });
      // A redeploy of a bucket (a new release of the same stage) keeps its control table.
      const controlTable = controlTables.get(bucket) ?? (await dynamo.table(`control-${bucket}`));
      controlTables.set(bucket, controlTable);
      // CreateQueue with the same name and attributes returns the existing queue.
      const commitDeadLetters = await sqs.send(new CreateQueueCommand({ QueueName: `commit-${bucket}-dlq` }));
      const commitQueueUrl = (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: `commit-${bucket}`,
            Attributes: {
              VisibilityTimeout: '2',
              RedrivePolicy: JSON.stringify({
                deadLetterTargetArn: await queueArn(commitDeadLetters.QueueUrl!),
                maxReceiveCount: '5',
              }),
            },
          }),
        )
      ).QueueUrl!;
      const commitQueue: CommitQueue = {
        queueUrl: commitQueueUrl,
        queueArn: await queueArn(commitQueueUrl),
        deadLetterUrl: commitDeadLetters.QueueUrl!,
      };
      const input: DeploymentInput = {
        bucket,
        controlTable,
        commitQueueUrl,
        sources: sources.map(({ config, queueUrl, credentialsSecret, tokenSecret }) => ({
          config: config as never,
          queueUrl,
          credentialsSecret,
          tokenSecret,
        })),
      };
      const env: NodeJS.ProcessEnv = { ...process.env, [DEPLOYMENT_ENV]: JSON.stringify(input) };
      const planner = createPlannerHandler(env, { s3, sqs, dynamo: dynamo.client, engine, now });
      const resources = (source: string) => {
        const found = sources.find((s) => s.config.name === source);
        if (!found) throw new Error(`no deployed source "${source}"`);
        return found;
      };
      const fetcher = (source: string, clients: AwsClients = {}) =>
        createFetcherHandler(
          { ...env, [FETCHER_SOURCE_ENV]: source },
          { s3, sqs, dynamo: dynamo.client, engine, now, ...clients },
        ) as unknown as SqsHandler;
      const committer = (clients: AwsClients = {}) =>
        createCommitterHandler(env, {
          s3,
          sqs,
          dynamo: dynamo.client,
          engine,
          now,
          ...clients,
        }) as unknown as SqsHandler;
      return {
        bucket,
        env,
        controlTable,
        resources,
        fetcher,
        committer,
        commitQueue,
        async plan(event, context = {}) {
          try {
            return (await planner(event, {
              functionName: 'report-fetcher-planner',
              awsRequestId: 'planner-request',
              ...context,
            } as never)) as PlannerResult;
          } catch (error) {
            captured.errors.push(String(error), JSON.stringify(error));
            throw error;
          }
        },
        async drain(source, { clients, commits = {}, ...options } = {}) {
          const { queueUrl, queueArn } = resources(source);
          const total = await drainQueue({
            sqs,
            queueUrl,
            queueArn,
            handler: fetcher(source, clients),
            ...options,
          });
          if (commits === false) return total;
          const { clients: commitClients, ...commitOptions } = commits;
          // The committer sends nothing to the source's queue, but a redelivered page may have
          // come back meanwhile (two drains at once): go round until both queues are empty.
          for (;;) {
            addStats(
              total,
              await drainQueue({
                sqs,
                ...commitQueue,
                handler: committer(commitClients),
                deadlineMs: options.deadlineMs,
                ...commitOptions,
              }),
            );
            if (await isEmpty(sqs, queueUrl)) return total;
            addStats(
              total,
              await drainQueue({ sqs, queueUrl, queueArn, handler: fetcher(source, clients), ...options }),
            );
          }
        },
      };
    },
    queueArn,
    getBytes,
    async getText(bucket, key) {
      return Buffer.from(await getBytes(bucket, key)).toString('utf8');
    },
    async listKeys(bucket, prefix = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    async download(bucket, key) {
      const extension = key.slice(key.lastIndexOf('.'));
      const file = join(work.path, `download-${++downloads}${extension}`);
      await writeFile(file, await getBytes(bucket, key));
      return file;
    },
    async redrive(deadLetterUrl, queueUrl) {
      let moved = 0;
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: deadLetterUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        if (Messages.length === 0) return moved;
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body! })),
          }),
        );
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: deadLetterUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        moved += Messages.length;
      }
    },
    async stop() {
      vi.restoreAllMocks();
      process.env = savedEnv;
      await secrets.close();
      await dynamo.stop();
      await fauxqs.close();
      await work.cleanup();
    },
  };
  return harness;
}
