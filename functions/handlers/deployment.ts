import { z } from 'zod';
import { type ReportFetcherConfig, type SourceConfig, sourceSchema } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import { CONNECTORS } from '../connectors/index.js';
import type { RateLimit } from '../engine/http/rate-limiter.js';

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

const deployedSource = z.object({
  config: sourceSchema,
  queueUrl: z.string().min(1),
  credentialsSecret: z.string().min(1),
  tokenSecret: z.string().min(1),
});

const deploymentSchema = z.object({
  bucket: z.string().min(1),
  sources: z.array(deployedSource).min(1),
});

export type DeployedSource = z.infer<typeof deployedSource>;
export type Deployment = z.infer<typeof deploymentSchema>;

/** A source's config as it travels to the Lambda: local credential locations removed. */
export function deployableSourceConfig(source: SourceConfig): SourceConfig {
  const { credentials: _localOnly, ...rest } = source;
  return rest as SourceConfig;
}

/** Parses the environment variable, re-validating every source against its connector. */
export function readDeployment(env: NodeJS.ProcessEnv = process.env): Deployment {
  const raw = env[DEPLOYMENT_ENV];
  if (!raw) throw new Error(`environment variable ${DEPLOYMENT_ENV} is not set`);
  const deployment = deploymentSchema.parse(JSON.parse(raw));
  const config: ReportFetcherConfig = parseConfig(
    { sources: deployment.sources.map((s) => s.config) },
    DEPLOYMENT_ENV,
  );
  deployment.sources.forEach((source, i) => {
    source.config = config.sources[i]!;
  });
  return deployment;
}

/** How many fetchers of one source may run at once: the source's (or connector's) concurrency. */
export function fetcherConcurrency(source: SourceConfig): number {
  const connector = CONNECTORS[source.connector]!;
  return Math.max(MIN_EVENT_SOURCE_CONCURRENCY, source.concurrency ?? connector.maxConcurrency);
}

/**
 * Each concurrent fetcher gets an equal share of the source's rate limit, so together they stay
 * inside the vendor's limit although each limiter only sees its own requests.
 */
export function rateLimitShare(source: SourceConfig): RateLimit | undefined {
  const connector = CONNECTORS[source.connector]!;
  const limit: RateLimit | undefined = source.rateLimit
    ? { requests: source.rateLimit.requests, windowMs: source.rateLimit.windowSeconds * 1000 }
    : connector.rateLimit;
  if (!limit) return undefined;
  return { ...limit, requests: Math.max(1, Math.floor(limit.requests / fetcherConcurrency(source))) };
}
