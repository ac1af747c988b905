import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type CommitRecord,
  type LakeStore,
  type OutputFormat,
  type PartitionRef,
  partitionObjectKey,
  partitionPrefix,
} from '../../engine/index.js';
import { getJson, isMissing, putJson } from './s3-json.js';
import { s3ObjectSink } from './s3-object-sink.js';

export const COMMITS_ROOT = '_commits/';

const FORMATS: OutputFormat[] = ['parquet', 'ndjson'];
const CONTENT_TYPES: Record<OutputFormat, string> = {
  parquet: 'application/vnd.apache.parquet',
  ndjson: 'application/x-ndjson',
};

/**
 * The lake in S3, in the same layout as the local one: `<table>/source=<name>/dt=<date>/data.<ext>`.
 * A partition is one object, replaced by one PutObject or one CompleteMultipartUpload, which
 * S3 applies atomically; commit records sit under `_commits/`.
 */
export class S3LakeStore implements LakeStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  locate(partition: PartitionRef, format: OutputFormat): string {
    return `s3://${this.bucket}/${partitionObjectKey(partition, format)}`;
  }

  async openPartition(partition: PartitionRef, format: OutputFormat) {
    const sink = s3ObjectSink({
      client: this.client,
      bucket: this.bucket,
      key: partitionObjectKey(partition, format),
      contentType: CONTENT_TYPES[format],
    });
    const { client, bucket } = this;
    return {
      write: (chunk: Uint8Array) => sink.write(chunk),
      abort: () => sink.abort(),
      async close() {
        await sink.close();
        // A source that switched format leaves one object per partition, not two.
        for (const other of FORMATS.filter((f) => f !== format)) {
          await client.send(
            new DeleteObjectCommand({ Bucket: bucket, Key: partitionObjectKey(partition, other) }),
          );
        }
      },
    };
  }

  commitKey(partition: PartitionRef): string {
    return `${COMMITS_ROOT}${partitionPrefix(partition).replaceAll('/', '_')}json`;
  }

  async recordCommit(record: CommitRecord) {
    await putJson(this.client, this.bucket, this.commitKey(record.partition), record);
  }

  readCommit(partition: PartitionRef) {
    return getJson<CommitRecord>(this.client, this.bucket, this.commitKey(partition));
  }

  async openObject(key: string, contentType: string) {
    return s3ObjectSink({ client: this.client, bucket: this.bucket, key, contentType });
  }

  async readObject(key: string): Promise<Uint8Array | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await response.Body!.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async deleteObject(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
