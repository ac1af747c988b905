/**
 * The rows answering one performance query, produced lazily whenever the order is the natural
 * one: only a custom `order` forces the matching rows into memory (to sort them), so benchmarks
 * streaming millions of rows should leave `order` out or keep it natural.
 */

import { groupRows, needsGrouping } from './aggregate.js';
import type { MediaMathDataset, Segment } from './mediamath-data.js';
import type { MediaMathRow, MediaMathValue } from './mediamath-fields.js';
import { AGG_TIMESTAMP, MEDIAMATH_PERFORMANCE_FIELDS } from './mediamath-fields.js';
import type { PerformanceQuery } from './performance-query.js';

/** Key order of the rows MediaMathDataset generates. */
const FULL_ROW_FIELDS = [...MEDIAMATH_PERFORMANCE_FIELDS.map((field) => field.name), AGG_TIMESTAMP];

export class PerformanceResult {
  private readonly segments: Segment[];
  private sorted: MediaMathRow[] | undefined;
  private knownTotal: number | undefined;
  /** `"field":` (with a leading comma after the first) for each output field, for `jsonLine`. */
  private readonly keyPrefixes: string[];
  /** All fields requested in dataset order: a line is simply the full row, stringified. */
  private readonly wholeRow: boolean;
  /** Rows summed per distinct tuple of the requested dimensions (aggregate.ts), when needed. */
  private readonly grouped: MediaMathRow[] | undefined;

  constructor(
    private readonly dataset: MediaMathDataset,
    private readonly query: PerformanceQuery,
    /** Answered at this instant (the simulator's clock): a running day holds what has happened. */
    asOfMs?: number,
  ) {
    this.segments = dataset.segments(query.rollup, query.startMs, query.endMs, asOfMs);
    if (needsGrouping(query.rowFields)) {
      const grouped = groupRows(this.matchingRows(), query.rowFields);
      this.grouped = query.comparator ? grouped.sort(query.comparator) : grouped;
    }
    this.keyPrefixes = query.rowFields.map(
      (field, position) => `${position === 0 ? '' : ','}${JSON.stringify(field)}:`,
    );
    this.wholeRow = query.rowFields.join() === FULL_ROW_FIELDS.join();
  }

  /** Number of matching rows (a counting pass when a filter must be evaluated row by row). */
  total(): number {
    if (this.grouped) return this.grouped.length;
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
    if (this.grouped) {
      yield* this.grouped.slice(skip);
    } else if (this.query.comparator !== undefined) {
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

  /**
   * `JSON.stringify(this.project(row))`, several times faster: building a 20-key object with
   * computed keys and stringifying it dominated the cost of multi-million-row streams.
   */
  jsonLine(row: MediaMathRow): string {
    if (this.wholeRow) return JSON.stringify(row);
    const fields = this.query.rowFields;
    let line = '{';
    for (let position = 0; position < fields.length; position++) {
      const value = row[fields[position] as string] ?? null;
      line += this.keyPrefixes[position] + (typeof value === 'string' ? encodedString(value) : String(value));
    }
    return `${line}}`;
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

/**
 * JSON-encoded strings, memoised: dimension values (names, exchange, agg_timestamp) repeat on
 * thousands of rows. Bounded so a long stream of distinct values cannot grow it without limit.
 */
const encodedStrings = new Map<string, string>();
const MAX_ENCODED_STRINGS = 50_000;

function encodedString(value: string): string {
  let encoded = encodedStrings.get(value);
  if (encoded === undefined) {
    encoded = JSON.stringify(value);
    if (encodedStrings.size < MAX_ENCODED_STRINGS) encodedStrings.set(value, encoded);
  }
  return encoded;
}
