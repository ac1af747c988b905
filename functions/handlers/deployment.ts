import * as z from 'zod';
import { type ReportFetcherConfig, type SourceConfig, sourceSchema } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import { CONNECTORS } from '../connectors/index.js';

/**
 * The contract between the CDK app and the Lambdas: one JSON environment variable built from
 * the config at synth time. It holds the source settings and where each source's resources are,
 * never a secret (credentials live in Secrets Manager and are read at run time).
 */
export const DEPLOYMENT_ENV = 'REPORT_FETCHER_DEPLOYMENT';

/** The name of the source a fetcher serves (one fetcher function per source and queue). */
export const FETCHER_SOURCE_ENV = 'REPORT_FETCHER_SOURCE';

/** The AWS floor for an SQS event source's maximum concurrency. */
export const MIN_EVENT_SOURCE_CONCURRENCY = 2;

/**
 * Lambda environments hold at most 4 KB in total. The planner's carries every source, so the
 * names of queues and secrets are derived from the source name instead of being spelled out,
 * and settings equal to their defaults are left out; explicit values remain possible (tests).
 */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

export function queueName(source: string): string {
  return `report-fetcher-${source}`;
}
export function credentialsSecretName(source: string): string {
  return `report-fetcher/${source}/credentials`;
}
export function tokenSecretName(source: string): string {
  return `report-fetcher/${source}/token`;
}

const deployedSource = z.object({
  config: sourceSchema,
  queueUrl: z.string().min(1).optional(),
  credentialsSecret: z.string().min(1).optional(),
  tokenSecret: z.string().min(1).optional(),
});

const deploymentSchema = z.object({
  bucket: z.string().min(1),
  /** The DynamoDB control table (rate budgets, token leases, run ledger, commit fences). */
  controlTable: z.string().min(3),
  /** `https://sqs.<region>.<suffix>/<account>/`: a source's queue URL is this plus queueName(). */
  queueUrlPrefix: z.string().optional(),
  sources: z.array(deployedSource).min(1),
});

/** What the CDK app writes into the environment. */
export type DeploymentInput = z.input<typeof deploymentSchema>;

export interface DeployedSource {
  config: SourceConfig;
  queueUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
}

/** What the Lambdas use: every name resolved. */
export interface Deployment {
  bucket: string;
  controlTable: string;
  sources: DeployedSource[];
}

/**
 * A source's config as it travels to the Lambda: local credential locations and the schedule
 * (the scheduler's business) removed, and values equal to their defaults left out.
 */
export function deployableSourceConfig(source: SourceConfig): Partial<SourceConfig> {
  const defaults = sourceSchema.parse({ name: source.name, connector: source.connector }) as Record<
    string,
    unknown
  >;
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'credentials' || key === 'schedule' || value === undefined) continue;
    if (key !== 'name' && key !== 'connector' && JSON.stringify(value) === JSON.stringify(defaults[key]))
      continue;
    compact[key] = value;
  }
  return compact as Partial<SourceConfig>;
}

/** Parses the environment variable, re-validating every source against its connector. */
export function readDeployment(env: NodeJS.ProcessEnv = process.env): Deployment {
  const raw = env[DEPLOYMENT_ENV];
  if (!raw) throw new Error(`environment variable ${DEPLOYMENT_ENV} is not set`);
  const input = deploymentSchema.parse(JSON.parse(raw));
  const config: ReportFetcherConfig = parseConfig(
    { sources: input.sources.map((s) => s.config) },
    DEPLOYMENT_ENV,
  );
  return {
    bucket: input.bucket,
    controlTable: input.controlTable,
    sources: input.sources.map((source, i) => {
      const name = config.sources[i]!.name;
      const queueUrl =
        source.queueUrl ?? (input.queueUrlPrefix ? `${input.queueUrlPrefix}${queueName(name)}` : undefined);
      if (!queueUrl)
        throw new Error(
          `${DEPLOYMENT_ENV}: source "${name}" has no queue URL and there is no queueUrlPrefix`,
        );
      return {
        config: config.sources[i]!,
        queueUrl,
        credentialsSecret: source.credentialsSecret ?? credentialsSecretName(name),
        tokenSecret: source.tokenSecret ?? tokenSecretName(name),
      };
    }),
  };
}

/** What a planner run planned: `_runs/<run>/<source>.json`. */
export function runManifestKey(runId: string, source: string): string {
  return `_runs/${runId}/${source}.json`;
}

/**
 * What became of one partition of a run: `_runs/<run>/<source>/<table>/dt=<date>.json`, written
 * by the commit. Partitions in the manifest without an outcome are still running or failed
 * (their pages are in the DLQ).
 */
export function runOutcomeKey(runId: string, source: string, table: string, date: string): string {
  return `_runs/${runId}/${source}/${table}/dt=${date}.json`;
}

/** How many fetchers of one source may run at once: the source's (or connector's) concurrency. */
export function fetcherConcurrency(source: SourceConfig): number {
  const connector = CONNECTORS[source.connector]!;
  return Math.max(MIN_EVENT_SOURCE_CONCURRENCY, source.concurrency ?? connector.maxConcurrency);
}
