import { describe, expect, it } from 'vitest';
import { PinnedOrigin } from '../../functions/engine/http/origin.js';
import { parseLinkHeader } from '../../functions/engine/pagination/link-header.js';
import {
  allPages,
  applyPage,
  firstPage,
  followingPages,
  type PaginatorSpec,
} from '../../functions/engine/pagination/paginator.js';

const pageNumber: PaginatorSpec = {
  kind: 'page-number',
  in: 'query',
  pageParam: 'page',
  sizeParam: 'per_page',
  pageSize: 200,
  firstPage: 1,
};
const bodyIndex: PaginatorSpec = {
  kind: 'page-number',
  in: 'body',
  pageParam: 'pagination.page_index',
  sizeParam: 'pagination.page_size',
  pageSize: 1000,
  firstPage: 0,
};
const link: PaginatorSpec = { kind: 'link-header', sizeParam: 'per_page', pageSize: 100 };

describe('page-number paginator', () => {
  it('sets page and size in the query, overriding whatever the URL carried', () => {
    const { url } = applyPage(
      pageNumber,
      { kind: 'page-number', page: 3 },
      { url: new URL('http://h/r?per_page=50&x=1') },
    );
    expect(url.searchParams.get('page')).toBe('3');
    expect(url.searchParams.get('per_page')).toBe('200');
    expect(url.searchParams.get('x')).toBe('1');
  });

  it('sets page and size inside a JSON body without touching the original', () => {
    const body = { fields: ['a'] };
    const applied = applyPage(
      bodyIndex,
      { kind: 'page-number', page: 2 },
      { url: new URL('http://h/'), body },
    );
    expect(applied.body).toEqual({ fields: ['a'], pagination: { page_index: 2, page_size: 1000 } });
    expect(body).toEqual({ fields: ['a'] });
  });

  it('fans out every remaining page from the first when the total is known', () => {
    const following = followingPages(
      pageNumber,
      firstPage(pageNumber),
      { records: 200, totalItems: 450 },
      { fannedOut: false },
    );
    expect(following.totalPages).toBe(3);
    expect(following.isLast).toBe(false);
    expect(following.pages).toEqual([
      { state: { kind: 'page-number', page: 2 }, ordinal: 1 },
      { state: { kind: 'page-number', page: 3 }, ordinal: 2 },
    ]);
  });

  it('adds nothing from later pages, and knows the last one', () => {
    const last = followingPages(
      pageNumber,
      { state: { kind: 'page-number', page: 3 }, ordinal: 2 },
      { records: 50, totalItems: 450 },
      { fannedOut: false },
    );
    expect(last).toEqual({ pages: [], isLast: true, totalPages: 3 });
  });

  it('treats an empty collection as one (last) page', () => {
    expect(
      followingPages(pageNumber, firstPage(pageNumber), { records: 0, totalItems: 0 }, { fannedOut: false }),
    ).toEqual({ pages: [], isLast: true, totalPages: 1 });
  });

  it('does not fan out again when the planner already did', () => {
    expect(
      followingPages(
        pageNumber,
        firstPage(pageNumber),
        { records: 200, totalItems: 450 },
        { fannedOut: true },
      ).pages,
    ).toEqual([]);
  });

  it('follows page by page when no total is given', () => {
    const next = followingPages(bodyIndex, firstPage(bodyIndex), { records: 1000 }, { fannedOut: false });
    expect(next.pages).toEqual([{ state: { kind: 'page-number', page: 1 }, ordinal: 1 }]);
    expect(followingPages(bodyIndex, next.pages[0]!, { records: 10 }, { fannedOut: false }).isLast).toBe(
      true,
    );
  });

  it('uses totalPages when the vendor gives it', () => {
    expect(
      followingPages(bodyIndex, firstPage(bodyIndex), { records: 1000, totalPages: 2 }, { fannedOut: false })
        .pages,
    ).toHaveLength(1);
  });

  it('plans all pages for a known count', () => {
    expect(allPages(pageNumber, 401).map((p) => p.state)).toEqual(
      [1, 2, 3].map((page) => ({ kind: 'page-number', page })),
    );
    expect(allPages(pageNumber, 0)).toHaveLength(1);
  });

  it('keeps state as plain JSON', () => {
    const state = followingPages(
      pageNumber,
      firstPage(pageNumber),
      { records: 200, totalItems: 401 },
      { fannedOut: false },
    );
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('link-header paginator', () => {
  it('stores the next link as a path on the source and re-applies the page size', () => {
    const origin = new PinnedOrigin('https://h/', 'baseUrl');
    const reduced = origin.reduce('https://h/c?page=2&access_token=SECRET123', 'Link rel="next"');
    const next = followingPages(
      link,
      firstPage(link),
      { records: 100, nextUrl: reduced },
      { fannedOut: false },
    );
    expect(next.pages).toEqual([{ state: { kind: 'link-header', next: '/c?page=2' }, ordinal: 1 }]);
    const { url } = applyPage(link, next.pages[0]!.state, { url: new URL('http://h/c') });
    expect(url.toString()).toBe('http://h/c?page=2&per_page=100');
  });

  it('resolves a page state on the request origin only, never on one the state names', () => {
    for (const next of ['//evil.test/c', 'http://evil.test/c', '/\\evil.test/c', 'c?page=2']) {
      expect(() => applyPage(link, { kind: 'link-header', next }, { url: new URL('http://h/c') })).toThrow(
        /must be a path/,
      );
    }
  });

  it('refuses a next link that points back to the page just fetched', () => {
    const page = { state: { kind: 'link-header' as const, next: '/c?page=2' }, ordinal: 1 };
    expect(() =>
      followingPages(link, page, { records: 1, nextUrl: '/c?page=2' }, { fannedOut: false }),
    ).toThrow(/points back to the page just fetched/);
  });

  it('stops a next link that never ends at the page budget, naming it', () => {
    const page = { state: { kind: 'link-header' as const, next: '/c?page=9' }, ordinal: 9 };
    expect(() =>
      followingPages(link, page, { records: 1, nextUrl: '/c?page=10' }, { fannedOut: false, maxPages: 10 }),
    ).toThrow(/limits\.maxPagesPerPartition/);
  });

  it('ends when there is no next link', () => {
    expect(
      followingPages(link, firstPage(link), { records: 3, nextUrl: null }, { fannedOut: false }),
    ).toEqual({ pages: [], isLast: true });
  });

  it('parses RFC 8288 headers, including the typographic quotes of the AdMaster doc', () => {
    expect(
      parseLinkHeader(
        '<http://a/x?page=3&per_page=100>; rel="next", <http://a/x?page=50&per_page=100>; rel="last"',
      ),
    ).toEqual({
      next: 'http://a/x?page=3&per_page=100',
      last: 'http://a/x?page=50&per_page=100',
    });
    expect(parseLinkHeader('<http://a/x?page=3>; rel=”next”,\n  <http://a/x?page=50>; rel=”last”').next).toBe(
      'http://a/x?page=3',
    );
    expect(parseLinkHeader(null)).toEqual({});
  });

  it('reads typographic quotes sent as UTF-8 bytes, as a header decoded as Latin-1 shows them', () => {
    // admaster-api-protocol.txt:98-99, served byte for byte: fetch() decodes header bytes as Latin-1.
    const asReceived = Buffer.from(
      '<http://a/x?page=3>; rel=”next”, <http://a/x?page=50>; rel=”last”; bar=”baz”',
      'utf8',
    ).toString('latin1');
    expect(parseLinkHeader(asReceived)).toEqual({ next: 'http://a/x?page=3', last: 'http://a/x?page=50' });
    expect(parseLinkHeader('<http://a/x?page=3>; rel="next prev"')).toEqual({
      next: 'http://a/x?page=3',
      prev: 'http://a/x?page=3',
    });
  });
});

describe('single paginator', () => {
  it('is one page that is the last', () => {
    expect(
      followingPages({ kind: 'single' }, firstPage({ kind: 'single' }), { records: 5 }, { fannedOut: false }),
    ).toEqual({ pages: [], isLast: true, totalPages: 1 });
  });

  it('rejects a state of another kind', () => {
    expect(() =>
      applyPage({ kind: 'single' }, { kind: 'page-number', page: 1 }, { url: new URL('http://h') }),
    ).toThrow(/does not belong/);
  });
});
