import { DuplicateKeys } from '../partitions/key-set.js';
import type { PartitionRef } from '../partitions/partition.js';
import { PartitionProfile } from '../partitions/partition-profile.js';
import type { Row } from '../schema/table-schema.js';
import type { PageMeta } from '../staging/staging-store.js';
import { createTableWriter } from '../writers/create-writer.js';
import type { OutputFormat, TableWriter } from '../writers/table-writer.js';
import type { SourceRuntime } from './source-runtime.js';
import type { PartitionTask } from './tasks.js';

/** A staged page by its place in the partition. */
export interface PageRef {
  slice: string;
  ordinal: number;
}

/**
 * The pass that writes a partition's object from its staged pages: each page read from staging
 * in the partition's page order, its rows profiled (the unique-key check's hashes, per-key
 * digests, metric sums) and handed to the table writer, its meta kept for the checks the commit
 * makes before anything is published. Nothing is visible until `finish` (the lake's sink is
 * atomic); `abort` leaves nothing.
 *
 * The commit runs it over every page (commit-partition.ts). The local runner may start it while
 * the partition's last pages are still being fetched (overlapped-write.ts); the commit then
 * continues it from the pages it holds when they are the first pages of the partition in order,
 * and starts afresh otherwise, so both end with the same bytes.
 */
export class PartitionWrite {
  /** The pages written, in order. */
  readonly pages: PageRef[] = [];
  /** Their metas, as read with their rows. */
  readonly metas: PageMeta[] = [];
  readonly duplicates: DuplicateKeys;
  readonly profile: PartitionProfile;
  private state: 'open' | 'finished' | 'aborted' = 'open';

  private constructor(
    private readonly runtime: SourceRuntime,
    private readonly task: PartitionTask,
    readonly partition: PartitionRef,
    readonly format: OutputFormat,
    private readonly writer: TableWriter,
  ) {
    const report = runtime.report(task.report);
    this.profile = new PartitionProfile(report.schema, report.uniqueKey, runtime.deps.scratch());
    // The profile stores each row's key hash (hash53 of the key's text) once; the duplicate
    // check reads the repeated ones from there.
    this.duplicates = new DuplicateKeys(report.uniqueKey, this.profile.keyDigests.hashes);
  }

  static async open(runtime: SourceRuntime, task: PartitionTask): Promise<PartitionWrite> {
    const partition = runtime.partition(task.report, task.date);
    const format = runtime.settings.format;
    const schema = runtime.report(task.report).schema;
    const writer = createTableWriter(
      format,
      schema,
      await runtime.deps.lake.openPartition(partition, format),
    );
    return new PartitionWrite(runtime, task, partition, format, writer);
  }

  /** True when the pages written so far are the first pages of `pages`, in the same order. */
  startsWith(pages: readonly PageRef[]): boolean {
    return (
      this.state === 'open' &&
      this.pages.length <= pages.length &&
      this.pages.every((p, i) => p.slice === pages[i]!.slice && p.ordinal === pages[i]!.ordinal)
    );
  }

  /**
   * Writes one staged page's rows after those already written. The page is read from staging,
   * unless `staged` holds the rows and meta its stager wrote (the local runner, which staged
   * it) and those rows come back from the staged NDJSON unchanged (`survivesJson`).
   */
  async add(page: PageRef, staged?: { rows: readonly Row[]; meta: PageMeta }): Promise<void> {
    if (this.state !== 'open') throw new Error(`the partition write is ${this.state}`);
    const { staging } = this.runtime.deps;
    try {
      if (staged && survivesJson(staged.rows)) {
        await this.writeRows(staged.rows);
        this.metas.push(staged.meta);
      } else {
        const reader = staging.readPage(this.task.runId, this.partition, page.slice, page.ordinal);
        let next = await reader.next();
        for (; !next.done; next = await reader.next()) await this.writeRows(next.value);
        this.metas.push(next.value);
      }
    } catch (error) {
      // Part of the page may be written: this write can never be continued.
      await this.abort();
      throw error;
    }
    this.pages.push(page);
  }

  private async writeRows(rows: readonly Row[]): Promise<void> {
    // A repeated key hash is settled by the duplicate check (a real duplicate fails the
    // commit); the profile counts every row, a shared hash included.
    for (const row of rows) this.profile.add(row);
    await this.writer.write(rows);
  }

  /** Publishes the object (the lake's atomic replace). */
  async finish(): Promise<{ rows: number; bytes: number }> {
    if (this.state !== 'open') throw new Error(`the partition write is ${this.state}`);
    this.state = 'finished';
    return this.writer.finish();
  }

  /** Drops what was written; nothing is published. Does nothing once finished or aborted. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.profile.keyDigests.close();
    await this.writer.abort();
  }
}

/**
 * True when every value reads back from the staged NDJSON as it is: JSON writes -0 as 0 and NaN
 * or an infinity as null, and keeps no object but as text, so rows holding one are read back
 * from staging instead (the object must be the one the commit alone writes from staging).
 */
export function survivesJson(rows: readonly Row[]): boolean {
  for (const row of rows) {
    for (const key in row) {
      const value: unknown = row[key];
      if (typeof value === 'number') {
        if (value === 0 ? 1 / value < 0 : !Number.isFinite(value)) return false;
      } else if (value !== null && typeof value === 'object') return false;
      else if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
        return false;
    }
  }
  return true;
}
