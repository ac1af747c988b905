import { Aws } from 'aws-cdk-lib';
import type { CfnDatabase } from 'aws-cdk-lib/aws-glue';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import type { LakeTable } from './lake-tables.js';
import { groupWithoutRenaming } from './logical-ids.js';
import { acknowledgeWildcards } from './nag.js';

export interface AnalystPolicyProps {
  names: StageNames;
  /** The lake bucket: read access to the tables' folders only. */
  bucket: IBucket;
  /** The workgroup's results bucket: analysts' queries write and read their results there. */
  resultsBucket: IBucket;
  tables: readonly LakeTable[];
  /** The policy is created after the database it grants on. */
  database: CfnDatabase;
}

/**
 * What an analyst needs to query the lake and nothing more, as one managed policy
 * (`report-fetcher-<stage>-analyst`): queries in the stage's workgroup, read access to the
 * stage's Glue database and tables, and read access to the lake tables' folders (not staging,
 * runs or commit records).
 */
export class AnalystPolicy extends Construct {
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: AnalystPolicyProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    const { names, bucket, resultsBucket } = props;
    const glue = (resource: string) =>
      `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    this.policy = new ManagedPolicy(this, 'AnalystPolicy', {
      managedPolicyName: names.analystPolicy,
      description: `Query the ${names.prefix} lake with Athena (workgroup ${names.workGroup})`,
      statements: [
        new PolicyStatement({
          actions: [
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:GetQueryResultsStream',
            'athena:ListQueryExecutions',
            'athena:GetWorkGroup',
            'athena:ListNamedQueries',
            'athena:GetNamedQuery',
            'athena:BatchGetNamedQuery',
            'athena:BatchGetQueryExecution',
          ],
          resources: [
            `arn:${Aws.PARTITION}:athena:${Aws.REGION}:${Aws.ACCOUNT_ID}:workgroup/${names.workGroup}`,
          ],
        }),
        new PolicyStatement({
          actions: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartition',
            'glue:GetPartitions',
          ],
          resources: [
            glue('catalog'),
            glue(`database/${names.glueDatabase}`),
            glue(`table/${names.glueDatabase}/*`),
          ],
        }),
        new PolicyStatement({
          actions: ['s3:GetObject'],
          resources: props.tables.map((t) => bucket.arnForObjects(`${t.folder}/*`)),
        }),
        new PolicyStatement({
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [bucket.bucketArn, resultsBucket.bucketArn],
        }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          resources: [resultsBucket.arnForObjects('*')],
        }),
      ],
    });
    this.policy.node.addDependency(props.database);
    acknowledgeWildcards(this.policy, [
      {
        pattern: /^Resource::arn:<AWS::Partition>:glue:.*:table\/report_fetcher_[a-z0-9]+\/\*$/,
        reason: "Every table of this stage's Glue database (the tables change with the config).",
      },
      {
        pattern: /^Resource::<Data[A-Za-z0-9]+\.Arn>\/[a-z0-9_]+\/\*$/,
        reason: 'Every partition of one lake table (its folder); not staging, runs, locks or commit records.',
      },
      {
        pattern: /^Resource::<AthenaResults[A-Za-z0-9]+\.Arn>\/\*$/,
        reason: "The workgroup's own result bucket: Athena writes and reads each query's results there.",
      },
    ]);
  }
}
