import { InternalError } from '../errors.js';
import type { PinnedOrigin } from '../http/origin.js';

/**
 * One interface for every way a vendor pages (in the manner of dlt's rest_api paginators): a
 * paginator puts a page into a request and decides, from what a fetched page says, which pages
 * follow. Its state is plain JSON, so a page can travel in a queue message; `kind` names the
 * strategy that made it. Strategies: `page-number.ts` (page numbers and offsets), `cursor.ts`,
 * `linked.ts` (RFC 8288 Link header, next URL in the body), `single.ts`.
 */
export interface Paginator {
  /** The strategy's name; every state it makes carries it as `kind`. */
  readonly kind: string;
  first(): PageRef;
  /**
   * Every page of a slice whose item count is known before the first request (TUNE's
   * count.json). Absent: the strategy cannot number its pages and they are followed one by one.
   */
  allPages?(totalItems: number, maxPages: number): PageRef[];
  /** Puts the page into the request; the page size is always ours, never taken from a vendor URL. */
  apply(state: PageState, request: PageRequest): PageRequest;
  /** Decides what follows a fetched page. */
  next(page: PageRef, response: PageResponse, options: FollowOptions): FollowingPages;
}

/** A paginator's state: plain JSON, tagged with the strategy that made it. */
export type PageState = { kind: string } & { [field: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A page to fetch: its state and its position (0-based) in the slice. */
export interface PageRef {
  state: PageState;
  ordinal: number;
}

export interface PageRequest {
  url: URL;
  body?: Record<string, unknown>;
}

/** What a fetched page shows a paginator. */
export interface PageResponse {
  /** Records the page held. */
  records: number;
  headers: Headers;
  /** The parsed body, when the page was one JSON document (absent for a stream). */
  body?: unknown;
  /** An item total already known: counted up front (count.json) or read from a stream's header. */
  totalItems?: number;
}

export interface FollowOptions {
  /** The planner already queued every page of this slice. */
  fannedOut: boolean;
  /** limits.maxPagesPerPartition. */
  maxPages?: number;
  /** Where a followed vendor URL must stay (the source's base URL); linked paginators need it. */
  origin?: PinnedOrigin;
}

export interface FollowingPages {
  pages: PageRef[];
  isLast: boolean;
  totalPages?: number;
  /** The slice's item total as the vendor announced it, checked against the rows at commit. */
  totalItems?: number;
}

/** Every page of a slice with a known total, or its first page when the strategy cannot number. */
export function pagesForTotal(paginator: Paginator, totalItems: number, maxPages: number): PageRef[] {
  return paginator.allPages?.(totalItems, maxPages) ?? [paginator.first()];
}

/** A state of another strategy is a bug or a forged message: never guessed at. */
export function stateOf<S extends PageState>(paginator: Paginator, state: PageState): S {
  if (state.kind !== paginator.kind)
    throw new InternalError(`page state "${state.kind}" does not belong to a "${paginator.kind}" paginator`);
  return state as S;
}
