import { InternalError, VendorError } from '../errors.js';
import { getPath } from '../json-path.js';
import { parseLinkHeader } from './link-header.js';
import { checkPageCount } from './page-budget.js';
import type { PageResponse, PageState, Paginator } from './paginator.js';
import { stateOf } from './paginator.js';

export interface LinkedOptions {
  /** Our page size, set on every request (the vendor's URL may drop or change it). */
  sizeParam?: string;
  pageSize?: number;
}

/** RFC 8288 `Link: <…>; rel="next"` (AdMaster). Strictly sequential. */
export function linkHeader(options: LinkedOptions = {}): Paginator {
  return linked(
    'link-header',
    'Link rel="next"',
    (response) => parseLinkHeader(response.headers.get('link')).next,
    options,
  );
}

/** The next page's URL in the body at `path` (dlt's JSONLinkPaginator). Strictly sequential. */
export function nextUrl(options: LinkedOptions & { path: string }): Paginator {
  return linked(
    'next-url',
    `the next URL at "${options.path}"`,
    (response) => {
      const value = getPath(response.body, options.path);
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    options,
  );
}

/**
 * Pages the vendor links to. The vendor's URL is checked against the source's origin and path
 * prefix and reduced to a path and query without credentials (`PinnedOrigin.reduce`) before it
 * becomes page state (`{ kind, next }`, null for the first page); the state is resolved against
 * the configured origin again when the page is sent.
 */
function linked(
  kind: string,
  what: string,
  locate: (response: PageResponse) => string | undefined,
  options: LinkedOptions,
): Paginator {
  const stateAt = (next: string | null): PageState => ({ kind, next });
  const paginator: Paginator = {
    kind,
    first: () => ({ state: stateAt(null), ordinal: 0 }),
    apply(state, request) {
      const { next } = stateOf<{ kind: string; next: string | null }>(paginator, state);
      // A path only ("/…", never "//host/…" or "scheme:…"): the origin is always the configured one.
      if (next !== null && (typeof next !== 'string' || !isPagePath(next)))
        throw new VendorError('UNTRUSTED_URL', `a ${kind} page state must be a path on the source`);
      const url = next === null ? new URL(request.url) : new URL(next, request.url.origin);
      if (options.sizeParam && options.pageSize !== undefined)
        url.searchParams.set(options.sizeParam, String(options.pageSize));
      return { ...request, url };
    },
    next(page, response, { maxPages, origin }) {
      const known = response.totalItems === undefined ? {} : { totalItems: response.totalItems };
      const vendorUrl = locate(response);
      if (!vendorUrl) return { pages: [], isLast: true, ...known };
      if (!origin) throw new InternalError(`a ${kind} paginator needs the source origin to follow a link`);
      const next = origin.reduce(vendorUrl, what);
      if (stateOf<{ kind: string; next: string | null }>(paginator, page.state).next === next) {
        throw new VendorError(
          'BODY_MALFORMED',
          `the vendor's next link points back to the page just fetched (${next.slice(0, 120)})`,
        );
      }
      checkPageCount(page.ordinal + 2, maxPages, 'keeps announcing a next page past');
      return { pages: [{ state: stateAt(next), ordinal: page.ordinal + 1 }], isLast: false, ...known };
    },
  };
  return paginator;
}

/** A path and query on the source's origin: "/…", never "//host/…", "/\host" or "scheme:…". */
export function isPagePath(next: string): boolean {
  return next.startsWith('/') && !next.startsWith('//') && !next.includes('\\');
}
