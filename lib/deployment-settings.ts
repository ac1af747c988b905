import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import {
  DEPLOYMENT_ENV,
  type DeploymentInput,
  SOURCES_FILE,
  sourcesFileOf,
} from '../functions/deployment/index.js';

export interface DeploymentSettingsProps {
  config: ReportFetcherConfig;
  stage: string;
  /** The lake bucket's name (a token is fine). */
  bucketName: string;
  /** The control table's name (a token is fine). */
  controlTableName: string;
}

/**
 * The CDK half of the settings contract (functions/deployment/deployment.ts). Every source's
 * settings go into one JSON file that is bundled next to each handler, so no environment
 * variable grows with the number of sources; the environment only says where things are.
 * The file changes the bundles' output hash, so a settings change redeploys the code.
 */
export class DeploymentSettings extends Construct {
  /** The environment every pipeline function gets (a few hundred bytes for any number of sources). */
  readonly environment: Record<string, string>;
  /** Where the file was written at synth (bundled next to each handler, see handler-code.ts). */
  readonly file: string;

  constructor(scope: Construct, id: string, props: DeploymentSettingsProps) {
    super(scope, id);
    const dir = join(Stage.of(this)!.outdir, 'report-fetcher-settings', props.stage);
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, SOURCES_FILE);
    writeFileSync(this.file, `${JSON.stringify(sourcesFileOf(props.config))}\n`);
    const deployment: DeploymentInput = {
      stage: props.stage,
      bucket: props.bucketName,
      controlTable: props.controlTableName,
      queueUrlPrefix: `https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/`,
      sourcesFile: SOURCES_FILE,
    };
    this.environment = { [DEPLOYMENT_ENV]: Stack.of(this).toJsonString(deployment) };
  }
}
