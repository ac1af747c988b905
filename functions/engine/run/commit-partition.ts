import { DriftError, InternalError } from '../errors.js';
import type { CommitRecord, LakeStore } from '../partitions/lake-store.js';
import type { PartitionRef } from '../partitions/partition.js';
import {
  keyDigestsObjectKey,
  RESTATEMENTS_SCHEMA,
  type RestatementRecord,
  restatementBetween,
  restatementObjectKey,
  restatementRow,
} from '../partitions/restatement.js';
import { RowDigest } from '../partitions/row-digest.js';
import type { FieldObservations } from '../schema/row-normaliser.js';
import { missingFromTally, type Tally } from '../staging/page-tally.js';
import type { PageMeta, PartitionManifest } from '../staging/staging-store.js';
import { createTableWriter } from '../writers/create-writer.js';
import { checkPagesAgree, tallyOutdated } from './pages-agree.js';
import { type PageRef, PartitionWrite } from './partition-write.js';
import type { SourceRuntime } from './source-runtime.js';
import type { PartitionTask } from './tasks.js';

export type CommitOutcome =
  | { status: 'incomplete'; missing: string }
  /** A newer run committed this partition: this run's rows must not replace it. */
  | { status: 'superseded'; by: string }
  /** Another commit of this partition is in progress: try again shortly. */
  | { status: 'busy'; by: string }
  /** This run already committed the partition (a duplicate commit task): nothing to do. */
  | { status: 'already-committed'; by: string }
  | ({
      status: 'committed';
      location: string;
      requests: number;
      retries: number;
      throttled: number;
      /** Nullable fields the vendor left out and extra fields it added (the schema contract). */
      fields?: FieldObservations;
      /** Set when the commit replaced different rows (a vendor restatement), as recorded. */
      restatement?: RestatementRecord;
      /** Pages written before the commit began (the local runner's overlapped write), when any. */
      overlapped?: number;
    } & CommitRecord);

export interface CommitOptions {
  /**
   * The partition's object, already being written from its first staged pages while the rest
   * were fetched (the local runner). The commit owns it from here: it continues it when it holds
   * the partition's first pages in order, and aborts it otherwise.
   */
  started?: PartitionWrite;
}

/**
 * Decides from the staged state alone whether every page of the partition is there: each slice
 * of the manifest needs pages 0..n-1 where n comes from a page that knows the total, or from
 * the page that said it was the last.
 */
export function findMissing(manifest: PartitionManifest, pages: readonly PageMeta[]): string | undefined {
  for (const slice of manifest.slices) {
    const own = pages.filter((p) => p.slice === slice.key);
    const have = new Set(own.map((p) => p.ordinal));
    const known = own.find((p) => p.totalPages !== undefined)?.totalPages;
    const last = own.find((p) => p.isLast)?.ordinal;
    const count = known ?? (last !== undefined ? last + 1 : undefined);
    if (count === undefined) return `slice ${slice.key}: last page not fetched yet (${own.length} staged)`;
    for (let ordinal = 0; ordinal < count; ordinal++) {
      if (!have.has(ordinal)) return `slice ${slice.key}: page ${ordinal + 1} of ${count} not staged`;
    }
  }
  return undefined;
}

/** Each slice holds the rows its vendor announced, when it announced a count. */
function checkSliceCounts(
  manifest: PartitionManifest,
  ordered: readonly PageMeta[],
  context: { source: string; report: string; date: string },
): void {
  for (const slice of manifest.slices) {
    const own = ordered.filter((p) => p.slice === slice.key);
    const expected = slice.totalItems ?? own.find((p) => p.totalItems !== undefined)?.totalItems;
    // The vendor's total counts the rows it sent, those left out past the day included.
    const actual = own.reduce((sum, p) => sum + p.rows + pastDayRows(p), 0);
    if (expected !== undefined && expected !== actual) {
      throw new DriftError(
        'COUNT_MISMATCH',
        `slice ${slice.key}: the vendor announced ${expected} rows but its pages held ${actual}`,
        { context },
      );
    }
  }
}

/**
 * Compacts the staged pages of a complete partition into its single object and replaces the
 * partition atomically. The vendor's totals and the report's unique key are checked on the way;
 * a failed check aborts the write and the previous partition stays as it was. Committing twice
 * writes the same rows again.
 */
export async function commitPartition(
  runtime: SourceRuntime,
  task: PartitionTask,
  options: CommitOptions = {},
): Promise<CommitOutcome> {
  try {
    return await commitStaged(runtime, task, options.started);
  } finally {
    // Whatever the outcome, a write started for this commit is finished or dropped (no-op once finished).
    await options.started?.abort();
  }
}

async function commitStaged(
  runtime: SourceRuntime,
  task: PartitionTask,
  started: PartitionWrite | undefined,
): Promise<CommitOutcome> {
  const partition: PartitionRef = runtime.partition(task.report, task.date);
  const context = { source: runtime.settings.name, report: task.report, date: task.date };
  const { staging, lake } = runtime.deps;
  const manifest = await staging.readManifest(task.runId, partition);
  if (!manifest) return { status: 'incomplete', missing: 'the partition was not planned in this run' };

  // Commit fencing first: only a run at least as new as the partition's last writer may replace
  // it. Claiming before reading the staged metas makes a duplicate commit task (several pages
  // finishing a partition at once each send one) cost one conditional write, not a read of
  // every staged meta.
  const claim = await runtime.deps.commitGuard?.claim(partition, task.runId);
  if (claim && !claim.granted) {
    return { status: claim.reason === 'committed' ? 'already-committed' : claim.reason, by: claim.by };
  }
  try {
    // Which pages to read comes from the tally (one read, no listing); each page's own meta,
    // read with its rows, is checked against the manifest again before the partition is replaced.
    const tally = await runtime.pageTally.read(task.runId, partition);
    const missing = missingFromTally(
      tally,
      manifest.slices.map((slice) => slice.key),
    );
    if (missing) {
      await claim?.release();
      return { status: 'incomplete', missing };
    }
    // Every staged page of each slice, in order: a vendor may announce fewer pages than it served
    // (MediaMath's total_pages 0 over an empty first page), and such a page is committed too. A
    // staged page past the end its slice's pages announce is never committed: checkPagesAgree
    // refuses the partition (a page fetched again after the vendor's data shrank).
    const pages = manifest.slices.flatMap((slice) =>
      [...tally.bySlice.get(slice.key)!.staged]
        .sort((a, b) => a - b)
        .map((ordinal) => ({ slice: slice.key, ordinal })),
    );
    const { restatement, ordered, overlapped, ...record } = await writePartition(
      runtime,
      task,
      partition,
      manifest,
      { pages, tally },
      context,
      started,
    );
    await claim?.release({
      rows: record.rows,
      bytes: record.bytes,
      committedAt: record.committedAt,
      ...(restatement ? { restatedAt: restatement.detectedAt } : {}),
    });
    return {
      status: 'committed',
      ...record,
      ...(restatement ? { restatement } : {}),
      ...(overlapped ? { overlapped } : {}),
      location: lake.locate(partition, record.format),
      requests: ordered.reduce((s, p) => s + p.requests, 0),
      retries: ordered.reduce((s, p) => s + p.retries, 0),
      throttled: ordered.reduce((s, p) => s + p.throttled, 0),
      ...withFields(ordered),
    };
  } catch (error) {
    await claim?.release().catch(() => undefined);
    throw error;
  }
}

type WrittenPartition = CommitRecord & {
  restatement?: RestatementRecord;
  ordered: PageMeta[];
  overlapped?: number;
};

async function writePartition(
  runtime: SourceRuntime,
  task: PartitionTask,
  partition: PartitionRef,
  manifest: PartitionManifest,
  { pages, tally }: { pages: readonly PageRef[]; tally: Tally },
  context: { source: string; report: string; date: string },
  started: PartitionWrite | undefined,
): Promise<WrittenPartition> {
  // A write the local runner started while the pages were fetched is continued when it holds the
  // partition's first pages in order; anything else (a page it wrote that the tally does not
  // list, another order) is dropped and the partition written afresh: the same bytes either way.
  const continued = started?.startsWith(pages) ? started : undefined;
  if (started && !continued) await started.abort();
  const write = continued ?? (await PartitionWrite.open(runtime, task));
  try {
    return await publishPartition(runtime, task, partition, manifest, { pages, tally }, context, write);
  } finally {
    // The per-key digests' scratch file (on disk, deployed and locally) is freed whatever happened.
    write.profile.keyDigests.close();
  }
}

/** Writes the rest of the pages into `write`, checks them, and publishes the partition and its records. */
async function publishPartition(
  runtime: SourceRuntime,
  task: PartitionTask,
  partition: PartitionRef,
  manifest: PartitionManifest,
  { pages, tally }: { pages: readonly PageRef[]; tally: Tally },
  context: { source: string; report: string; date: string },
  write: PartitionWrite,
): Promise<WrittenPartition> {
  const report = runtime.report(task.report);
  const { staging, lake } = runtime.deps;
  // The commit being replaced: read before the partition changes, compared after.
  const previous = await lake.readCommit(partition);
  const columns = report.schema.columns.map((c) => c.name);
  // Pages digest their rows while staging; the commit adds their digests up.
  const digest = new RowDigest(columns);
  // Pages written before the commit began (the local runner's overlapped write).
  const overlapped = write.pages.length;
  const { profile, duplicates, metas: ordered } = write;
  try {
    // Unique-key check, per-key digests and metric sums, in the pass that writes the partition.
    for (const page of pages.slice(write.pages.length)) await write.add(page);
    // The pages' own metas, read with their rows, must agree on where each slice ends (no stale
    // page past it), make the partition whole on their own and hold the rows the vendor
    // announced; otherwise the write is abandoned. Pages that are not whole though the tally
    // said so are drift when the page that set the tally's count was fetched again since.
    checkPagesAgree(manifest, ordered, context);
    const missing = findMissing(manifest, ordered);
    if (missing)
      throw (
        tallyOutdated(manifest, tally, ordered, context) ??
        new InternalError(`the staged pages disagree with the page tally: ${missing}`, { context })
      );
    checkSliceCounts(manifest, ordered, context);
    for (const page of ordered) digest.merge(page.digest);
    // Before the partition is replaced: equal key hashes are confirmed against the keys themselves.
    const duplicate = await duplicates.find(async function* () {
      for (const page of pages) yield* staging.readPage(task.runId, partition, page.slice, page.ordinal);
    });
    if (duplicate !== undefined) {
      throw new DriftError(
        'DUPLICATE_ROWS',
        `two rows share the key (${report.uniqueKey.join(', ')}) = ${duplicate}`,
        { context },
      );
    }
  } catch (error) {
    await write.abort();
    throw error;
  }
  const written = await write.finish();
  const format = write.format;
  const summary = profile.summary();
  const record = {
    partition,
    runId: task.runId,
    format,
    rows: written.rows,
    bytes: written.bytes,
    pages: ordered.length,
    committedAt: new Date().toISOString(),
    digest: digest.hex(),
    metrics: summary.metrics,
    keyDigest: summary.keyDigest,
    keyDigestsKey: keyDigestsObjectKey(partition, task.runId),
  } satisfies CommitRecord;
  // Order (docs/guarantees.md § 11): partition, restatement record, per-key digests, commit
  // record. Until the commit record is replaced, a retry of this commit still sees the previous
  // one and writes the same restatement object again (it is named by this run), so a crash
  // anywhere in between neither loses the record nor writes a second one.
  let restatement: RestatementRecord | undefined;
  if (previous && previous.runId !== task.runId) {
    const differs = previous.digest !== record.digest || previous.rows !== record.rows;
    // Missing or unreadable digests (S3 answers 403 for a missing key without ListBucket) leave
    // the key counts unknown; they never fail the commit.
    const before =
      differs && previous.keyDigestsKey
        ? await lake.readObject(previous.keyDigestsKey).catch(() => undefined)
        : undefined;
    restatement = restatementBetween(
      previous,
      record,
      task.report,
      before ? profile.keyDigests.compareWith(before) : undefined,
    );
    if (restatement) await writeRestatement(lake, restatement);
  } else if (previous?.runId === task.runId) {
    // This run's commit record is there but the commit did not finish (a crash past the record,
    // before the claim was released): same staged rows, so the same restatement, already written.
    restatement = previous.restatement;
  }
  await writeObject(lake, record.keyDigestsKey, 'application/octet-stream', profile.keyDigests.chunks());
  await lake.recordCommit(restatement ? { ...record, restatement } : record);
  if (previous?.keyDigestsKey && previous.keyDigestsKey !== record.keyDigestsKey) {
    // Only the latest commit's digests are compared with; a leftover is harmless.
    await lake.deleteObject(previous.keyDigestsKey).catch(() => undefined);
  }
  const extra = { ordered, ...(overlapped > 0 ? { overlapped } : {}) };
  return restatement ? { ...record, restatement, ...extra } : { ...record, ...extra };
}

async function writeObject(
  lake: LakeStore,
  key: string,
  contentType: string,
  chunks: Iterable<Uint8Array>,
): Promise<void> {
  const sink = await lake.openObject(key, contentType);
  try {
    for (const chunk of chunks) if (chunk.byteLength > 0) await sink.write(chunk);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.close();
}

/** One Parquet object with one row, through the writer every table uses. */
async function writeRestatement(lake: LakeStore, record: RestatementRecord): Promise<void> {
  const partition = { table: record.table, source: record.source, date: record.reportDate };
  const sink = await lake.openObject(
    restatementObjectKey(partition, record.runId),
    'application/vnd.apache.parquet',
  );
  const writer = createTableWriter('parquet', RESTATEMENTS_SCHEMA, sink);
  try {
    await writer.write([restatementRow(record)]);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.finish();
}

/** The pages' field observations added up, once per partition. */
function withFields(pages: readonly PageMeta[]): { fields?: FieldObservations } {
  const total: Required<FieldObservations> = { absent: {}, extra: {}, pastDay: {} };
  let any = false;
  for (const page of pages) {
    for (const kind of ['absent', 'extra', 'pastDay'] as const) {
      for (const [field, rows] of Object.entries(page.fields?.[kind] ?? {})) {
        total[kind][field] = (total[kind][field] ?? 0) + rows;
        any = true;
      }
    }
  }
  if (!any) return {};
  const { pastDay, ...fields } = total;
  return { fields: Object.keys(pastDay).length > 0 ? { ...fields, pastDay } : fields };
}

/** Rows a page left out past its partition's day (ReportDefinition.dayTimestamp). */
function pastDayRows(page: PageMeta): number {
  return Object.values(page.fields?.pastDay ?? {}).reduce((sum, rows) => sum + rows, 0);
}

/** One line for a partition's field observations, e.g. for a log or the CLI. */
export function describeFields(fields: FieldObservations): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([field, rows]) => `"${field}" (${rows} rows)`)
      .join(', ');
  return [
    Object.keys(fields.absent).length > 0 ? `absent, stored as null: ${list(fields.absent)}` : '',
    Object.keys(fields.extra).length > 0 ? `not in the schema, ignored: ${list(fields.extra)}` : '',
    Object.keys(fields.pastDay ?? {}).length > 0
      ? `past the partition's day, left out: ${list(fields.pastDay ?? {})}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
}
