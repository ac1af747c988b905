import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnvName } from '../../functions/config/credentials.js';
import { loadConfigFile } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { deployableSourceConfig } from '../../functions/deployment/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { PartitionResult } from '../../functions/engine/run/local-runner.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import { runLocal } from '../../functions/local/local-run.js';
import { simulatorFor, startDemoSimulators } from '../simulators/demo-simulators.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { fingerprint, readPartition, tempDir } from '../support/lake.js';
import { type AwsHarness, type DeployedSourceInput, startAwsHarness } from './support/aws-harness.js';
import { countMessages } from './support/lambda-queue-driver.js';

/**
 * The deployed pipeline and the local CLI are the same engine with different adapters, so for
 * every configured source of every connector they must write the same lake. This runs the demo
 * config both ways against the same simulators (the AWS way through the scheduled `{source}`
 * event) and compares every partition row for row.
 */
const BUCKET = 'rf-parity';
let aws: AwsHarness;
let simulators: Record<string, SimulatorHandle>;
let work: { path: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'WARN' });
  simulators = await startDemoSimulators();
  work = await tempDir('rf-parity-');
});

afterAll(async () => {
  await Promise.all(Object.values(simulators ?? {}).map((s) => s.close()));
  await aws?.stop();
  await work?.cleanup();
});

const canonicalRows = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('AWS pipeline and local CLI write the same lake', () => {
  it('for every source of the demo config (every connector)', async () => {
    const { config, dir } = await loadConfigFile('config/demo.config.json');
    const env: NodeJS.ProcessEnv = {};
    for (const source of config.sources) {
      const simulator = simulatorFor(simulators, source);
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
    const deployed: DeployedSourceInput[] = [];
    for (const source of config.sources) {
      const resources = await aws.createSourceResources({
        name: `parity-${source.name}`,
        credentials: simulatorFor(simulators, source)!.credentials,
        visibilityTimeoutSeconds: 5,
      });
      deployed.push({ config: deployableSourceConfig(source), ...resources });
    }
    // The planner's clock is the local run's: the same scheduled dates and snapshot day, even
    // when the test runs across midnight.
    const deployment = await aws.deploy({ bucket: BUCKET, sources: deployed, now: () => now });
    for (const entry of deployed) {
      const name = entry.config.name!;
      // Exactly the payload the EventBridge schedule sends.
      const planned = await deployment.plan({ source: name }, { awsRequestId: name });
      expect(planned.failedPartitions).toBe(0);
      const stats = await deployment.drain(name, { batchSize: 5, deadlineMs: 120_000 });
      expect(stats.failedRecords, name).toBe(0);
      expect(await countMessages(aws.sqs, entry.deadLetterUrl)).toBe(0);
    }

    // Same partitions, same rows.
    const lakeKeys = (await aws.listKeys(BUCKET)).filter((k) => !k.startsWith('_'));
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
      const fromAws = await readPartition(await aws.download(BUCKET, key), report.schema);
      const fromLocal = await readPartition(join(work.path, 'local', key), report.schema);
      expect(fromAws.length, key).toBe(result.rows);
      expect(fingerprint(fromAws, report.schema), key).toEqual(fingerprint(fromLocal, report.schema));
      expect(canonicalRows(fromAws), key).toEqual(canonicalRows(fromLocal));
    }
  }, 180_000);
});
