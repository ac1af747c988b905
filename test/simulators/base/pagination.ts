/** Page arithmetic shared by every paginated endpoint. */

export interface PageWindow {
  /** Index of the first item on the page (0-based, may be >= total for pages past the end). */
  start: number;
  /** Index one past the last item on the page (never above total). */
  end: number;
  /** Number of pages; at least 1 so that an empty collection still has a "last" page. */
  pageCount: number;
}

/** `page` is 1-based. */
export function pageWindow(total: number, page: number, perPage: number): PageWindow {
  const start = (page - 1) * perPage;
  return { start, end: Math.min(total, start + perPage), pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/** Positive integer from a query parameter; `fallback` when absent, undefined when malformed. */
export function positiveIntParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}
