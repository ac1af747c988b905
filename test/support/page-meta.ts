import type { PageMeta } from '../../functions/engine/staging/staging-store.js';

/**
 * A page's meta for tests: the one page of slice 'all' (ordinal 0, no rows, the last, one request,
 * no retries or throttling), with whatever the test cares about given in `overrides`.
 */
export function pageMeta(overrides: Partial<PageMeta> = {}): PageMeta {
  return {
    slice: 'all',
    ordinal: 0,
    rows: 0,
    isLast: true,
    requests: 1,
    retries: 0,
    throttled: 0,
    stagedAt: 'now',
    digest: '0123456789abcdef',
    ...overrides,
  };
}
