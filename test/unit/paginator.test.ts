import { describe, expect, it } from 'vitest';
import { PinnedOrigin } from '../../functions/engine/http/origin.js';
import { parseLinkHeader } from '../../functions/engine/pagination/link-header.js';
import type {
  FollowOptions,
  PageRef,
  PageResponse,
  PageState,
  Paginator,
} from '../../functions/engine/pagination/paginator.js';
import { pagesForTotal } from '../../functions/engine/pagination/paginator.js';
import { paginate } from '../../functions/engine/pagination/paginators.js';

const pageNumber = paginate.pageNumber({
  in: 'query',
  pageParam: 'page',
  sizeParam: 'per_page',
  pageSize: 200,
  firstPage: 1,
  totalItems: 'total',
});
const bodyIndex = paginate.pageNumber({
  in: 'body',
  pageParam: 'pagination.page_index',
  sizeParam: 'pagination.page_size',
  pageSize: 1000,
  firstPage: 0,
  totalPages: 'total_pages',
});
const link = paginate.linkHeader({ sizeParam: 'per_page', pageSize: 100 });

/** What a page says, as the paginator sees it: its records, a body, the headers. */
function page(records: number, body?: unknown, headers: Record<string, string> = {}): PageResponse {
  return { records, body, headers: new Headers(headers) };
}
const firstPage = (paginator: Paginator) => paginator.first();
const applyPage = (
  paginator: Paginator,
  state: PageState,
  request: { url: URL; body?: Record<string, unknown> },
) => paginator.apply(state, request);
const followingPages = (paginator: Paginator, ref: PageRef, response: PageResponse, options: FollowOptions) =>
  paginator.next(ref, response, options);
const allPages = (paginator: Paginator, totalItems: number) =>
  pagesForTotal(paginator, totalItems, Number.POSITIVE_INFINITY);

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
    const following = followingPages(pageNumber, firstPage(pageNumber), page(200, { total: 450 }), {
      fannedOut: false,
    });
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
      page(50, { total: 450 }),
      { fannedOut: false },
    );
    expect(last).toEqual({ pages: [], isLast: true, totalPages: 3, totalItems: 450 });
  });

  it('treats an empty collection as one (last) page', () => {
    expect(
      followingPages(pageNumber, firstPage(pageNumber), page(0, { total: 0 }), { fannedOut: false }),
    ).toEqual({ pages: [], isLast: true, totalPages: 1, totalItems: 0 });
  });

  it('does not fan out again when the planner already did', () => {
    expect(
      followingPages(pageNumber, firstPage(pageNumber), page(200, { total: 450 }), { fannedOut: true }).pages,
    ).toEqual([]);
  });

  it('follows page by page when no total is given', () => {
    const next = followingPages(bodyIndex, firstPage(bodyIndex), page(1000), { fannedOut: false });
    expect(next.pages).toEqual([{ state: { kind: 'page-number', page: 1 }, ordinal: 1 }]);
    expect(followingPages(bodyIndex, next.pages[0]!, page(10), { fannedOut: false }).isLast).toBe(true);
  });

  it('uses totalPages when the vendor gives it', () => {
    expect(
      followingPages(bodyIndex, firstPage(bodyIndex), page(1000, { total_pages: 2 }), { fannedOut: false })
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
    const state = followingPages(pageNumber, firstPage(pageNumber), page(200, { total: 401 }), {
      fannedOut: false,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('link-header paginator', () => {
  it('stores the next link as a path on the source and re-applies the page size', () => {
    const origin = new PinnedOrigin('https://h/', 'baseUrl');
    const next = followingPages(
      link,
      firstPage(link),
      page(100, undefined, { link: '<https://h/c?page=2&access_token=SECRET123>; rel="next"' }),
      { fannedOut: false, origin },
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
    const current = { state: { kind: 'link-header', next: '/c?page=2' }, ordinal: 1 };
    expect(() =>
      followingPages(link, current, page(1, undefined, { link: '<https://h/c?page=2>; rel="next"' }), {
        fannedOut: false,
        origin: new PinnedOrigin('https://h/', 'baseUrl'),
      }),
    ).toThrow(/points back to the page just fetched/);
  });

  it('stops a next link that never ends at the page budget, naming it', () => {
    const current = { state: { kind: 'link-header', next: '/c?page=9' }, ordinal: 9 };
    expect(() =>
      followingPages(link, current, page(1, undefined, { link: '<https://h/c?page=10>; rel="next"' }), {
        fannedOut: false,
        maxPages: 10,
        origin: new PinnedOrigin('https://h/', 'baseUrl'),
      }),
    ).toThrow(/limits\.maxPagesPerPartition/);
  });

  it('ends when there is no next link', () => {
    expect(followingPages(link, firstPage(link), page(3), { fannedOut: false })).toEqual({
      pages: [],
      isLast: true,
    });
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
      followingPages(paginate.single(), firstPage(paginate.single()), page(5), { fannedOut: false }),
    ).toEqual({ pages: [], isLast: true, totalPages: 1 });
  });

  it('rejects a state of another kind', () => {
    expect(() =>
      applyPage(paginate.single(), { kind: 'page-number', page: 1 }, { url: new URL('http://h') }),
    ).toThrow(/does not belong/);
  });
});

describe('offset paginator', () => {
  const offsets = paginate.offset({ in: 'query', offsetParam: 'offset', sizeParam: 'limit', pageSize: 50 });

  it('asks record offsets in steps of the page size, ours in every request', () => {
    const { url } = applyPage(
      offsets,
      { kind: 'offset', offset: 100 },
      { url: new URL('http://h/r?limit=7') },
    );
    expect(url.searchParams.get('offset')).toBe('100');
    expect(url.searchParams.get('limit')).toBe('50');
    const next = followingPages(offsets, firstPage(offsets), page(50), { fannedOut: false });
    expect(next.pages).toEqual([{ state: { kind: 'offset', offset: 50 }, ordinal: 1 }]);
    expect(followingPages(offsets, next.pages[0]!, page(49), { fannedOut: false }).isLast).toBe(true);
  });

  it('numbers every page of a known count', () => {
    expect(allPages(offsets, 120).map((p) => p.state)).toEqual(
      [0, 50, 100].map((offset) => ({ kind: 'offset', offset })),
    );
  });
});

describe('cursor paginator', () => {
  const cursors = paginate.cursor({
    in: 'query',
    cursorParam: 'cursor',
    nextCursor: 'paging.next',
    sizeParam: 'limit',
    pageSize: 25,
  });

  it('leaves the cursor out of the first request and carries the vendor cursor as JSON state', () => {
    const first = applyPage(cursors, firstPage(cursors).state, { url: new URL('http://h/r') });
    expect(first.url.searchParams.has('cursor')).toBe(false);
    expect(first.url.searchParams.get('limit')).toBe('25');
    const next = followingPages(cursors, firstPage(cursors), page(25, { paging: { next: 'c2' } }), {
      fannedOut: false,
    });
    expect(next).toEqual({ pages: [{ state: { kind: 'cursor', cursor: 'c2' }, ordinal: 1 }], isLast: false });
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
    const second = applyPage(cursors, next.pages[0]!.state, { url: new URL('http://h/r') });
    expect(second.url.searchParams.get('cursor')).toBe('c2');
  });

  it('ends on an absent, null or empty cursor', () => {
    for (const body of [{}, { paging: { next: null } }, { paging: { next: '' } }]) {
      expect(followingPages(cursors, firstPage(cursors), page(3, body), { fannedOut: false })).toEqual({
        pages: [],
        isLast: true,
      });
    }
  });

  it('refuses a cursor that repeats, is not text or is too long, and one past the page budget', () => {
    const current = { state: { kind: 'cursor', cursor: 'c2' }, ordinal: 1 };
    expect(() =>
      followingPages(cursors, current, page(1, { paging: { next: 'c2' } }), { fannedOut: false }),
    ).toThrow(/cursor of the page just fetched/);
    for (const next of [{ a: 1 }, 'x'.repeat(5000)]) {
      expect(() =>
        followingPages(cursors, current, page(1, { paging: { next } }), { fannedOut: false }),
      ).toThrow(/not a string of at most/);
    }
    expect(() =>
      followingPages(cursors, current, page(1, { paging: { next: 'c3' } }), {
        fannedOut: false,
        maxPages: 2,
      }),
    ).toThrow(/limits\.maxPagesPerPartition/);
  });

  it('puts the cursor into a JSON body without touching the original', () => {
    const inBody = paginate.cursor({ in: 'body', cursorParam: 'page.after', nextCursor: 'next' });
    const body = { q: 1 };
    expect(
      applyPage(inBody, { kind: 'cursor', cursor: 'abc' }, { url: new URL('http://h/'), body }).body,
    ).toEqual({ q: 1, page: { after: 'abc' } });
    expect(body).toEqual({ q: 1 });
  });
});

describe('next-url paginator', () => {
  const links = paginate.nextUrl({ path: 'links.next', sizeParam: 'n', pageSize: 10 });
  const origin = new PinnedOrigin('https://h/api', 'baseUrl');

  it('follows a next URL in the body as a path on the source, credentials dropped', () => {
    const next = followingPages(
      links,
      firstPage(links),
      page(10, { links: { next: 'https://h/api/r?p=2&access_token=SECRET123' } }),
      { fannedOut: false, origin },
    );
    expect(next.pages).toEqual([{ state: { kind: 'next-url', next: '/api/r?p=2' }, ordinal: 1 }]);
    expect(applyPage(links, next.pages[0]!.state, { url: new URL('https://h/api/r') }).url.toString()).toBe(
      'https://h/api/r?p=2&n=10',
    );
  });

  it('refuses a next URL on another origin or outside the base path', () => {
    for (const next of ['https://evil.test/api/r', 'https://h/other']) {
      expect(() =>
        followingPages(links, firstPage(links), page(1, { links: { next } }), { fannedOut: false, origin }),
      ).toThrow();
    }
  });
});

describe('a strategy the engine does not ship', () => {
  it('is a Paginator like any other: the engine only calls the interface', () => {
    // Pages named by letters, as a made-up vendor might: written here, not in the engine.
    const letters: Paginator = {
      kind: 'letter',
      first: () => ({ state: { kind: 'letter', letter: 'a' }, ordinal: 0 }),
      apply: (state, request) => {
        const url = new URL(request.url);
        url.searchParams.set('letter', String(state.letter));
        return { ...request, url };
      },
      next: (current, response) =>
        response.records === 0
          ? { pages: [], isLast: true }
          : {
              pages: [{ state: { kind: 'letter', letter: 'b' }, ordinal: current.ordinal + 1 }],
              isLast: false,
            },
    };
    expect(allPages(letters, 10)).toEqual([letters.first()]);
    expect(applyPage(letters, letters.first().state, { url: new URL('http://h/') }).url.search).toBe(
      '?letter=a',
    );
  });
});
