/** Where a writer's bytes go: a temporary local file, an S3 multipart upload, memory in tests. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Makes the bytes durable; for a partition object this is the atomic publish. */
  close(): Promise<void>;
  /** Throws away everything written; nothing becomes visible. */
  abort(): Promise<void>;
}
