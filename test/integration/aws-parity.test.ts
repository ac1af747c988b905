import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultEnvName } from '../../functions/config/credentials.js';
import { loadConfigFile } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { PartitionResult } from '../../functions/engine/run/local-runner.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import {
  DEPLOYMENT_ENV,
  type DeploymentInput,
  deployableSourceConfig,
  FETCHER_SOURCE_ENV,
} from '../../functions/handlers/deployment.js';
import { createFetcherHandler } from '../../functions/handlers/fetcher.js';
import { createPlannerHandler, type PlannerResult } from '../../functions/handlers/planner.js';
import { runLocal } from '../../functions/local/local-run.js';
import { startDemoSimulators } from '../simulators/demo-simulators.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { fingerprint, readPartition, tempDir } from '../support/lake.js';
import { countMessages, drainQueue, type SqsHandler } from './support/lambda-queue-driver.js';
import { type SecretsManagerServer, startSecretsManager } from './support/secrets-manager-server.js';

/**
 * The deployed pipeline and the local CLI are the same engine with different adapters, so for
 * every configured source of every connector they must write the same lake. This runs the demo
 * config both ways against the same simulators (the AWS way through the scheduled `{source}`
 * event) and compares every partition row for row.
 */
const BUCKET = 'rf-parity';
let fauxqs: ReturnType<typeof buildApp>;
let secrets: SecretsManagerServer;
let simulators: Record<string, SimulatorHandle>;
let s3: S3Client;
let sqs: SQSClient;
let work: { path: string; cleanup: () => Promise<void> };
const savedEnv = { ...process.env };

beforeAll(async () => {
  fauxqs = buildApp({ logger: false, defaultRegion: 'eu-west-1' });
  const endpoint = await fauxqs.listen({ host: '127.0.0.1', port: 0 });
  secrets = await startSecretsManager();
  simulators = await startDemoSimulators();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    POWERTOOLS_LOG_LEVEL: 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  s3 = new S3Client({ endpoint, forcePathStyle: true });
  sqs = new SQSClient({ endpoint });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  work = await tempDir('rf-parity-');
  // Powertools writes JSON lines; keep them out of the test output.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) =>
      String(chunk).startsWith('{') ? true : write(chunk, ...(rest as [])),
    );
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  await Promise.all(Object.values(simulators ?? {}).map((s) => s.close()));
  await secrets?.close();
  await fauxqs?.close();
  await work?.cleanup();
});

async function download(key: string, file: string): Promise<void> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  await writeFile(file, await object.Body!.transformToByteArray());
}

const canonicalRows = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('AWS pipeline and local CLI write the same lake', () => {
  it('for every source of the demo config (every connector)', async () => {
    const { config, dir } = await loadConfigFile('config/demo.config.json');
    const env: NodeJS.ProcessEnv = {};
    for (const source of config.sources) {
      const simulator = simulators[source.connector];
      expect(simulator, `a simulator for ${source.connector}`).toBeDefined();
      source.baseUrl = simulator!.url;
      for (const key of credentialKeysOf(CONNECTORS[source.connector]!.auth)) {
        env[defaultEnvName(source.name, key)] = simulator!.credentials[key];
      }
    }
    const now = new Date();
    const local = await runLocal({
      config,
      configDir: dir,
      outDir: join(work.path, 'local'),
      stateDir: join(work.path, 'state'),
      env,
      now,
    });
    expect(local.filter((r) => r.status !== 'written')).toEqual([]);
    // Every connector and every source contributes partitions, some of them with rows.
    expect(new Set(local.map((r) => r.source))).toEqual(new Set(config.sources.map((s) => s.name)));
    expect(local.reduce((n, r) => n + r.rows, 0)).toBeGreaterThan(1000);

    // The AWS side: what the stacks create, made in the emulators, one queue + fetcher per source.
    const deployed: DeploymentInput['sources'] = [];
    for (const source of config.sources) {
      const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `parity-dlq-${source.name}` }));
      const dlqArn = await queueArn(dlq.QueueUrl!);
      const queue = await sqs.send(
        new CreateQueueCommand({
          QueueName: `parity-${source.name}`,
          Attributes: {
            VisibilityTimeout: '5',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '3' }),
          },
        }),
      );
      const credentials = simulators[source.connector]!.credentials;
      deployed.push({
        config: deployableSourceConfig(source) as never,
        queueUrl: queue.QueueUrl!,
        credentialsSecret: secrets.set(`parity/${source.name}/credentials`, JSON.stringify(credentials)),
        tokenSecret: secrets.set(`parity/${source.name}/token`, '{}'),
      });
    }
    const environment = (sources: DeploymentInput['sources'], extra: NodeJS.ProcessEnv = {}) => ({
      ...process.env,
      [DEPLOYMENT_ENV]: JSON.stringify({ bucket: BUCKET, sources } satisfies DeploymentInput),
      ...extra,
    });
    const planner = createPlannerHandler(environment(deployed), { sqs });
    for (const entry of deployed) {
      const name = entry.config.name!;
      // Exactly the payload the EventBridge schedule sends.
      const planned = (await planner({ source: name }, { awsRequestId: name } as never)) as PlannerResult;
      expect(planned.failedPartitions).toBe(0);
      const fetcher = createFetcherHandler(environment([entry], { [FETCHER_SOURCE_ENV]: name }), { sqs });
      const stats = await drainQueue({
        sqs,
        queueUrl: entry.queueUrl!,
        queueArn: await queueArn(entry.queueUrl!),
        handler: fetcher as unknown as SqsHandler,
        batchSize: 5,
        deadlineMs: 120_000,
      });
      expect(stats.failedRecords, name).toBe(0);
      expect(await countMessages(sqs, entry.queueUrl!.replace(`parity-${name}`, `parity-dlq-${name}`))).toBe(
        0,
      );
    }

    // Same partitions, same rows.
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 1000 }));
    const lakeKeys = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => !k.startsWith('_'));
    const expectedKeys = local.map((r: PartitionResult) => {
      const source = config.sources.find((s) => s.name === r.source)!;
      return partitionObjectKey({ table: r.table, source: r.source, date: r.date }, source.format);
    });
    expect(lakeKeys.sort()).toEqual(expectedKeys.sort());
    for (const result of local) {
      const source = config.sources.find((s) => s.name === result.source)!;
      const connector = CONNECTORS[source.connector]!;
      const report = Object.values(connector.reports).find((r) => r.table === result.table)!;
      const key = partitionObjectKey(
        { table: result.table, source: result.source, date: result.date },
        source.format,
      );
      const file = join(work.path, key.replaceAll('/', '_'));
      await download(key, file);
      const fromAws = await readPartition(file, report.schema);
      const fromLocal = await readPartition(join(work.path, 'local', key), report.schema);
      expect(fromAws.length, key).toBe(result.rows);
      expect(fingerprint(fromAws, report.schema), key).toEqual(fingerprint(fromLocal, report.schema));
      expect(canonicalRows(fromAws), key).toEqual(canonicalRows(fromLocal));
    }
  }, 180_000);
});

async function queueArn(url: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}
