import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { type LakeTable, lakeTables } from './lake-tables.js';

export interface LakeStackProps extends StackProps {
  config: ReportFetcherConfig;
  /** Days staged pages are kept (they are only needed until their partition is committed). */
  stagingExpiryDays?: number;
  /** Athena refuses queries that would scan more than this (default 10 GiB). */
  bytesScannedCutoffPerQuery?: number;
}

export const GLUE_DATABASE = 'report_fetcher';

/**
 * The lake bucket's name, fixed per account and region: the pipeline stack refers to it by name
 * instead of a cross-stack export, so either stack can be updated alone and IAM resources stay
 * readable (`report-fetcher-lake-<account>-<region>/<table>/source=<name>/*`).
 */
export function lakeBucketName(): string {
  return `report-fetcher-lake-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}
/** Partition projection's earliest date: backfills before it are not visible in Athena. */
const PROJECTION_START = '2015-01-01';

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
 * The data lake: the bucket every source writes to (hive layout `<table>/source=/dt=/`), a Glue
 * table per connector report with partition projection (no crawlers, no MSCK), and an Athena
 * workgroup with its own result bucket and a per-query scan limit.
 */
export class LakeStack extends Stack {
  readonly bucket: Bucket;
  readonly resultsBucket: Bucket;
  readonly workGroup: CfnWorkGroup;
  readonly tables: LakeTable[];

  constructor(scope: Construct, id: string, props: LakeStackProps) {
    super(scope, id, props);
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

    this.bucket = new Bucket(this, 'Data', {
      bucketName: lakeBucketName(),
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
      ],
    });

    this.resultsBucket = new Bucket(this, 'AthenaResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      lifecycleRules: [{ expiration: Duration.days(30) }],
    });

    const database = new CfnDatabase(this, 'Database', {
      catalogId: this.account,
      databaseInput: { name: GLUE_DATABASE, description: 'Vendor reports pulled by report-fetcher' },
    });

    this.tables = lakeTables(props.config);
    for (const table of this.tables) {
      const location = `s3://${this.bucket.bucketName}/${table.folder}/`;
      const glueTable = new CfnTable(this, `Table-${table.name}`, {
        catalogId: this.account,
        databaseName: GLUE_DATABASE,
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
            'projection.dt.range': `${PROJECTION_START},NOW`,
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
      name: 'report-fetcher',
      description: 'Queries over the report-fetcher lake',
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
        database: GLUE_DATABASE,
        workGroup: this.workGroup.name,
        queryString: [
          `SELECT source, dt, count(*) AS row_count`,
          `FROM ${GLUE_DATABASE}.${table.name}`,
          `WHERE dt >= date_format(current_date - interval '7' day, '%Y-%m-%d')`,
          `GROUP BY source, dt`,
          `ORDER BY dt DESC, source`,
        ].join('\n'),
      });
      query.addResourceDependency(this.workGroup);
    }

    new CfnOutput(this, 'DataBucketName', {
      value: this.bucket.bucketName,
      description: 'Lake bucket: <table>/source=<source>/dt=<date>/data.<parquet|ndjson>',
    });
    new CfnOutput(this, 'GlueDatabase', {
      value: GLUE_DATABASE,
      description: 'Glue database of the lake tables',
    });
    new CfnOutput(this, 'GlueTables', { value: this.tables.map((t) => t.name).join(',') });
    new CfnOutput(this, 'AthenaWorkGroup', {
      value: this.workGroup.name,
      description: `Query with: aws athena start-query-execution --work-group ${this.workGroup.name} --query-string "SELECT ... FROM ${GLUE_DATABASE}.<table>"`,
    });
    new CfnOutput(this, 'AthenaResultsBucket', { value: this.resultsBucket.bucketName });
  }
}
