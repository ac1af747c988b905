import type { Paginator } from './paginator.js';
import { stateOf } from './paginator.js';

/** One response holds everything (MediaMath's NDJSON stream, a count request). */
export function single(): Paginator {
  const paginator: Paginator = {
    kind: 'single',
    first: () => ({ state: { kind: 'single' }, ordinal: 0 }),
    apply(state, request) {
      stateOf(paginator, state);
      return request;
    },
    next: (_page, response) => ({
      pages: [],
      isLast: true,
      totalPages: 1,
      ...(response.totalItems !== undefined ? { totalItems: response.totalItems } : {}),
    }),
  };
  return paginator;
}
