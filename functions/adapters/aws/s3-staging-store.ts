import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  batches,
  lines,
  ndjsonPageSink,
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  type PartitionRef,
  pageName,
  type Row,
  type StagingStore,
  stagingPrefix,
} from '../../engine/index.js';
import { getJson, listKeys, putJson } from './s3-json.js';
import { s3ObjectSink } from './s3-object-sink.js';

/** Where staged pages live in the bucket; the lake stack expires this prefix by lifecycle. */
export const STAGING_ROOT = '_staging/';

/**
 * Staged pages in S3 under `_staging/<run>/<table>/source=/dt=/<slice>/page-NNNNNN.ndjson`, with
 * the same keys as the local FileStagingStore. The rows object is written first and the
 * `.meta.json` beside it only after, so a meta's existence means its page is whole; a
 * redelivered message writes the same keys again instead of adding a copy.
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
    const { client, bucket } = this;
    return ndjsonPageSink(rows, (meta) => putJson(client, bucket, `${base}.meta.json`, meta));
  }

  async countStagedPages(runId: string, partition: PartitionRef, slice: string): Promise<number> {
    const keys = await listKeys(this.client, this.bucket, `${this.prefix(runId, partition)}${slice}/`);
    return keys.filter((key) => key.endsWith('.meta.json')).length;
  }

  async listPages(runId: string, partition: PartitionRef): Promise<PageMeta[]> {
    const keys = await listKeys(this.client, this.bucket, this.prefix(runId, partition));
    const metas = await Promise.all(
      keys
        .filter((key) => key.endsWith('.meta.json'))
        .map((key) => getJson<PageMeta>(this.client, this.bucket, key)),
    );
    return metas.filter((meta): meta is PageMeta => meta !== undefined);
  }

  async *readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncIterable<Row[]> {
    const response = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: `${this.prefix(runId, partition)}${pageName(slice, ordinal)}.ndjson`,
      }),
    );
    const body = response.Body as AsyncIterable<Uint8Array>;
    async function* parsed() {
      for await (const line of lines(body)) yield JSON.parse(line) as Row;
    }
    yield* batches(parsed(), 10_000);
  }
}
