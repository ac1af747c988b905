import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { loadConfigFile } from '../functions/config/load-config.js';
import { DEFAULT_STAGE, STAGE_PATTERN } from '../functions/deployment/index.js';
import { InputError } from '../functions/engine/index.js';
import { LakeStack } from '../lib/lake-stack.js';
import { PipelineStack } from '../lib/pipeline-stack.js';
import { reportFailure } from './cli-io.js';

/** The CloudFormation stack names of a stage (`cdk deploy <name>`, `cdk destroy <name>`). */
export function stackNames(stage: string): { lake: string; pipeline: string } {
  return { lake: `ReportFetcher-${stage}-Lake`, pipeline: `ReportFetcher-${stage}-Pipeline` };
}

/**
 * The CDK app of one stage, built from a report-fetcher config:
 * `npx cdk deploy --all -c stage=prod -c config=path/to/config.json` (defaults: stage dev, the
 * example config). Account and region come from the CLI's environment.
 */
export async function buildApp(
  app: App = new App(),
  options: {
    /** A config built in code instead of `-c config=` (tests). */
    config?: ReportFetcherConfig;
    /** Run cdk-nag at synth (default true; the 200-source quota test leaves it out for speed). */
    nag?: boolean;
  } = {},
): Promise<{ app: App; stage: string; lake: LakeStack; pipeline: PipelineStack }> {
  const configPath =
    (app.node.tryGetContext('config') as string | undefined) ?? 'report-fetcher.config.example.json';
  const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);
  if (!STAGE_PATTERN.test(stage))
    throw new InputError(
      `-c stage=${stage}: a stage is 1-10 lower-case letters and digits, starting with a letter`,
    );
  const config = options.config ?? (await loadConfigFile(configPath)).config;
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stacks = stackNames(stage);
  const lake = new LakeStack(app, stacks.lake, {
    env,
    config,
    stage,
    description: `report-fetcher data lake (stage ${stage})`,
  });
  const pipeline = new PipelineStack(app, stacks.pipeline, {
    env,
    config,
    stage,
    bucket: lake.bucket,
    description: `report-fetcher daily pipeline (stage ${stage})`,
  });
  pipeline.addStackDependency(lake, 'the pipeline writes to the lake bucket');
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stage, lake, pipeline };
}

/**
 * What `cdk synth` runs: the app synthesized, or a configuration or input it cannot deploy told in
 * one line (as the CLI tells it; the stack with REPORT_FETCHER_DEBUG=1) and a failing exit status.
 */
export async function synthesize(
  // Synthesized here or not at all: the CDK's own synth at exit (on when CDK_OUTDIR is set, as
  // under `cdk synth`) would write an empty assembly over cdk.out after a refused config.
  app: App = new App({ autoSynth: false }),
  stderr: { write(text: string): unknown } = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    (await buildApp(app)).app.synth();
    return 0;
  } catch (error) {
    return reportFailure('report-fetcher (cdk app)', error, stderr, env);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await synthesize();
