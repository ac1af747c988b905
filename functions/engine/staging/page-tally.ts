import { BudgetExceededError } from '../errors.js';
import type { PartitionRef } from '../partitions/partition.js';

/** One staged page as the tally records it. */
export interface TalliedPage {
  slice: string;
  ordinal: number;
  /** The slice's page count, when this page knows it (a known total, or the last page's ordinal + 1). */
  pages?: number;
  /** When this answer of the page was staged (its meta's `stagedAt`): tells a later answer apart. */
  stagedAt?: string;
}

/** The page whose answer set a slice's page count, and when that answer was staged. */
export interface CountedBy {
  ordinal: number;
  stagedAt?: string;
}

/** What the tally knows of one slice. */
export interface TalliedSlice {
  staged: Set<number>;
  /** The slice's page count, once a page told it. */
  pages?: number;
  /** The page whose answer set `pages`. */
  countedBy?: CountedBy;
}

/** What the tally knows of a partition of one run. */
export interface Tally {
  /** How many slices the partition was planned with (absent: not recorded by the planner). */
  slices?: number;
  /** Per slice: the ordinals staged, and its page count once a page told it. */
  bySlice: Map<string, TalliedSlice>;
}

/**
 * How a page's answer changes its slice's page count (every store applies this rule): the
 * newest answer of the page that set the count replaces it (a page fetched again after the
 * vendor's data grew now says more pages follow: the count it set is cleared, and the page it
 * now reveals is fetched and tells the new end), and another page's count replaces it only when
 * smaller. Taking the smaller of two pages' counts is what keeps a slice from waiting for a page
 * nobody fetches: the pages below the smaller end were all sent (the chain of "more" answers or
 * the first page's fan-out reached them), so the partition looks whole and its commit refuses the
 * disagreement as drift (pages-agree.ts), where the larger count would wait forever for pages
 * only the disagreeing page announced (a fanned-out page never sends pages of its own). For the
 * same reason the page that set the count raises it only when it is the first page (which fans
 * out the pages of its new total); a later page's larger total leaves the count, and the commit
 * judges the pages (drift, or whole once the first page, fetched again, fanned out the rest).
 * Returns the slice's new count and setter, or undefined when the count stays as it is.
 */
export function countAfter(
  slice: Pick<TalliedSlice, 'pages' | 'countedBy'>,
  page: TalliedPage,
): { pages?: number; countedBy?: CountedBy } | undefined {
  const own = slice.countedBy?.ordinal === page.ordinal;
  const by: CountedBy = {
    ordinal: page.ordinal,
    ...(page.stagedAt !== undefined ? { stagedAt: page.stagedAt } : {}),
  };
  if (page.pages === undefined) return own ? {} : undefined;
  if (slice.pages === undefined || page.pages < slice.pages) return { pages: page.pages, countedBy: by };
  if (own && (page.ordinal === 0 || page.pages === slice.pages)) return { pages: page.pages, countedBy: by };
  return undefined;
}

/**
 * Port: which pages of a partition are staged, kept where every container sees it (deployed:
 * one control-table item per partition and run, updated by one conditional write per page;
 * locally: the run's memory). It replaces listing and reading the staged pages to decide
 * completeness: a page is recorded only after its object is whole, recording it again changes
 * nothing (a set of ordinals, not a counter), and the answer to a record is the partition's
 * whole tally, so the page staged last sees every page of every slice.
 */
export interface PageTally {
  /** The partition has `slices` slices in this run: written by its planning, before any page task. */
  expect(runId: string, partition: PartitionRef, slices: number): Promise<void>;
  /** Records a whole staged page; returns the tally after it. */
  record(runId: string, partition: PartitionRef, page: TalliedPage): Promise<Tally>;
  read(runId: string, partition: PartitionRef): Promise<Tally>;
  /**
   * The most pages the store can record for this partition with these slices (each slice holds
   * at least one), when it bounds them: deployed, the tally is one DynamoDB item of at most
   * 400 KB. Absent: no bound beyond limits.maxPagesPerPartition. Planning checks the partition's
   * pages against it before any page is fetched, and the store refuses a page past it.
   */
  capacity?(runId: string, partition: PartitionRef, sliceKeys: readonly string[]): number;
}

/**
 * The error for a partition with more pages than its tally can record (`what` says which): one
 * clear line, never retried; raising the page budget would not help, so it says what does.
 */
export function tallyFullError(what: string): BudgetExceededError {
  return new BudgetExceededError(
    'maxPagesPerPartition',
    `${what} (deployed, the page tally is one DynamoDB item of at most 400 KB); no page past it is recorded`,
    {
      remedy:
        'a larger page size (fewer pages) or fewer slices fits; a larger budget does not, the item size is fixed',
    },
  );
}

/**
 * What keeps the tally from saying the partition is complete, or undefined when it is: every
 * slice (the manifest's keys, or as many as the planner expected) needs its page count and
 * every ordinal below it.
 */
export function missingFromTally(tally: Tally, sliceKeys?: readonly string[]): string | undefined {
  const keys = sliceKeys ?? [...tally.bySlice.keys()];
  if (sliceKeys === undefined) {
    if (tally.slices === undefined) return 'the number of slices is not recorded';
    if (keys.length < tally.slices)
      return `${tally.slices - keys.length} of ${tally.slices} slices not staged yet`;
  }
  for (const key of keys) {
    const slice = tally.bySlice.get(key);
    if (!slice) return `slice ${key}: no page staged`;
    if (slice.pages === undefined)
      return `slice ${key}: last page not fetched yet (${slice.staged.size} staged)`;
    for (let ordinal = 0; ordinal < slice.pages; ordinal++) {
      if (!slice.staged.has(ordinal)) return `slice ${key}: page ${ordinal + 1} of ${slice.pages} not staged`;
    }
  }
  return undefined;
}

/** The tally in one process's memory: the CLI, where one process runs the whole run. */
export class InProcessPageTally implements PageTally {
  private readonly tallies = new Map<string, Tally>();

  async expect(runId: string, partition: PartitionRef, slices: number): Promise<void> {
    this.tally(runId, partition).slices = slices;
  }

  async record(runId: string, partition: PartitionRef, page: TalliedPage): Promise<Tally> {
    const tally = this.tally(runId, partition);
    let slice = tally.bySlice.get(page.slice);
    if (!slice) {
      slice = { staged: new Set() };
      tally.bySlice.set(page.slice, slice);
    }
    slice.staged.add(page.ordinal);
    const count = countAfter(slice, page);
    if (count) {
      delete slice.pages;
      delete slice.countedBy;
      Object.assign(slice, count);
    }
    return copy(tally);
  }

  async read(runId: string, partition: PartitionRef): Promise<Tally> {
    return copy(this.tally(runId, partition));
  }

  private tally(runId: string, partition: PartitionRef): Tally {
    const key = `${runId}/${partition.table}/${partition.source}/${partition.date}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { bySlice: new Map() };
      this.tallies.set(key, tally);
    }
    return tally;
  }
}

function copy(tally: Tally): Tally {
  return {
    ...(tally.slices !== undefined ? { slices: tally.slices } : {}),
    bySlice: new Map(
      [...tally.bySlice].map(([key, slice]) => [
        key,
        {
          staged: new Set(slice.staged),
          ...(slice.pages !== undefined ? { pages: slice.pages } : {}),
          ...(slice.countedBy ? { countedBy: { ...slice.countedBy } } : {}),
        },
      ]),
    ),
  };
}
