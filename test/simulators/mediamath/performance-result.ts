/**
 * The rows answering one performance query, produced lazily whenever the order is the natural
 * one: only a custom `order` forces the matching rows into memory (to sort them), so benchmarks
 * streaming millions of rows should leave `order` out or keep it natural.
 */

import type { MediaMathDataset, Segment } from './mediamath-data.js';
import type { MediaMathRow, MediaMathValue } from './mediamath-fields.js';
import type { PerformanceQuery } from './performance-query.js';

export class PerformanceResult {
  private readonly segments: Segment[];
  private sorted: MediaMathRow[] | undefined;
  private knownTotal: number | undefined;

  constructor(
    private readonly dataset: MediaMathDataset,
    private readonly query: PerformanceQuery,
  ) {
    this.segments = dataset.segments(query.rollup, query.startMs, query.endMs);
  }

  /** Number of matching rows (a counting pass when a filter must be evaluated row by row). */
  total(): number {
    if (this.knownTotal === undefined) {
      if (this.query.comparator !== undefined) this.knownTotal = this.sortedRows().length;
      else if (this.query.predicate === undefined) {
        this.knownTotal = this.segments.reduce((sum, { from, to }) => sum + to - from, 0);
      } else {
        let count = 0;
        for (const _ of this.matchingRows()) count += 1;
        this.knownTotal = count;
      }
    }
    return this.knownTotal;
  }

  /** Matching rows in query order, skipping the first `skip`. */
  *rows(skip = 0): Generator<MediaMathRow> {
    if (this.query.comparator !== undefined) {
      yield* this.sortedRows().slice(skip);
    } else if (this.query.predicate === undefined) {
      yield* this.dataset.rows(this.segments, this.query.rollup, skip);
    } else {
      let skipped = 0;
      for (const row of this.matchingRows()) {
        if (skipped < skip) skipped += 1;
        else yield row;
      }
    }
  }

  /** The row as the API sends it: only the requested fields (and agg_timestamp). */
  project(row: MediaMathRow): Record<string, MediaMathValue> {
    const projected: Record<string, MediaMathValue> = {};
    for (const field of this.query.rowFields) projected[field] = row[field] ?? null;
    return projected;
  }

  private *matchingRows(): Generator<MediaMathRow> {
    const { predicate } = this.query;
    for (const row of this.dataset.rows(this.segments, this.query.rollup)) {
      if (predicate === undefined || predicate(row)) yield row;
    }
  }

  private sortedRows(): MediaMathRow[] {
    this.sorted ??= [...this.matchingRows()].sort(this.query.comparator);
    return this.sorted;
  }
}
