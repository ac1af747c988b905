import { VendorError } from '../errors.js';
import { getPath, setPath } from '../json-path.js';
import { checkPageCount } from './page-budget.js';
import type { PageState, Paginator } from './paginator.js';
import { stateOf } from './paginator.js';

/** A cursor is vendor text that travels in queue messages and requests: bounded like any. */
const MAX_CURSOR_LENGTH = 2048;

export interface CursorOptions {
  /** Where the cursor goes: the query string or the JSON body. */
  in: 'query' | 'body';
  /** Name (or dotted body path) of the cursor parameter; left out of the first request. */
  cursorParam: string;
  /** Body path of the next cursor in a response; absent, null or "" ends the slice. */
  nextCursor: string;
  sizeParam?: string;
  pageSize?: number;
}

/**
 * An opaque cursor the vendor hands out with each page (dlt's JSONResponseCursorPaginator).
 * Strictly sequential; the state is `{ kind: 'cursor', cursor }` (null for the first page).
 */
export function cursor(options: CursorOptions): Paginator {
  const stateAt = (value: string | null): PageState => ({ kind: 'cursor', cursor: value });
  const paginator: Paginator = {
    kind: 'cursor',
    first: () => ({ state: stateAt(null), ordinal: 0 }),
    apply(state, request) {
      const { cursor: value } = stateOf<{ kind: string; cursor: string | null }>(paginator, state);
      if (value !== null && typeof value !== 'string')
        throw new VendorError('BODY_MALFORMED', 'a cursor page state must carry a string');
      const sized = options.sizeParam && options.pageSize !== undefined;
      if (options.in === 'query') {
        const url = new URL(request.url);
        if (value !== null) url.searchParams.set(options.cursorParam, value);
        if (sized) url.searchParams.set(options.sizeParam!, String(options.pageSize));
        return { ...request, url };
      }
      const body = structuredClone(request.body ?? {});
      if (value !== null) setPath(body, options.cursorParam, value);
      if (sized) setPath(body, options.sizeParam!, options.pageSize);
      return { ...request, body };
    },
    next(page, response, { maxPages }) {
      const known = response.totalItems === undefined ? {} : { totalItems: response.totalItems };
      const raw = getPath(response.body, options.nextCursor);
      const next = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (next === undefined || next === null || next === '') return { pages: [], isLast: true, ...known };
      if (typeof next !== 'string' || next.length > MAX_CURSOR_LENGTH)
        throw new VendorError(
          'BODY_MALFORMED',
          `the next cursor at "${options.nextCursor}" is not a string of at most ${MAX_CURSOR_LENGTH} characters`,
        );
      if (stateOf<{ kind: string; cursor: string | null }>(paginator, page.state).cursor === next)
        throw new VendorError(
          'BODY_MALFORMED',
          `the vendor's next cursor is the cursor of the page just fetched (${next.slice(0, 120)})`,
        );
      checkPageCount(page.ordinal + 2, maxPages, 'keeps announcing a next page past');
      return { pages: [{ state: stateAt(next), ordinal: page.ordinal + 1 }], isLast: false, ...known };
    },
  };
  return paginator;
}
