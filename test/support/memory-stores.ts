import type {
  ByteSink,
  CommitClaim,
  CommitGuard,
  CommittedSummary,
  TokenCache,
  TokenEntry,
} from '../../functions/engine/index.js';
import { runGeneration } from '../../functions/engine/index.js';
import type { CommitRecord, LakeStore } from '../../functions/engine/partitions/lake-store.js';
import {
  type PartitionRef,
  partitionObjectKey,
  partitionPrefix,
} from '../../functions/engine/partitions/partition.js';
import type { ScratchFile, ScratchSpace } from '../../functions/engine/partitions/scratch-file.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import {
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  pageName,
  type StagingStore,
  stagingPrefix,
} from '../../functions/engine/staging/staging-store.js';
import type { OutputFormat } from '../../functions/engine/writers/table-writer.js';

/** In-memory staging with the same replace-on-restage semantics as the file and S3 adapters. */
export class MemoryStagingStore implements StagingStore {
  readonly objects = new Map<string, unknown>();

  async writeManifest(manifest: PartitionManifest) {
    this.objects.set(
      `${stagingPrefix(manifest.runId, manifest.partition)}_manifest`,
      structuredClone(manifest),
    );
  }
  async readManifest(runId: string, partition: PartitionRef) {
    return this.objects.get(`${stagingPrefix(runId, partition)}_manifest`) as PartitionManifest | undefined;
  }
  async openPage(runId: string, partition: PartitionRef, slice: string, ordinal: number): Promise<PageSink> {
    const key = stagingPrefix(runId, partition) + pageName(slice, ordinal);
    let rows: Row[] = [];
    return {
      write: async (batch) => {
        rows.push(...batch.map((r) => ({ ...r })));
      },
      commit: async (meta) => {
        this.objects.set(`${key}.rows`, rows);
        this.objects.set(`${key}.meta`, { ...meta });
      },
      abort: async () => {
        rows = [];
      },
    };
  }
  async *readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncGenerator<Row[], PageMeta> {
    const key = stagingPrefix(runId, partition) + pageName(slice, ordinal);
    const meta = this.objects.get(`${key}.meta`) as PageMeta | undefined;
    if (!meta) throw new Error(`no staged page ${key}`);
    yield (this.objects.get(`${key}.rows`) as Row[]) ?? [];
    return { ...meta };
  }
}

/** In-memory lake: an object is visible only once its sink closed, like a rename or a PUT. */
export class MemoryLakeStore implements LakeStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly commits = new Map<string, CommitRecord>();

  locate(partition: PartitionRef, format: OutputFormat) {
    return `memory://${partitionObjectKey(partition, format)}`;
  }
  async openPartition(partition: PartitionRef, format: OutputFormat) {
    return this.openObject(partitionObjectKey(partition, format), '');
  }
  async recordCommit(record: CommitRecord) {
    this.commits.set(partitionPrefix(record.partition), record);
  }
  async readCommit(partition: PartitionRef) {
    return this.commits.get(partitionPrefix(partition));
  }
  async openObject(key: string, _contentType: string) {
    const sink = new MemorySink();
    const objects = this.objects;
    return {
      write: (chunk: Uint8Array) => sink.write(chunk),
      abort: () => sink.abort(),
      async close() {
        await sink.close();
        objects.set(key, sink.bytes());
      },
    };
  }
  async readObject(key: string) {
    return this.objects.get(key);
  }
  async deleteObject(key: string) {
    this.objects.delete(key);
  }
}

/** Bytes kept in memory: what a writer wrote, for tests to read back. */
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

/** In-process token cache (tests). */
export class MemoryTokenCache implements TokenCache {
  private readonly entries = new Map<string, TokenEntry>();
  private readonly locks = new Map<string, Promise<unknown>>();
  writes = 0;

  async read(source: string) {
    const entry = this.entries.get(source);
    return entry ? { ...entry } : undefined;
  }
  async write(source: string, entry: TokenEntry) {
    this.writes++;
    this.entries.set(source, { ...entry });
  }
  withLock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(source) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    this.locks.set(
      source,
      run.catch(() => undefined),
    );
    return run;
  }
}

/** In-process commit guard (tests): the rules of the control table's, in one process's memory. */
export class MemoryCommitGuard implements CommitGuard {
  private readonly committed = new Map<string, string>();
  private readonly busy = new Map<string, string>();

  async claim(partition: PartitionRef, runId: string): Promise<CommitClaim> {
    const key = `${partition.table}/${partition.source}/${partition.date}`;
    const last = this.committed.get(key);
    if (last !== undefined && runGeneration(last) > runGeneration(runId))
      return { granted: false, reason: 'superseded', by: last };
    if (last === runId) return { granted: false, reason: 'committed', by: last };
    const holder = this.busy.get(key);
    if (holder !== undefined) return { granted: false, reason: 'busy', by: holder };
    this.busy.set(key, runId);
    return {
      granted: true,
      release: async (committed?: CommittedSummary) => {
        this.busy.delete(key);
        if (committed) this.committed.set(key, runId);
      },
    };
  }
}

/** A scratch file in memory: the bytes are kept as appended (the disk adapter's contract). */
export class MemoryScratch implements ScratchFile {
  private readonly chunks: { at: number; bytes: Uint8Array }[] = [];
  private size = 0;

  append(bytes: Uint8Array): number {
    const at = this.size;
    this.chunks.push({ at, bytes: bytes.slice() });
    this.size += bytes.byteLength;
    return at;
  }

  read(offset: number, into: Uint8Array): void {
    if (offset < 0 || offset + into.byteLength > this.size)
      throw new RangeError('scratch: read past the end');
    // The first chunk holding `offset`, by binary search; then on across chunks.
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.chunks[mid]!.at <= offset) low = mid;
      else high = mid - 1;
    }
    let filled = 0;
    for (let i = low; filled < into.byteLength; i++) {
      const chunk = this.chunks[i]!;
      const from = offset + filled - chunk.at;
      const n = Math.min(chunk.bytes.byteLength - from, into.byteLength - filled);
      into.set(chunk.bytes.subarray(from, from + n), filled);
      filled += n;
    }
  }

  close(): void {
    this.chunks.length = 0;
    this.size = 0;
  }
}

/** Scratch files in memory, one per call. */
export const memoryScratch: ScratchSpace = () => new MemoryScratch();
