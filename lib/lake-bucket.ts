import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { groupWithoutRenaming } from './logical-ids.js';

export interface LakeBucketProps {
  /** Days staged pages are kept (they are only needed until their partition is committed; default 7). */
  stagingExpiryDays?: number;
  /** Days a replaced or deleted lake object stays recoverable as a noncurrent version (default 30). */
  noncurrentVersionExpiryDays?: number;
}

/**
 * The lake's storage: the versioned data bucket every source writes to (hive layout
 * `<table>/source=/dt=/`, plus `_staging/`, `_runs/`, `_commits/`, each expired by its own rule)
 * and the access-log bucket it logs to. Both are retained on destroy and have no fixed name, so
 * a redeploy after a destroy creates new ones instead of failing on the old names.
 */
export class LakeBucket extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the data bucket and of other buckets of the stage (their own prefixes). */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: LakeBucketProps = {}) {
    super(scope, id);
    groupWithoutRenaming(this);
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
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
      serverAccessLogsBucket: this.accessLogs,
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
  }
}
