import { BudgetExceededError } from '../errors.js';

/** A page count the vendor announced or implied, held against limits.maxPagesPerPartition. */
export function checkPageCount(pages: number, maxPages: number | undefined, verb: string): number {
  const max = maxPages ?? Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(pages) || pages > max) {
    throw new BudgetExceededError(
      'maxPagesPerPartition',
      `the vendor ${verb} ${verb === 'announces' ? `${pages} pages, more than` : ''} ${max} pages`.replace(
        /\s+/g,
        ' ',
      ),
    );
  }
  return pages;
}
