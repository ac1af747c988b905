import type { CfnElement } from 'aws-cdk-lib';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig } from '../functions/config/config-schema.js';
import { type StageNames, stageNames } from '../functions/deployment/index.js';
import { AnalystPolicy } from './analyst-policy.js';
import { AthenaWorkGroup } from './athena-workgroup.js';
import { LakeBucket } from './lake-bucket.js';
import { LakeCatalog } from './lake-catalog.js';
import { type LakeTable, lakeTables } from './lake-tables.js';
import { logicalIdOf } from './logical-ids.js';

export { PROJECTION_END } from './lake-catalog.js';

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

/**
 * The data lake of one stage, composed of: the lake bucket (LakeBucket), a Glue table per
 * connector report with partition projection (LakeCatalog), an Athena workgroup with its own
 * result bucket and a per-query scan limit (AthenaWorkGroup), and a managed policy for analysts
 * (AnalystPolicy). Its outputs are what the deploy guide and the analysts need.
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
    this.tables = lakeTables(props.config);
    const storage = new LakeBucket(this, 'LakeBucket', props);
    this.bucket = storage.bucket;
    const catalog = new LakeCatalog(this, 'Catalog', { names, bucket: this.bucket, tables: this.tables });
    const athena = new AthenaWorkGroup(this, 'Athena', {
      names,
      accessLogs: storage.accessLogs,
      tables: this.tables,
      bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
    });
    this.workGroup = athena.workGroup;
    this.resultsBucket = athena.resultsBucket;
    this.analystPolicy = new AnalystPolicy(this, 'Analysts', {
      names,
      bucket: this.bucket,
      resultsBucket: this.resultsBucket,
      tables: this.tables,
      database: catalog.database,
    }).policy;

    new CfnOutput(this, 'DataBucketName', {
      value: this.bucket.bucketName,
      description: 'Lake bucket: <table>/source=<source>/dt=<date>/data.<parquet|ndjson>',
    });
    new CfnOutput(this, 'GlueDatabase', {
      value: names.glueDatabase,
      description: 'Glue database of the lake tables',
    });
    new CfnOutput(this, 'GlueTables', { value: this.tables.map((t) => t.name).join(',') });
    new CfnOutput(this, 'AthenaWorkGroup', {
      value: this.workGroup.name,
      description: `Query with: aws athena start-query-execution --work-group ${this.workGroup.name} --query-string "SELECT ... FROM ${names.glueDatabase}.<table>"`,
    });
    new CfnOutput(this, 'AthenaResultsBucket', { value: this.resultsBucket.bucketName });
    new CfnOutput(this, 'AnalystPolicyArn', {
      value: this.analystPolicy.managedPolicyArn,
      description: 'Attach to an analyst role or group: Athena in the workgroup, Glue read, lake tables read',
    });
  }

  /** Grouping constructs leave their resources' logical IDs as they were (lib/logical-ids.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOf(element, this);
  }
}
