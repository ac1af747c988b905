/**
 * 1b. Fan-out through the AWS pipeline, in process: the planner and fetcher handlers on fauxqs
 * (S3 + SQS) and the Secrets Manager stub from test/integration/support, C fetcher "instances"
 * each polling the task queue with batch size 1 (an SQS event source with maximum concurrency C),
 * against the Adcloud simulator in its own process. Same N, L and C as the CLI figure.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import type { SourceConfig } from '../functions/config/config-schema.js';
import { DEPLOYMENT_ENV, type Deployment, FETCHER_SOURCE_ENV } from '../functions/deployment/index.js';
import { createCommitterHandler } from '../functions/handlers/committer.js';
import { createFetcherHandler } from '../functions/handlers/fetcher.js';
import { createPlannerHandler, type PlannerResult } from '../functions/handlers/planner.js';
import { drainQueue, type SqsHandler } from '../test/integration/support/lambda-queue-driver.js';
import { startSecretsManager } from '../test/integration/support/secrets-manager-server.js';
import { startDynalite } from '../test/support/dynalite.js';
import { elapsedSeconds } from './lib.js';
import { startSimulatorProcess } from './sim-process.js';

export interface PipelineRun {
  pages: number;
  latencyMs: number;
  concurrency: number;
  seconds: number;
  dataRequests: number;
  invocations: number;
  failedRecords: number;
  /** AWS calls by the planner, the fetchers and the queue driver, by service and command. */
  s3Calls: Record<string, number>;
  sqsCalls: Record<string, number>;
  secretsCalls: Record<string, number>;
}

const SOURCE = 'bench_adcloud';
const PAGE_SIZE = 200;

export async function pipelineRun(
  concurrency: number,
  latencyMs: number,
  pages: number,
): Promise<PipelineRun> {
  const savedEnv = { ...process.env };
  const fauxqs = buildApp({ logger: false, defaultRegion: 'eu-west-1' });
  const address = await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  const secrets = await startSecretsManager();
  const dynamo = await startDynalite();
  const simulator = await startSimulatorProcess('adcloud', { latencyMs, rowsPerDate: pages * PAGE_SIZE });
  try {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: address,
      AWS_ENDPOINT_URL_SQS: address,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    const s3 = new S3Client({ forcePathStyle: true });
    const sqs = new SQSClient({ endpoint: address });
    const bucket = 'rf-bench-lake';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const queue = await sqs.send(
      new CreateQueueCommand({ QueueName: 'rf-bench-tasks', Attributes: { VisibilityTimeout: '30' } }),
    );
    const queueUrl = queue.QueueUrl!;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const commitQueueUrl = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'rf-bench-commits', Attributes: { VisibilityTimeout: '300' } }),
      )
    ).QueueUrl!;
    const commitQueueArn = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: commitQueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes!.QueueArn!;
    const config = {
      name: SOURCE,
      connector: 'adcloud',
      baseUrl: simulator.url,
      timezone: 'UTC',
      concurrency,
    } as SourceConfig;
    const deployment: Deployment = {
      bucket,
      controlTable: await dynamo.table(),
      commitQueueUrl,
      sources: [
        {
          config,
          queueUrl,
          credentialsSecret: secrets.set(
            `report-fetcher/${SOURCE}/credentials`,
            JSON.stringify(simulator.credentials),
          ),
          tokenSecret: secrets.set(`report-fetcher/${SOURCE}/token`, '{}'),
        },
      ],
    };
    const env = {
      ...process.env,
      [DEPLOYMENT_ENV]: JSON.stringify(deployment),
      [FETCHER_SOURCE_ENV]: SOURCE,
    };
    const s3Calls: Record<string, number> = {};
    const sqsCalls: Record<string, number> = {};
    const counting = <T extends S3Client | SQSClient>(client: T, calls: Record<string, number>): T => {
      (client as S3Client).middlewareStack.add(
        (next, context) => (args) => {
          const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
          calls[name] = (calls[name] ?? 0) + 1;
          return next(args);
        },
        { step: 'initialize', name: 'benchCountCalls' },
      );
      return client;
    };
    const countingS3 = () => counting(new S3Client({ forcePathStyle: true }), s3Calls);
    const countingSqs = counting(new SQSClient({ endpoint: address }), sqsCalls);
    const secretsBefore = { ...secrets.calls };
    const planner = createPlannerHandler(env, { sqs: countingSqs, s3: countingS3() });
    // One handler per concurrent Lambda instance, each with its own (warm) runtime.
    const fetchers = Array.from(
      { length: concurrency },
      () => createFetcherHandler(env, { sqs: countingSqs, s3: countingS3() }) as unknown as SqsHandler,
    );
    const started = process.hrtime.bigint();
    const planned = (await planner({ source: SOURCE, from: '2026-11-01', to: '2026-11-01' }, {
      functionName: 'report-fetcher-planner',
      awsRequestId: 'bench',
    } as never)) as PlannerResult;
    if (planned.failedPartitions > 0) throw new Error('the planner failed a partition');
    const drained = await Promise.all(
      fetchers.map((handler) =>
        drainQueue({
          sqs: countingSqs,
          queueUrl,
          queueArn: Attributes!.QueueArn!,
          handler,
          batchSize: 1,
          visibilityTimeoutSeconds: 30,
          deadlineMs: 300_000,
        }),
      ),
    );
    // The committer (its own function deployed) commits the partition the fetchers completed.
    drained.push(
      await drainQueue({
        sqs: countingSqs,
        queueUrl: commitQueueUrl,
        queueArn: commitQueueArn,
        handler: createCommitterHandler(env, { sqs: countingSqs, s3: countingS3() }) as unknown as SqsHandler,
        visibilityTimeoutSeconds: 300,
        deadlineMs: 300_000,
      }),
    );
    const seconds = elapsedSeconds(started);
    const stats = await simulator.stats();
    return {
      pages,
      latencyMs,
      concurrency,
      seconds,
      dataRequests: stats.dataRequests,
      invocations: drained.reduce((n, d) => n + d.invocations, 0),
      failedRecords: drained.reduce((n, d) => n + d.failedRecords, 0),
      s3Calls,
      sqsCalls,
      secretsCalls: Object.fromEntries(
        Object.entries(secrets.calls).map(([name, n]) => [name, n - (secretsBefore[name] ?? 0)]),
      ),
    };
  } finally {
    process.env = savedEnv;
    await simulator.close();
    await secrets.close();
    await dynamo.stop();
    await fauxqs.close();
  }
}
