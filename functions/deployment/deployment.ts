import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as z from 'zod';
import { type ReportFetcherConfig, type SourceConfig, sourceSchema } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import { CONNECTORS } from '../connectors/index.js';
import { ConfigError } from '../engine/index.js';
import { STAGE_PATTERN, stageNames } from './stage-names.js';

/**
 * The contract between the CDK app and the Lambdas. One small environment variable, the same
 * size whatever the number of sources: the stage, the bucket, where queues are, and the file
 * (bundled with the function code, see lib/deployment-settings.ts) holding every source's
 * settings. Tests may inline the sources instead. Never a secret: credentials live in Secrets
 * Manager and are read at run time.
 */
export const DEPLOYMENT_ENV = 'REPORT_FETCHER_DEPLOYMENT';

/** The name of the source a fetcher serves (one fetcher function per source and queue). */
export const FETCHER_SOURCE_ENV = 'REPORT_FETCHER_SOURCE';

/** The file, next to the bundled handler, with the deployed sources' settings. */
export const SOURCES_FILE = 'report-fetcher-sources.json';

/** The AWS floor for an SQS event source's maximum concurrency. */
export const MIN_EVENT_SOURCE_CONCURRENCY = 2;

/** Lambda environments hold at most 4 KB in total (all variables, names included). */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

const deployedSource = z.object({
  config: sourceSchema,
  queueUrl: z.string().min(1).optional(),
  credentialsSecret: z.string().min(1).optional(),
  tokenSecret: z.string().min(1).optional(),
});

const deploymentSchema = z
  .strictObject({
    stage: z.string().regex(STAGE_PATTERN).optional(),
    bucket: z.string().min(1),
    /** The DynamoDB control table (rate budgets, token leases, run ledger, commit fences). */
    controlTable: z.string().min(3),
    /** `https://sqs.<region>.<suffix>/<account>/`: a source's queue URL is this plus its queue name. */
    queueUrlPrefix: z.string().optional(),
    /** The commit-task queue's URL; default: queueUrlPrefix plus its name (stageNames().commitQueue). */
    commitQueueUrl: z.string().min(1).optional(),
    /** The sources inline (tests), or ... */
    sources: z.array(deployedSource).min(1).optional(),
    /** ... a JSON file `{ "sources": [...] }`, relative to the function code (LAMBDA_TASK_ROOT). */
    sourcesFile: z.string().min(1).optional(),
  })
  .refine((d) => (d.sources === undefined) !== (d.sourcesFile === undefined), {
    message: 'give either "sources" or "sourcesFile"',
  });

const sourcesFileSchema = z.strictObject({ sources: z.array(deployedSource).min(1) });

/** What the CDK app writes into the environment (or a test inlines). */
export type DeploymentInput = z.input<typeof deploymentSchema>;
/** The bundled settings file. */
export type SourcesFile = z.input<typeof sourcesFileSchema>;

export interface DeployedSource {
  config: SourceConfig;
  queueUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
}

/** What the Lambdas use: every name resolved. */
export interface Deployment {
  stage?: string;
  bucket: string;
  controlTable: string;
  /** Where commit-partition tasks go (the committer's queue, one per stage). */
  commitQueueUrl: string;
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

/** The bundled settings file's content for a config (written at synth by the CDK app). */
export function sourcesFileOf(config: ReportFetcherConfig): SourcesFile {
  return { sources: config.sources.map((s) => ({ config: deployableSourceConfig(s) as SourceConfig })) };
}

function readSourcesFile(file: string, env: NodeJS.ProcessEnv): z.infer<typeof deployedSource>[] {
  const path = isAbsolute(file) ? file : join(env.LAMBDA_TASK_ROOT ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${DEPLOYMENT_ENV}: cannot read the sources file ${path}: ${(error as Error).message}`,
    );
  }
  return sourcesFileSchema.parse(JSON.parse(text)).sources;
}

/** Parses the environment variable (and the sources file), re-validating every source. */
export function readDeployment(env: NodeJS.ProcessEnv = process.env): Deployment {
  const raw = env[DEPLOYMENT_ENV];
  if (!raw) throw new ConfigError(`environment variable ${DEPLOYMENT_ENV} is not set`);
  const parsed = deploymentSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new ConfigError(
      `${DEPLOYMENT_ENV}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const input = parsed.data;
  const sources = input.sources ?? readSourcesFile(input.sourcesFile!, env);
  const names = stageNames(input.stage);
  const config: ReportFetcherConfig = parseConfig({ sources: sources.map((s) => s.config) }, DEPLOYMENT_ENV);
  const commitQueueUrl =
    input.commitQueueUrl ??
    (input.queueUrlPrefix ? `${input.queueUrlPrefix}${names.commitQueue}` : undefined);
  if (!commitQueueUrl)
    throw new ConfigError(`${DEPLOYMENT_ENV}: there is no commitQueueUrl and no queueUrlPrefix`);
  return {
    stage: input.stage,
    bucket: input.bucket,
    controlTable: input.controlTable,
    commitQueueUrl,
    sources: sources.map((source, i) => {
      const name = config.sources[i]!.name;
      const queueUrl =
        source.queueUrl ?? (input.queueUrlPrefix ? `${input.queueUrlPrefix}${names.queue(name)}` : undefined);
      if (!queueUrl)
        throw new ConfigError(
          `${DEPLOYMENT_ENV}: source "${name}" has no queue URL and there is no queueUrlPrefix`,
        );
      return {
        config: config.sources[i]!,
        queueUrl,
        credentialsSecret: source.credentialsSecret ?? names.credentialsSecret(name),
        tokenSecret: source.tokenSecret ?? names.tokenSecret(name),
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
