import type { Row } from '../schema/table-schema.js';
import type { PageMeta } from '../staging/staging-store.js';
import { PartitionWrite } from './partition-write.js';
import type { SourceRuntime } from './source-runtime.js';
import type { PartitionTask } from './tasks.js';

/**
 * Rows of pages staged ahead of their turn kept in memory at once, at most; a page that does not
 * fit is read back from staging when its turn comes. About 2·C pages of 200 to 1,000 rows.
 */
const HELD_ROWS = 20_000;

/**
 * A partition's object written while its pages are still being fetched (the local runner, where
 * one process sees every page of the partition staged): the runner hands over each page it staged
 * by its meta, and the pages are written in the partition's page order (the manifest's slices in
 * turn, each from ordinal 0) as soon as each is next: from the rows the runner staged when it
 * hands them over (no second parse of the page), else read back from staging. A page staged
 * ahead of its turn waits with its rows while they fit in `HELD_ROWS`, else on disk. The commit
 * then continues the write (`commitPartition`'s `started`), so what is left after the last page
 * is that page, the checks and the publishing.
 *
 * Nothing here decides what the partition holds: the commit checks the write against the page
 * tally and the manifest as it checks its own, and starts afresh unless the write holds the
 * partition's first pages in order. Anything unusual drops the write early (a page staged twice,
 * a failed read); pages this runner did not stage (a resumed run) are read by the commit.
 */
export class OverlappedWrite {
  private readonly arrived = new Map<string, Set<number>>();
  /** Rows handed over with their page, until the page is written (`slice/ordinal` → rows, meta). */
  private readonly held = new Map<string, { rows: readonly Row[]; meta: PageMeta }>();
  private heldRows = 0;
  private readonly counts = new Map<string, number>();
  private slices: string[] = [];
  private write?: PartitionWrite;
  /** The next page to write: the manifest's slice at `slice`, page `ordinal`. */
  private slice = 0;
  private ordinal = 0;
  private closed = false;
  /** Every step runs after the previous one: opening, each page, dropping. */
  private chain: Promise<void>;

  constructor(runtime: SourceRuntime, task: PartitionTask) {
    this.chain = (async () => {
      const manifest = await runtime.deps.staging.readManifest(
        task.runId,
        runtime.partition(task.report, task.date),
      );
      if (!manifest) return;
      this.slices = manifest.slices.map((slice) => slice.key);
      this.write = await PartitionWrite.open(runtime, task);
    })().catch(() => this.drop());
  }

  /** A page of the partition is staged (whole, and recorded in the tally), with its rows when kept. */
  staged(meta: PageMeta, rows?: readonly Row[]): void {
    if (this.closed) return;
    let seen = this.arrived.get(meta.slice);
    if (!seen) {
      seen = new Set();
      this.arrived.set(meta.slice, seen);
    }
    if (seen.has(meta.ordinal)) {
      // The same page staged again: what was written of it may not be what is staged now.
      this.closed = true;
      this.chain = this.chain.then(() => this.drop());
      return;
    }
    seen.add(meta.ordinal);
    if (rows && this.heldRows + rows.length <= HELD_ROWS) {
      this.held.set(`${meta.slice}/${meta.ordinal}`, { rows, meta });
      this.heldRows += rows.length;
    }
    const count = meta.totalPages ?? (meta.isLast ? meta.ordinal + 1 : undefined);
    if (count !== undefined) this.counts.set(meta.slice, count);
    this.chain = this.chain.then(() => this.advance()).catch(() => this.drop());
  }

  /** Ends the overlap: the write as it stands once its pending pages are written, for the commit. */
  async take(): Promise<PartitionWrite | undefined> {
    this.closed = true;
    await this.chain;
    return this.write;
  }

  /** Ends the overlap and drops what was written (the partition failed). */
  async abandon(): Promise<void> {
    this.closed = true;
    this.chain = this.chain.then(() => this.drop());
    await this.chain;
  }

  private async advance(): Promise<void> {
    while (this.write && this.slice < this.slices.length) {
      const key = this.slices[this.slice]!;
      const count = this.counts.get(key);
      if (count !== undefined && this.ordinal >= count) {
        this.slice++;
        this.ordinal = 0;
        continue;
      }
      if (!this.arrived.get(key)?.has(this.ordinal)) return;
      const name = `${key}/${this.ordinal}`;
      const held = this.held.get(name);
      if (held) {
        this.held.delete(name);
        this.heldRows -= held.rows.length;
      }
      await this.write.add({ slice: key, ordinal: this.ordinal }, held);
      this.ordinal++;
    }
  }

  private async drop(): Promise<void> {
    this.held.clear();
    this.heldRows = 0;
    const write = this.write;
    this.write = undefined;
    await write?.abort().catch(() => undefined);
  }
}
