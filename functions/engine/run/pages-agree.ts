import { DriftError, type ErrorContext } from '../errors.js';
import type { Tally } from '../staging/page-tally.js';
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

/**
 * Why the staged pages do not make the partition whole though the page tally said they did,
 * when the vendor's data changing is why: the page whose answer set a slice's page count was
 * staged again since (its meta's `stagedAt` is not the one the tally recorded) and answers
 * otherwise now (a page that was the last says more pages follow: the vendor's data grew). The
 * tally takes that newer answer when the page's recording lands, a moment after its object; a
 * commit in between sees the object already, so this is drift, and a try after it finds the
 * partition incomplete until the page the new answer revealed is staged. Undefined when the
 * tally's own record does not explain it (an internal fault).
 */
export function tallyOutdated(
  manifest: PartitionManifest,
  tally: Tally,
  pages: readonly PageMeta[],
  context: ErrorContext,
): DriftError | undefined {
  for (const slice of manifest.slices) {
    const counted = tally.bySlice.get(slice.key);
    const by = counted?.countedBy;
    if (!counted || !by?.stagedAt) continue;
    const page = pages.find((p) => p.slice === slice.key && p.ordinal === by.ordinal);
    if (!page || page.stagedAt === by.stagedAt || announcedPages(page) === counted.pages) continue;
    const now = announcedPages(page);
    return new DriftError(
      'PAGES_DISAGREE',
      `slice ${slice.key}: page ${by.ordinal + 1} told the page tally the slice has ${counted.pages} pages, then was fetched again and now says ${now === undefined ? 'more pages follow' : `it has ${now}`}: the vendor's data changed while its pages were fetched; nothing written, the commit is tried again once the tally has the new answer`,
      { context },
    );
  }
  return undefined;
}
