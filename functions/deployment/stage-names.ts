import { ConfigError } from '../engine/index.js';

/**
 * A stage names one deployment (dev, prod, ...) of the same app in one account and region: it is
 * part of every physical name, so stages never share a resource. Short and without hyphens so
 * that `report-fetcher-<stage>-*` patterns in IAM cannot match another stage's names.
 */
export const STAGE_PATTERN = /^[a-z][a-z0-9]{0,9}$/;

/** The stage `cdk deploy` and `backfill --deployed` use when none is given. */
export const DEFAULT_STAGE = 'dev';

/** Every physical name of a stage, derived in one place for the CDK app and the Lambdas. */
export interface StageNames {
  stage: string | undefined;
  /** `report-fetcher-<stage>`: functions, queues, workgroup, alarms, log groups. */
  prefix: string;
  /** `report-fetcher/<stage>`: secrets (Secrets Manager names are paths). */
  secretPrefix: string;
  /** `report_fetcher_<stage>`: Glue accepts no hyphens. */
  glueDatabase: string;
  workGroup: string;
  plannerFunction: string;
  fetcherFunction(source: string): string;
  /** The stage's committer: commits complete partitions, one per invocation. */
  committerFunction: string;
  queue(source: string): string;
  /** The stage's commit-task queue (source names are lower_snake, so no source queue can take it). */
  commitQueue: string;
  credentialsSecret(source: string): string;
  tokenSecret(source: string): string;
  logGroup(functionName: string): string;
  alarm(name: string): string;
  dashboard: string;
  /** Managed policy for analysts (Athena workgroup, Glue read, lake read). */
  analystPolicy: string;
  metricsNamespace: string;
}

/** The names of a stage; without a stage, the stage-less names of in-process tests. */
export function stageNames(stage?: string): StageNames {
  if (stage !== undefined && !STAGE_PATTERN.test(stage))
    throw new ConfigError(`stage "${stage}" must match ${STAGE_PATTERN} (it is part of every AWS name)`);
  const prefix = stage ? `report-fetcher-${stage}` : 'report-fetcher';
  const secretPrefix = stage ? `report-fetcher/${stage}` : 'report-fetcher';
  return {
    stage,
    prefix,
    secretPrefix,
    glueDatabase: prefix.replaceAll('-', '_'),
    workGroup: prefix,
    plannerFunction: `${prefix}-planner`,
    // "fetch-" keeps a source named "planner" apart from the planner.
    fetcherFunction: (source) => `${prefix}-fetch-${source}`,
    committerFunction: `${prefix}-committer`,
    queue: (source) => `${prefix}-${source}`,
    commitQueue: `${prefix}-commit-tasks`,
    credentialsSecret: (source) => `${secretPrefix}/${source}/credentials`,
    tokenSecret: (source) => `${secretPrefix}/${source}/token`,
    logGroup: (functionName) => `/aws/lambda/${functionName}`,
    alarm: (name) => `${prefix}-${name}`,
    dashboard: prefix,
    analystPolicy: `${prefix}-analyst`,
    metricsNamespace: stage ? `ReportFetcher/${stage}` : 'ReportFetcher',
  };
}
