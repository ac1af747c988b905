import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { type StageNames, stageNames } from '../functions/handlers/deployment.js';
import { type LakeTable, lakeTables } from './lake-tables.js';
import { acknowledgeWildcards } from './nag.js';

export interface LakeStackProps extends StackProps {
  config: ReportFetcherConfig;
  /** The stage (dev, prod, ...): part of every physical name. */
  stage: string;
  /** Days staged pages are kept (they are only needed until their partition is committed). */
  stagingExpiryDays?: number;
  /** Days a replaced or deleted lake object stays recoverable as a noncurrent version (default 30). */
  noncurrentVersionExpiryDays?: number;
  /** Athena refuses queries that would scan more than this (default 10 GiB). */
  bytesScannedCutoffPerQuery?: number;
}

/** Partition projection's earliest date: backfills before it are not visible in Athena. */
const PROJECTION_START = '2015-01-01';
/**
 * Partition projection's last date. Report dates are in the source's time zone, which runs up to
 * 14 hours ahead of UTC (Pacific/Kiritimati): `NOW` (UTC) would hide today's snapshot of a
 * source east of UTC until UTC midnight.
 */
export const PROJECTION_END = 'NOW+1DAYS';

const SERDES: Record<LakeTable['format'], CfnTable.StorageDescriptorProperty> = {
  parquet: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
  },
  ndjson: {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: {
      // The Hive JSON SerDe, not OpenX: Athena documents OpenX results as possibly non-deterministic.
      serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe',
      // The engine writes timestamps with Date.toISOString(): always UTC, always milliseconds.
      parameters: { 'timestamp.formats': "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" },
    },
  },
};

/**
 * The data lake of one stage: the bucket every source writes to (hive layout
 * `<table>/source=/dt=/`, versioned), a Glue table per connector report with partition
 * projection (no crawlers, no MSCK), an Athena workgroup with its own result bucket and a
 * per-query scan limit, and a managed policy for analysts.
 */
export class LakeStack extends Stack {
  readonly names: StageNames;
  readonly bucket: Bucket;
  readonly resultsBucket: Bucket;
  readonly workGroup: CfnWorkGroup;
  readonly tables: LakeTable[];
  readonly analystPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: LakeStackProps) {
    super(scope, id, props);
    const names = stageNames(props.stage);
    this.names = names;
    const glueDatabase = names.glueDatabase;
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    // No fixed name: the bucket is retained on destroy, and a fixed name would make the next
    // deploy of the stage fail on it. The name is an output (DataBucketName).
    this.bucket = new Bucket(this, 'Data', {
      // A commit replaces a partition's object; versions keep the previous one recoverable.
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-staging',
          prefix: '_staging/',
          expiration: Duration.days(props.stagingExpiryDays ?? 7),
        },
        { id: 'expire-stale-locks', prefix: '_locks/', expiration: Duration.days(1) },
        { id: 'expire-run-manifests', prefix: '_runs/', expiration: Duration.days(90) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionExpiryDays ?? 30),
        },
        // Deleted staging pages and locks leave delete markers; drop them once nothing is under them.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
    });

    this.resultsBucket = new Bucket(this, 'AthenaResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      // Query results are disposable: emptied and deleted with the stack (a non-empty bucket
      // would leave the stack in DELETE_FAILED).
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      lifecycleRules: [{ expiration: Duration.days(30) }],
    });

    const database = new CfnDatabase(this, 'Database', {
      catalogId: this.account,
      databaseInput: { name: glueDatabase, description: `Vendor reports pulled by ${names.prefix}` },
    });

    this.tables = lakeTables(props.config);
    for (const table of this.tables) {
      const location = `s3://${this.bucket.bucketName}/${table.folder}/`;
      const glueTable = new CfnTable(this, `Table-${table.name}`, {
        catalogId: this.account,
        databaseName: glueDatabase,
        tableInput: {
          name: table.name,
          description: `${table.description} (${table.connector} report "${table.report}", ${table.format})`,
          tableType: 'EXTERNAL_TABLE',
          partitionKeys: [
            { name: 'source', type: 'string', comment: 'Configured source name' },
            { name: 'dt', type: 'string', comment: 'Report date (YYYY-MM-DD) in the source time zone' },
          ],
          parameters: {
            classification: table.format === 'parquet' ? 'parquet' : 'json',
            EXTERNAL: 'TRUE',
            'projection.enabled': 'true',
            'projection.source.type': 'enum',
            'projection.source.values': table.sources.join(','),
            'projection.dt.type': 'date',
            'projection.dt.format': 'yyyy-MM-dd',
            'projection.dt.range': `${PROJECTION_START},${PROJECTION_END}`,
            'projection.dt.interval': '1',
            'projection.dt.interval.unit': 'DAYS',
            'storage.location.template': `${location}source=\${source}/dt=\${dt}/`,
          },
          storageDescriptor: {
            location,
            columns: table.columns,
            ...SERDES[table.format],
          },
        },
      });
      glueTable.addResourceDependency(database);
    }

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

    for (const table of this.tables) {
      const query = new CfnNamedQuery(this, `Query-${table.name}`, {
        name: `${table.name}: last 7 days by source`,
        description: `Rows and first columns of ${table.name} for the last week`,
        database: glueDatabase,
        workGroup: this.workGroup.name,
        queryString: [
          `SELECT source, dt, count(*) AS row_count`,
          `FROM ${glueDatabase}.${table.name}`,
          `WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')`,
          `GROUP BY source, dt`,
          `ORDER BY dt DESC, source`,
        ].join('\n'),
      });
      query.addResourceDependency(this.workGroup);
    }

    this.analystPolicy = this.createAnalystPolicy(database);

    new CfnOutput(this, 'DataBucketName', {
      value: this.bucket.bucketName,
      description: 'Lake bucket: <table>/source=<source>/dt=<date>/data.<parquet|ndjson>',
    });
    new CfnOutput(this, 'GlueDatabase', {
      value: glueDatabase,
      description: 'Glue database of the lake tables',
    });
    new CfnOutput(this, 'GlueTables', { value: this.tables.map((t) => t.name).join(',') });
    new CfnOutput(this, 'AthenaWorkGroup', {
      value: this.workGroup.name,
      description: `Query with: aws athena start-query-execution --work-group ${this.workGroup.name} --query-string "SELECT ... FROM ${glueDatabase}.<table>"`,
    });
    new CfnOutput(this, 'AthenaResultsBucket', { value: this.resultsBucket.bucketName });
    new CfnOutput(this, 'AnalystPolicyArn', {
      value: this.analystPolicy.managedPolicyArn,
      description: 'Attach to an analyst role or group: Athena in the workgroup, Glue read, lake tables read',
    });
    this.acknowledgeAutoDeleteProvider();
  }

  /**
   * What an analyst needs to query the lake and nothing more: queries in this stage's workgroup
   * (whose results go to its own bucket), read access to the stage's Glue database and tables,
   * and read access to the lake tables' folders (not staging, runs or commit records).
   */
  private createAnalystPolicy(database: CfnDatabase): ManagedPolicy {
    const { names } = this;
    const glue = (resource: string) =>
      `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    const policy = new ManagedPolicy(this, 'AnalystPolicy', {
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
          resources: this.tables.map((t) => this.bucket.arnForObjects(`${t.folder}/*`)),
        }),
        new PolicyStatement({
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [this.bucket.bucketArn, this.resultsBucket.bucketArn],
        }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          resources: [this.resultsBucket.arnForObjects('*')],
        }),
      ],
    });
    policy.node.addDependency(database);
    acknowledgeWildcards(policy, [
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
    return policy;
  }

  /** The provider behind autoDeleteObjects is CDK's own; its findings are acknowledged on it alone. */
  private acknowledgeAutoDeleteProvider(): void {
    const provider = this.node.tryFindChild('Custom::S3AutoDeleteObjectsCustomResourceProvider');
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
