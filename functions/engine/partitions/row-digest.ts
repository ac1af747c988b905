import type { Row } from '../schema/table-schema.js';

/**
 * Two independent 32-bit lanes of a cyrb53-style hash (Math.imul mixing, no BigInt: this runs
 * once per row on million-row partitions).
 */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A 53-bit key for set membership (exact in a JS number). */
export function hash53(text: string): number {
  const [low, high] = hash64(text);
  return (high & 0x1fffff) * 0x1_0000_0000 + low;
}

/**
 * An order-independent digest of a set of rows: per lane, the sum of each row's hash mod 2^32.
 * Two partitions with the same rows in any order have the same digest; a lost, extra or changed
 * row changes it. Used in commit records and by tests comparing the lake with a vendor's truth.
 */
export class RowDigest {
  private low = 0;
  private high = 0;
  count = 0;

  constructor(private readonly columns: readonly string[]) {}

  add(row: Row): void {
    const [low, high] = hash64(canonical(row, this.columns));
    this.low = (this.low + low) >>> 0;
    this.high = (this.high + high) >>> 0;
    this.count++;
  }

  /** Adds another digest (of other rows): the digest of a union is the sum of its parts. */
  merge(hex: string): void {
    this.high = (this.high + Number.parseInt(hex.slice(0, 8), 16)) >>> 0;
    this.low = (this.low + Number.parseInt(hex.slice(8, 16), 16)) >>> 0;
  }

  hex(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }
}

export function canonical(row: Row, columns: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) out += ',';
    const value = row[columns[i]!];
    // What JSON.stringify would write, without its call for the numbers and booleans that make
    // up most columns (this runs once per row while staging).
    out +=
      typeof value === 'string'
        ? JSON.stringify(value)
        : value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))
          ? 'null'
          : String(value);
  }
  return `${out}]`;
}

export function digestRows(rows: Iterable<Row>, columns: readonly string[]): string {
  const digest = new RowDigest(columns);
  for (const row of rows) digest.add(row);
  return digest.hex();
}
