import { cursor } from './cursor.js';
import { linkHeader, nextUrl } from './linked.js';
import { offset, pageNumber } from './page-number.js';
import { single } from './single.js';

/**
 * The paginator strategies a connector picks from, by name. A vendor that pages some other way
 * brings its own `Paginator` (paginator.ts) in its connector file: the engine only calls the
 * interface.
 */
export const paginate = { pageNumber, offset, cursor, linkHeader, nextUrl, single };
