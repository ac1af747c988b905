import type { ByteSink } from '../writers/byte-sink.js';
import type { OutputFormat } from '../writers/table-writer.js';
import type { PartitionRef } from './partition.js';
import type { RestatementRecord } from './restatement-record.js';

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
  /**
   * Sums of the schema's metric columns, the key-set digest and where the per-key digests are
   * (partition-profile.ts). Absent in records written before restatements were tracked.
   */
  metrics?: Record<string, number>;
  keyDigest?: string;
  keyDigestsKey?: string;
  /**
   * The restatement this commit found (its record is in the restatements table): a redelivered
   * commit of the same run, after a crash past the commit record, reports it again from here.
   */
  restatement?: RestatementRecord;
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
  /**
   * Any other object of the lake under a key the engine built (restatement records, per-key
   * digests), replaced atomically on `close()` like a partition.
   */
  openObject(key: string, contentType: string): Promise<ByteSink>;
  /** The object's bytes, or undefined when there is none. */
  readObject(key: string): Promise<Uint8Array | undefined>;
  deleteObject(key: string): Promise<void>;
}
