import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfigFile } from '../functions/config/load-config.js';
import { LakeStack, lakeBucketName } from '../lib/lake-stack.js';
import { PipelineStack } from '../lib/pipeline-stack.js';

/**
 * The CDK app, built from a report-fetcher config: `npx cdk synth -c config=path/to/config.json`
 * (default: the example config). Account and region come from the CLI's environment.
 */
export async function buildApp(
  app: App = new App(),
): Promise<{ app: App; lake: LakeStack; pipeline: PipelineStack }> {
  const configPath =
    (app.node.tryGetContext('config') as string | undefined) ?? 'report-fetcher.config.example.json';
  const { config } = await loadConfigFile(configPath);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const lake = new LakeStack(app, 'ReportFetcherLake', {
    env,
    config,
    description: 'report-fetcher data lake',
  });
  const pipeline = new PipelineStack(app, 'ReportFetcherPipeline', {
    env,
    config,
    bucketName: lakeBucketName(),
    description: 'report-fetcher daily pipeline',
  });
  pipeline.addStackDependency(lake, 'the pipeline writes to the lake bucket');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, lake, pipeline };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { app } = await buildApp();
  app.synth();
}
