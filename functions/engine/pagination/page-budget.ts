import { BudgetExceededError } from '../errors.js';
import { getPath } from '../json-path.js';

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

/** Reads a number the vendor reports (sometimes as a string) from a JSON body. */
export function numberAt(body: unknown, path: string | undefined): number | undefined {
  if (!path) return undefined;
  const value = getPath(body, path);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
