import type { Slice } from '../connector-definition.js';
import { InternalError } from '../errors.js';
import type { PartitionRef } from '../partitions/partition.js';
import type { FieldObservations } from '../schema/row-normaliser.js';
import type { Row } from '../schema/table-schema.js';

/** Written by the planner: which slices make up the partition in this run. */
export interface PartitionManifest {
  runId: string;
  partition: PartitionRef;
  report: string;
  slices: Slice[];
  plannedAt: string;
}

/** A page's facts, stored with its rows (the object's last line): the page is whole when it exists. */
export interface PageMeta {
  slice: string;
  ordinal: number;
  rows: number;
  isLast: boolean;
  totalPages?: number;
  /** The vendor's count for the whole slice, when it gave one. */
  totalItems?: number;
  requests: number;
  retries: number;
  throttled: number;
  stagedAt: string;
  /**
   * Order-independent digest of the page's rows (row-digest.ts), computed while staging so the
   * commit only adds the pages' digests up.
   */
  digest: string;
  /** Nullable fields the vendor left out and extra fields it added, in rows of this page. */
  fields?: FieldObservations;
}

export interface PageSink {
  write(rows: readonly Row[]): Promise<void>;
  /** Makes the rows and the meta durable in one step. Re-staging the same page replaces both. */
  commit(meta: PageMeta): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Port: pages staged between fetch and commit, under deterministic keys
 * (`<run>/<table>/source=/dt=/<slice>/<ordinal>`) so a redelivered message overwrites its own
 * page instead of adding a copy; each page is one object, its meta inside. Which pages are
 * staged is not read from here but from the partition's `PageTally` (no listing, no meta
 * reads). Local: files; AWS: S3 with a lifecycle expiry.
 */
export interface StagingStore {
  writeManifest(manifest: PartitionManifest): Promise<void>;
  readManifest(runId: string, partition: PartitionRef): Promise<PartitionManifest | undefined>;
  openPage(runId: string, partition: PartitionRef, slice: string, ordinal: number): Promise<PageSink>;
  /** The page's rows in batches; returns its meta (`readNdjsonPage`). */
  readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncGenerator<Row[], PageMeta>;
}

export function stagingPrefix(runId: string, partition: PartitionRef): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(runId)) throw new InternalError(`run id "${runId}" has unsafe characters`);
  return `${runId}/${partition.table}/source=${partition.source}/dt=${partition.date}/`;
}

export function pageName(slice: string, ordinal: number): string {
  return `${slice}/page-${String(ordinal).padStart(6, '0')}`;
}
