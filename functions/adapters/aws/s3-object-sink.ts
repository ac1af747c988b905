import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type ByteSink, InternalError } from '../../engine/index.js';

/** S3's minimum size for every part but the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export interface S3ObjectSinkOptions {
  client: S3Client;
  bucket: string;
  key: string;
  contentType: string;
  /** Bytes buffered before a part is uploaded (≥ 5 MiB). */
  partBytes?: number;
}

/**
 * A ByteSink onto one S3 object. Small objects go up in a single PutObject at close(); larger
 * ones as a multipart upload whose parts are invisible until CompleteMultipartUpload at close().
 * Either way the object under `key` changes in one step: readers see the old object or the new
 * one, never a mix, and abort() (AbortMultipartUpload) leaves the old object untouched.
 *
 * Written on the plain S3 client rather than @aws-sdk/lib-storage: the writers already push
 * bytes incrementally, so all that is needed is "buffer to a part, upload it", and lib-storage
 * would add a dependency and its own stream plumbing to every Lambda bundle.
 */
export function s3ObjectSink(options: S3ObjectSinkOptions): ByteSink & { bytesWritten(): number } {
  const { client, bucket, key, contentType } = options;
  const partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? DEFAULT_PART_BYTES);
  let buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let total = 0;
  let uploadId: string | undefined;
  const parts: { ETag: string; PartNumber: number }[] = [];
  let finished = false;

  const takeBuffer = (): Buffer => {
    const body = Buffer.concat(buffered, bufferedBytes);
    buffered = [];
    bufferedBytes = 0;
    return body;
  };

  const uploadPart = async (body: Buffer) => {
    uploadId ??= (
      await client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
      )
    ).UploadId;
    const PartNumber = parts.length + 1;
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }),
    );
    parts.push({ ETag: ETag!, PartNumber });
  };

  return {
    bytesWritten: () => total,
    async write(chunk) {
      if (finished) throw new InternalError(`sink for s3://${bucket}/${key} is already closed`);
      // Copy: writers may reuse their buffers after write() resolves.
      buffered.push(chunk.slice());
      bufferedBytes += chunk.byteLength;
      total += chunk.byteLength;
      if (bufferedBytes >= partBytes) await uploadPart(takeBuffer());
    },
    async close() {
      if (finished) return;
      finished = true;
      try {
        if (uploadId === undefined) {
          await client.send(
            new PutObjectCommand({ Bucket: bucket, Key: key, Body: takeBuffer(), ContentType: contentType }),
          );
          return;
        }
        if (bufferedBytes > 0) await uploadPart(takeBuffer());
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      } catch (error) {
        await abortUpload();
        throw error;
      }
    },
    async abort() {
      finished = true;
      buffered = [];
      bufferedBytes = 0;
      await abortUpload();
    },
  };

  async function abortUpload() {
    if (uploadId === undefined) return;
    const id = uploadId;
    uploadId = undefined;
    // Best effort: the bucket's lifecycle rule also aborts incomplete uploads after a day.
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id }))
      .catch(() => undefined);
  }
}
