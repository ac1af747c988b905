import { Aws, CustomResource, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { CONNECTORS } from '../functions/connectors/index.js';
import type { SecretToEnsure, StageNames } from '../functions/deployment/index.js';
import { credentialKeysOf } from '../functions/engine/index.js';
import { acknowledgeWildcards } from './nag.js';
import { ReportFetcherFunction } from './report-fetcher-function.js';

export interface CredentialsSecretsProps {
  config: ReportFetcherConfig;
  names: StageNames;
  logRetention: RetentionDays;
}

/** The secrets a source needs: its credentials (the connector's keys, empty) and its token cache. */
export function secretsOf(config: ReportFetcherConfig, names: StageNames): SecretToEnsure[] {
  return config.sources.flatMap((source) => {
    const keys = credentialKeysOf(CONNECTORS[source.connector]!.auth);
    return [
      {
        name: names.credentialsSecret(source.name),
        description: `Vendor credentials of source ${source.name} (${source.connector}): JSON with ${keys.join(', ')}`,
        initialValue: JSON.stringify(Object.fromEntries(keys.map((k) => [k, '']))),
      },
      {
        name: names.tokenSecret(source.name),
        description: `Cached access token of source ${source.name}; written by the pipeline`,
        initialValue: '{}',
      },
    ];
  });
}

/**
 * Makes sure every source's credentials and token secrets exist, created empty, and never
 * touches them again: not on a later deploy (CloudFormation's own secret resource regenerates a
 * GenerateSecretString value whenever that template changes, wiping the real credentials), and
 * not on destroy or source rename (the secrets outlive the stack, so a redeploy finds them by
 * name). One custom resource for all sources; see functions/handlers/credentials-secrets.ts.
 */
export class CredentialsSecrets extends Construct {
  readonly secrets: SecretToEnsure[];

  constructor(scope: Construct, id: string, props: CredentialsSecretsProps) {
    super(scope, id);
    const { names } = props;
    this.secrets = secretsOf(props.config, names);
    const provider = new ReportFetcherFunction(this, 'Provider', {
      names,
      functionName: `${names.prefix}-ensure-secrets`,
      entry: 'credentials-secrets.ts',
      description: 'Creates missing source secrets (empty); never updates or deletes one',
      timeout: Duration.minutes(5),
      memorySize: 256,
      logRetention: props.logRetention,
    });
    provider.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:CreateSecret'],
        resources: [
          `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${names.secretPrefix}/*`,
        ],
      }),
    );
    acknowledgeWildcards(provider, [
      {
        pattern: /^Resource::arn:<AWS::Partition>:secretsmanager:.*:secret:report-fetcher\/[a-z0-9]+\/\*$/,
        reason:
          "Creates the secrets of this stage's sources (report-fetcher/<stage>/<source>/...); CreateSecret only, so it can neither read nor change an existing secret.",
      },
    ]);
    new CustomResource(this, 'Secrets', {
      serviceToken: provider.function.functionArn,
      resourceType: 'Custom::ReportFetcherSecrets',
      properties: { Secrets: this.secrets },
    });
  }
}
