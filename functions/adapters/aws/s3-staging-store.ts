import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  ndjsonPageSink,
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  type PartitionRef,
  pageName,
  type Row,
  readNdjsonPage,
  type StagingStore,
  stagingPrefix,
} from '../../engine/index.js';
import { getJson, putJson } from './s3-json.js';
import { s3ObjectSink } from './s3-object-sink.js';

/** Where staged pages live in the bucket; the lake stack expires this prefix by lifecycle. */
export const STAGING_ROOT = '_staging/';

/**
 * Staged pages in S3 under `_staging/<run>/<table>/source=/dt=/<slice>/page-NNNNNN.ndjson`, with
 * the same keys as the local FileStagingStore: one object per page, its meta the last line, put
 * in one PutObject (or a multipart upload completed at the end), so it appears whole or not at
 * all; a redelivered message writes the same key again instead of adding a copy. One PUT per
 * page staged, one GET per page committed; nothing is listed.
 */
export class S3StagingStore implements StagingStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  prefix(runId: string, partition: PartitionRef): string {
    return `${STAGING_ROOT}${stagingPrefix(runId, partition)}`;
  }

  async writeManifest(manifest: PartitionManifest) {
    await putJson(
      this.client,
      this.bucket,
      `${this.prefix(manifest.runId, manifest.partition)}_manifest.json`,
      manifest,
    );
  }

  readManifest(runId: string, partition: PartitionRef) {
    return getJson<PartitionManifest>(
      this.client,
      this.bucket,
      `${this.prefix(runId, partition)}_manifest.json`,
    );
  }

  async openPage(runId: string, partition: PartitionRef, slice: string, ordinal: number): Promise<PageSink> {
    const base = `${this.prefix(runId, partition)}${pageName(slice, ordinal)}`;
    const rows = s3ObjectSink({
      client: this.client,
      bucket: this.bucket,
      key: `${base}.ndjson`,
      contentType: 'application/x-ndjson',
    });
    return ndjsonPageSink(rows);
  }

  async *readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncGenerator<Row[], PageMeta> {
    const response = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: `${this.prefix(runId, partition)}${pageName(slice, ordinal)}.ndjson`,
      }),
    );
    return yield* readNdjsonPage(response.Body as AsyncIterable<Uint8Array>, { slice, ordinal });
  }
}
