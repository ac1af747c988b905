import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import type { LakeTable } from './lake-tables.js';
import { groupWithoutRenaming } from './logical-ids.js';

export interface AthenaWorkGroupProps {
  names: StageNames;
  /** Where the results bucket writes its server access logs (prefix `athena-results/`). */
  accessLogs: Bucket;
  /** A saved query ("<table>: last 7 days by source") is added for each. */
  tables: readonly LakeTable[];
  /** Athena refuses queries that would scan more than this (default 10 GiB). */
  bytesScannedCutoffPerQuery?: number;
}

/**
 * The stage's Athena workgroup: its configuration enforced (results in its own bucket, SSE-S3,
 * CloudWatch metrics, a per-query scan limit) and a saved query per table. The results bucket is
 * disposable: emptied and deleted with the stack, so a stack holding query results still deletes.
 */
export class AthenaWorkGroup extends Construct {
  readonly workGroup: CfnWorkGroup;
  readonly resultsBucket: Bucket;

  constructor(scope: Construct, id: string, props: AthenaWorkGroupProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    const { names } = props;
    this.resultsBucket = new Bucket(this, 'AthenaResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      // Query results are disposable: emptied and deleted with the stack (a non-empty bucket
      // would leave the stack in DELETE_FAILED).
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      lifecycleRules: [{ expiration: Duration.days(30) }],
    });
    this.acknowledgeAutoDeleteProvider();

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: names.workGroup,
      description: `Queries over the ${names.prefix} lake`,
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    for (const table of props.tables) {
      const query = new CfnNamedQuery(this, `Query-${table.name}`, {
        name: `${table.name}: last 7 days by source`,
        description: `Rows and first columns of ${table.name} for the last week`,
        database: names.glueDatabase,
        workGroup: this.workGroup.name,
        queryString: [
          `SELECT source, dt, count(*) AS row_count`,
          `FROM ${names.glueDatabase}.${table.name}`,
          `WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')`,
          `GROUP BY source, dt`,
          `ORDER BY dt DESC, source`,
        ].join('\n'),
      });
      query.addResourceDependency(this.workGroup);
    }
  }

  /** The provider behind autoDeleteObjects is CDK's own (one per stack); its findings are acknowledged on it alone. */
  private acknowledgeAutoDeleteProvider(): void {
    const provider = Stack.of(this).node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
    if (!provider) return;
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's auto-delete-objects provider only writes its logs with this AWS-managed policy.",
      },
      {
        id: 'AwsSolutions-L1',
        reason: "CDK's auto-delete-objects provider: its runtime is chosen by aws-cdk-lib, not by this app.",
      },
    );
  }
}
