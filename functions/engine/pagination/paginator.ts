import { BudgetExceededError, ReportFetcherError } from '../errors.js';
import { getPath, setPath } from '../json-path.js';

/**
 * Paginators are a small union; their state is plain JSON so a page can travel through a queue.
 * - page-number: `page`/`per_page` style, in the query (Adcloud, TUNE) or the JSON body
 *   (MediaMath's pagination.page_index). When the total is known, every page is known up front
 *   and the pages fan out; otherwise they are followed one by one.
 * - link-header: RFC 8288 `Link: <…>; rel="next"` (AdMaster). Strictly sequential. The vendor's
 *   URL is checked against the source's origin and path prefix and reduced to a path and query
 *   without credentials (`PinnedOrigin.reduce`) before it becomes page state; the state is
 *   resolved against the configured origin again when the page is sent.
 * - single: one response holds everything (MediaMath's NDJSON stream).
 */
export type PaginatorSpec =
  | {
      kind: 'page-number';
      in: 'query' | 'body';
      pageParam: string;
      sizeParam: string;
      pageSize: number;
      firstPage: number;
    }
  | { kind: 'link-header'; sizeParam: string; pageSize: number }
  | { kind: 'single' };

export type PageState =
  | { kind: 'page-number'; page: number }
  /** `next`: the path and query of the next page on the source's origin (null: the first page). */
  | { kind: 'link-header'; next: string | null }
  | { kind: 'single' };

/** A page to fetch: its state and its position (0-based) in the slice. */
export interface PageRef {
  state: PageState;
  ordinal: number;
}

/** What a fetched page says about the pages around it. */
export interface PageSignals {
  records: number;
  totalItems?: number;
  totalPages?: number;
  /**
   * The vendor's own "there is more" indicator (a next URL, a next link). For a link-header
   * paginator, already reduced to a path and query on the source's origin.
   */
  nextUrl?: string | null;
}

export interface FollowingPages {
  pages: PageRef[];
  isLast: boolean;
  totalPages?: number;
}

export function firstPage(spec: PaginatorSpec): PageRef {
  switch (spec.kind) {
    case 'page-number':
      return { state: { kind: 'page-number', page: spec.firstPage }, ordinal: 0 };
    case 'link-header':
      return { state: { kind: 'link-header', next: null }, ordinal: 0 };
    case 'single':
      return { state: { kind: 'single' }, ordinal: 0 };
  }
}

/** Every page of a slice whose item count is known before the first request (TUNE's count.json). */
export function allPages(
  spec: PaginatorSpec,
  totalItems: number,
  maxPages = Number.POSITIVE_INFINITY,
): PageRef[] {
  if (spec.kind !== 'page-number') return [firstPage(spec)];
  const pages = checkPageCount(Math.max(1, Math.ceil(totalItems / spec.pageSize)), maxPages, 'announces');
  return Array.from({ length: pages }, (_, ordinal) => ({
    state: { kind: 'page-number', page: spec.firstPage + ordinal },
    ordinal,
  }));
}

export function totalPagesFor(spec: PaginatorSpec, totalItems: number): number {
  return spec.kind === 'page-number' ? Math.max(1, Math.ceil(totalItems / spec.pageSize)) : 1;
}

/** Puts the page into the request; the page size is always set by us, never trusted from a URL. */
export function applyPage(
  spec: PaginatorSpec,
  state: PageState,
  request: { url: URL; body?: Record<string, unknown> },
): { url: URL; body?: Record<string, unknown> } {
  if (spec.kind === 'page-number' && state.kind === 'page-number') {
    if (spec.in === 'query') {
      const url = new URL(request.url);
      url.searchParams.set(spec.pageParam, String(state.page));
      url.searchParams.set(spec.sizeParam, String(spec.pageSize));
      return { ...request, url };
    }
    const body = structuredClone(request.body ?? {});
    setPath(body, spec.pageParam, state.page);
    setPath(body, spec.sizeParam, spec.pageSize);
    return { ...request, body };
  }
  if (spec.kind === 'link-header' && state.kind === 'link-header') {
    // A path only ("/…", never "//host/…" or "scheme:…"): the origin is always the configured one.
    if (
      state.next !== null &&
      (!state.next.startsWith('/') || state.next.startsWith('//') || state.next.includes('\\'))
    )
      throw new ReportFetcherError('UNTRUSTED_URL', 'a link-header page state must be a path on the source');
    const url = state.next === null ? new URL(request.url) : new URL(state.next, request.url.origin);
    url.searchParams.set(spec.sizeParam, String(spec.pageSize));
    return { ...request, url };
  }
  if (spec.kind === 'single' && state.kind === 'single') return request;
  throw new Error(`page state "${state.kind}" does not belong to a "${spec.kind}" paginator`);
}

/**
 * Decides what follows a fetched page. With a known total, the first page fans out all the
 * others (unless the planner already did); later pages add nothing. Without one, each page
 * names its successor.
 */
export function followingPages(
  spec: PaginatorSpec,
  page: PageRef,
  signals: PageSignals,
  options: { fannedOut: boolean; maxPages?: number },
): FollowingPages {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  if (spec.kind === 'single') return { pages: [], isLast: true, totalPages: 1 };
  if (spec.kind === 'link-header') {
    if (!signals.nextUrl) return { pages: [], isLast: true };
    if (page.state.kind === 'link-header' && page.state.next === signals.nextUrl) {
      throw new ReportFetcherError(
        'BODY_MALFORMED',
        `the vendor's next link points back to the page just fetched (${signals.nextUrl.slice(0, 120)})`,
      );
    }
    checkPageCount(page.ordinal + 2, maxPages, 'keeps announcing a next page past');
    return {
      pages: [{ state: { kind: 'link-header', next: signals.nextUrl }, ordinal: page.ordinal + 1 }],
      isLast: false,
    };
  }
  const announced =
    signals.totalPages ??
    (signals.totalItems !== undefined ? totalPagesFor(spec, signals.totalItems) : undefined);
  const totalPages = announced === undefined ? undefined : checkPageCount(announced, maxPages, 'announces');
  if (totalPages !== undefined) {
    const isLast = page.ordinal >= totalPages - 1;
    if (page.ordinal !== 0 || options.fannedOut) return { pages: [], isLast, totalPages };
    const pages: PageRef[] = [];
    for (let ordinal = 1; ordinal < totalPages; ordinal++) {
      pages.push({ state: { kind: 'page-number', page: spec.firstPage + ordinal }, ordinal });
    }
    return { pages, isLast, totalPages };
  }
  const hasNext = signals.nextUrl !== undefined ? !!signals.nextUrl : signals.records >= spec.pageSize;
  if (!hasNext) return { pages: [], isLast: true };
  checkPageCount(page.ordinal + 2, maxPages, 'keeps announcing a next page past');
  const current = page.state.kind === 'page-number' ? page.state.page : spec.firstPage;
  return {
    pages: [{ state: { kind: 'page-number', page: current + 1 }, ordinal: page.ordinal + 1 }],
    isLast: false,
  };
}

/** Reads a number the vendor reports (sometimes as a string) from a JSON body. */
export function numberAt(body: unknown, path: string | undefined): number | undefined {
  if (!path) return undefined;
  const value = getPath(body, path);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A page count the vendor announced or implied, held against limits.maxPagesPerPartition. */
function checkPageCount(pages: number, maxPages: number, verb: string): number {
  if (!Number.isSafeInteger(pages) || pages > maxPages) {
    throw new BudgetExceededError(
      'maxPagesPerPartition',
      `the vendor ${verb} ${verb === 'announces' ? `${pages} pages, more than` : ''} ${maxPages} pages`.replace(
        /\s+/g,
        ' ',
      ),
    );
  }
  return pages;
}
