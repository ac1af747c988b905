import type { ByteSink } from '../writers/byte-sink.js';
import type { OutputFormat } from '../writers/table-writer.js';
import type { PartitionRef } from './partition.js';

/** The outcome of a partition commit, kept next to the data for operators and re-runs. */
export interface CommitRecord {
  partition: PartitionRef;
  runId: string;
  format: OutputFormat;
  rows: number;
  bytes: number;
  pages: number;
  committedAt: string;
  /** Order-independent digest of the rows (see row-digest.ts). */
  digest: string;
}

/**
 * Port: the lake. `openPartition` returns a sink whose `close()` replaces the partition's single
 * object in one atomic step (rename locally, one PUT / multipart completion in S3); until then
 * readers keep seeing the previous partition, and `abort()` leaves it untouched.
 */
export interface LakeStore {
  openPartition(partition: PartitionRef, format: OutputFormat): Promise<ByteSink>;
  /** Where the partition lives, for summaries (a path or s3:// URI). */
  locate(partition: PartitionRef, format: OutputFormat): string;
  recordCommit(record: CommitRecord): Promise<void>;
  readCommit(partition: PartitionRef): Promise<CommitRecord | undefined>;
}
