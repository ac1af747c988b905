/** Where a writer's bytes go: a temporary local file, an S3 multipart upload, memory in tests. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Makes the bytes durable; for a partition object this is the atomic publish. */
  close(): Promise<void>;
  /** Throws away everything written; nothing becomes visible. */
  abort(): Promise<void>;
}

export class MemorySink implements ByteSink {
  private readonly parts: Uint8Array[] = [];
  closed = false;
  async write(chunk: Uint8Array) {
    this.parts.push(chunk.slice());
  }
  async close() {
    this.closed = true;
  }
  async abort() {
    this.parts.length = 0;
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}
