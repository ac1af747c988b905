import { getPath, numberAt, setPath } from '../json-path.js';

import { checkPageCount } from './page-budget.js';
import type {
  FollowingPages,
  PageRef,
  PageRequest,
  PageResponse,
  PageState,
  Paginator,
} from './paginator.js';
import { stateOf } from './paginator.js';

/** What numbered pages (page numbers, offsets) share: where the numbers go and how the end shows. */
interface NumberedOptions {
  /** The query string (Adcloud, TUNE) or the JSON body (MediaMath's pagination.page_index). */
  in: 'query' | 'body';
  /** Name (or dotted body path) of the page size; the size is always ours. */
  sizeParam: string;
  pageSize: number;
  /** Body path of the slice's item total (Adcloud's collection.size): all pages fan out at once. */
  totalItems?: string;
  /** Body path of the page total (MediaMath's meta.total_pages). */
  totalPages?: string;
  /**
   * Body path of the vendor's "there is more" indicator (Adcloud's collection.next_url): only its
   * presence counts, the URL is never requested. Absent: a full page means there may be more.
   */
  hasMore?: string;
}

export interface PageNumberOptions extends NumberedOptions {
  pageParam: string;
  firstPage: number;
}

export interface OffsetOptions extends NumberedOptions {
  /** Name (or dotted body path) of the offset of the page's first record; counts from 0. */
  offsetParam: string;
}

/** `page`/`per_page` style: the page's number travels as `{ kind: 'page-number', page }`. */
export function pageNumber(options: PageNumberOptions): Paginator {
  return numbered('page-number', 'page', options.pageParam, options.firstPage, 1, options);
}

/** `offset`/`limit` style: the page's first record travels as `{ kind: 'offset', offset }`. */
export function offset(options: OffsetOptions): Paginator {
  return numbered('offset', 'offset', options.offsetParam, 0, options.pageSize, options);
}

/**
 * Pages numbered `start + step · ordinal`. When the total is known (up front, or from the first
 * page) every page is known and the pages fan out from the first; otherwise they are followed one
 * by one until a page says there is no more.
 */
function numbered(
  kind: string,
  field: string,
  param: string,
  start: number,
  step: number,
  options: NumberedOptions,
): Paginator {
  const stateAt = (value: number): PageState => ({ kind, [field]: value });
  const pagesFor = (totalItems: number) => Math.max(1, Math.ceil(totalItems / options.pageSize));
  const pages = (from: number, to: number): PageRef[] =>
    Array.from({ length: to - from }, (_, i) => ({
      state: stateAt(start + step * (from + i)),
      ordinal: from + i,
    }));
  const paginator: Paginator = {
    kind,
    first: () => ({ state: stateAt(start), ordinal: 0 }),
    allPages: (totalItems, maxPages) => pages(0, checkPageCount(pagesFor(totalItems), maxPages, 'announces')),
    apply(state, request): PageRequest {
      const value = stateOf(paginator, state)[field];
      if (options.in === 'query') {
        const url = new URL(request.url);
        url.searchParams.set(param, String(value));
        url.searchParams.set(options.sizeParam, String(options.pageSize));
        return { ...request, url };
      }
      const body = structuredClone(request.body ?? {});
      setPath(body, param, value);
      setPath(body, options.sizeParam, options.pageSize);
      return { ...request, body };
    },
    next(page, response: PageResponse, { fannedOut, maxPages }): FollowingPages {
      const totalItems = numberAt(response.body, options.totalItems) ?? response.totalItems;
      const known = totalItems === undefined ? {} : { totalItems };
      const announced =
        numberAt(response.body, options.totalPages) ??
        (totalItems !== undefined ? pagesFor(totalItems) : undefined);
      if (announced !== undefined) {
        const totalPages = checkPageCount(announced, maxPages, 'announces');
        const isLast = page.ordinal >= totalPages - 1;
        const following = page.ordinal !== 0 || fannedOut ? [] : pages(1, totalPages);
        return { pages: following, isLast, totalPages, ...known };
      }
      const hasMore =
        options.hasMore !== undefined
          ? !!getPath(response.body, options.hasMore)
          : response.records >= options.pageSize;
      if (!hasMore) return { pages: [], isLast: true, ...known };
      checkPageCount(page.ordinal + 2, maxPages, 'keeps announcing a next page past');
      const current = stateOf(paginator, page.state)[field] as number;
      return {
        pages: [{ state: stateAt(current + step), ordinal: page.ordinal + 1 }],
        isLast: false,
        ...known,
      };
    },
  };
  return paginator;
}
