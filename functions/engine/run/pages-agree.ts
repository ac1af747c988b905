import { DriftError, type ErrorContext } from '../errors.js';
import type { PageMeta, PartitionManifest } from '../staging/staging-store.js';

/** Where a page says its slice ends: its page total, or its own ordinal + 1 when it is the last. */
function announcedPages(page: PageMeta): number | undefined {
  return page.totalPages ?? (page.isLast ? page.ordinal + 1 : undefined);
}

/**
 * The staged pages of each slice must tell one story of the slice: where it ends and how many
 * rows it holds. A page is staged under its slice and ordinal, so fetching it again (an SQS
 * redelivery, a retry, a redrive of the same run) replaces it, but a page fetched before is kept
 * whatever the vendor serves now: when the vendor's data changed in between, a page past the end
 * that a later page announces, or two pages announcing different totals, mean the staged pages
 * come from different versions of the slice, and some hold rows the vendor no longer serves (or
 * serves on another page: a duplicate). Nothing proves which pages are current (the pages before
 * the one fetched again were fetched before the change too), so the partition is refused as a
 * whole, before anything is written: the previous partition stays until a new run fetches the
 * date again (docs/guarantees.md § 1).
 *
 * Page 1 is always fetched and counts even when it announces no pages at all: MediaMath answers an
 * empty day with total_pages 0 over an empty first page.
 */
export function checkPagesAgree(
  manifest: PartitionManifest,
  pages: readonly PageMeta[],
  context: ErrorContext,
): void {
  const refuse = (slice: string, what: string) =>
    new DriftError(
      'PAGES_DISAGREE',
      `slice ${slice}: ${what}: the vendor's data changed while its pages were fetched, so some staged pages hold rows it no longer serves; nothing written, the previous partition stays until a new run fetches the date whole`,
      { context },
    );
  for (const slice of manifest.slices) {
    const own = pages.filter((p) => p.slice === slice.key).sort((a, b) => a.ordinal - b.ordinal);
    const ends = own.filter((p) => announcedPages(p) !== undefined);
    if (ends.length > 0) {
      const by = (pick: (a: number, b: number) => boolean) =>
        ends.reduce((best, p) => (pick(announcedPages(p)!, announcedPages(best)!) ? p : best));
      const shortest = by((a, b) => a < b);
      const longest = by((a, b) => a > b);
      const count = announcedPages(shortest)!;
      const past = own.find((p) => p.ordinal >= Math.max(1, count));
      if (past)
        throw refuse(
          slice.key,
          `page ${shortest.ordinal + 1} says the slice ends at ${count} pages but page ${past.ordinal + 1} is staged`,
        );
      if (announcedPages(longest) !== count)
        throw refuse(
          slice.key,
          `page ${shortest.ordinal + 1} says the slice has ${count} pages, page ${longest.ordinal + 1} says ${announcedPages(longest)}`,
        );
    }
    const totals = own.filter((p) => p.totalItems !== undefined);
    const other = totals.find((p) => p.totalItems !== totals[0]!.totalItems);
    if (other)
      throw refuse(
        slice.key,
        `page ${totals[0]!.ordinal + 1} says the slice holds ${totals[0]!.totalItems} rows, page ${other.ordinal + 1} says ${other.totalItems}`,
      );
  }
}
