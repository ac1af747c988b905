import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoCommitGuard } from '../adapters/aws/dynamo-commit-guard.js';
import { DynamoLeaseStore } from '../adapters/aws/dynamo-lease.js';
import { DynamoPageTally } from '../adapters/aws/dynamo-page-tally.js';
import { DynamoRateBudgetStore } from '../adapters/aws/dynamo-rate-budget.js';
import { DynamoRunLedger } from '../adapters/aws/dynamo-run-ledger.js';
import { S3LakeStore } from '../adapters/aws/s3-lake-store.js';
import { S3StagingStore } from '../adapters/aws/s3-staging-store.js';
import { SecretsManagerTokenCache } from '../adapters/aws/secrets-manager-token-cache.js';
import { SqsTaskRouter } from '../adapters/aws/sqs-task-queue.js';
import { diskScratch } from '../adapters/local/disk-scratch.js';
import { toSourceSettings } from '../config/source-settings.js';
import { type DeployedSource, type Deployment, readDeployment } from '../deployment/index.js';
import {
  CredentialsError,
  credentialKeysOf,
  type EngineDeps,
  effectiveRateLimit,
  InputError,
  rateBudgetAccount,
  redact,
  registerSecret,
  SharedRateGate,
  SourceRuntime,
} from '../engine/index.js';

/** Credentials change rarely; re-read them every five minutes per warm container. */
const CREDENTIALS_MAX_AGE_SECONDS = 300;

/**
 * Powertools logger whose every string passes through the engine's redaction: registered
 * secret values (credentials, tokens) and credential-carrying URL parameters never reach a log.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({
    serviceName,
    jsonReplacerFn: (_key, value) => (typeof value === 'string' ? redact(value) : value),
  });
}

/** Each stage publishes into its own namespace (`ReportFetcher/<stage>`, set by the CDK app). */
export function createMetrics(serviceName: string, env: NodeJS.ProcessEnv = process.env): Metrics {
  return new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'ReportFetcher', serviceName });
}

/** SDK clients to use instead of the default ones (tests wrap them to inject crashes). */
export interface AwsClients {
  s3?: S3Client;
  sqs?: SQSClient;
  secrets?: SecretsManagerClient;
  dynamo?: DynamoDBClient;
  /**
   * Retry and HTTP timing in place of the connector's (tests: injected faults then cost
   * milliseconds instead of production backoffs). Never set by the deployed handlers.
   */
  engine?: Pick<EngineDeps, 'retry' | 'http'>;
  /**
   * The handlers' time guard and wait reserve in place of the production ones (tests: a
   * vendor wait of seconds then outlasts an invocation). Never set by the deployed handlers.
   */
  timing?: { minTimeMs?: number; waitReserveMs?: number };
  /**
   * The clock of the planner (the snapshot date, the scheduled dates) and of commit claims in
   * place of the system's (tests: a fixed day that never crosses midnight, a claim's 16 minutes
   * passed without waiting). Never set by the deployed handlers.
   */
  now?: () => Date;
}

/**
 * What a warm Lambda container keeps between invocations: SDK clients, adapters and the parsed
 * deployment. Built lazily on first use so tests can set the environment first.
 */
export class AwsContext {
  readonly deployment: Deployment;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly secrets: SecretsManagerClient;
  readonly dynamo: DynamoDBClient;
  readonly deps: EngineDeps;
  readonly ledger: DynamoRunLedger;
  readonly commitGuard: DynamoCommitGuard;

  private readonly secretsProvider: SecretsProvider;
  private readonly runtimes = new Map<string, { runId: string; runtime: SourceRuntime }>();

  constructor(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = {}) {
    this.deployment = readDeployment(env);
    // Path-style addressing only matters for emulators; AWS accepts both.
    this.s3 = clients.s3 ?? new S3Client({ forcePathStyle: !!env.AWS_ENDPOINT_URL_S3 });
    this.sqs = clients.sqs ?? new SQSClient({});
    this.secrets = clients.secrets ?? new SecretsManagerClient({});
    this.dynamo = clients.dynamo ?? new DynamoDBClient({});
    this.secretsProvider = new SecretsProvider({ awsSdkV3Client: this.secrets });
    const { bucket, controlTable } = this.deployment;
    this.ledger = new DynamoRunLedger(this.dynamo, controlTable);
    const now = clients.now;
    this.commitGuard = new DynamoCommitGuard(
      this.dynamo,
      controlTable,
      now ? () => now().getTime() : undefined,
    );
    const rateBudget = new DynamoRateBudgetStore(this.dynamo, controlTable);
    this.deps = {
      ...clients.engine,
      staging: new S3StagingStore(this.s3, bucket),
      lake: new S3LakeStore(this.s3, bucket),
      // The commit's per-row key state spills to the function's /tmp (ephemeral storage).
      scratch: diskScratch(),
      tokenCache: new SecretsManagerTokenCache({
        secrets: this.secrets,
        leases: new DynamoLeaseStore(this.dynamo, controlTable),
        tokenSecrets: Object.fromEntries(this.deployment.sources.map((s) => [s.config.name, s.tokenSecret])),
      }),
      commitGuard: this.commitGuard,
      // Which pages are staged: one conditional write per page, read back by the committer.
      pageTally: new DynamoPageTally(this.dynamo, controlTable),
      // The planner and every fetcher container spend one budget per vendor account, each at
      // the full limit: the shared schedule keeps their sum under it.
      rateGate: (settings, limits) => {
        const limit = effectiveRateLimit(settings);
        return limit
          ? new SharedRateGate({
              account: rateBudgetAccount(settings),
              limit,
              store: rateBudget,
              maxVendorWaitMs: limits.maxVendorWaitSeconds * 1000,
            })
          : undefined;
      },
    };
  }

  source(name: string): DeployedSource {
    const source = this.deployment.sources.find((s) => s.config.name === name);
    if (!source) {
      throw new InputError(
        `unknown source "${name}" (deployed: ${this.deployment.sources.map((s) => s.config.name).join(', ')})`,
      );
    }
    return source;
  }

  /** The source's tasks: pages to its own queue, commits to the stage's commit queue. */
  queue(name: string): SqsTaskRouter {
    return new SqsTaskRouter(this.sqs, this.source(name).queueUrl, this.deployment.commitQueueUrl);
  }

  /** The source's credentials from its secret: a JSON object with the connector's keys. */
  async credentials(source: DeployedSource): Promise<Record<string, string>> {
    const value = (await this.secretsProvider.get(source.credentialsSecret, {
      transform: 'json',
      maxAge: CREDENTIALS_MAX_AGE_SECONDS,
    })) as Record<string, unknown> | undefined;
    const settings = toSourceSettings(source.config, {});
    const keys = credentialKeysOf(settings.connector.auth);
    const credentials: Record<string, string> = {};
    const missing: string[] = [];
    for (const key of keys) {
      const v = value?.[key];
      if (typeof v === 'string' && v !== '') {
        registerSecret(v);
        credentials[key] = v;
      } else missing.push(key);
    }
    if (missing.length > 0) {
      throw new CredentialsError(
        `the credentials secret of "${source.config.name}" lacks ${missing.join(', ')} (it must be a JSON object with keys ${keys.join(', ')})`,
        { source: source.config.name },
      );
    }
    return credentials;
  }

  /**
   * One runtime per source and run in this container: the rate limiter and token survive across
   * messages of a run, while per-run memos (slice lists) do not leak into the next day's run.
   * `withCredentials: false` (the committer) never reads the credentials secret: a commit only
   * reads staging and writes the lake, and its role may not read secrets.
   */
  async runtime(name: string, runId: string, { withCredentials = true } = {}): Promise<SourceRuntime> {
    const cached = this.runtimes.get(name);
    if (cached?.runId === runId) return cached.runtime;
    const source = this.source(name);
    const settings = toSourceSettings(source.config, withCredentials ? await this.credentials(source) : {});
    const runtime = new SourceRuntime(settings, this.deps);
    this.runtimes.set(name, { runId, runtime });
    return runtime;
  }
}

export function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}
