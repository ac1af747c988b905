import type { Row } from '../schema/table-schema.js';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a of a string. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/**
 * An order-independent digest of a set of rows: the sum of each row's hash, mod 2^64. Two
 * partitions with the same rows in any order have the same digest; a lost, extra or changed row
 * changes it. Used in commit records and by tests comparing the lake with a simulator's truth.
 */
export class RowDigest {
  private sum = 0n;
  count = 0;

  constructor(private readonly columns: readonly string[]) {}

  add(row: Row): void {
    this.sum = (this.sum + fnv1a64(canonical(row, this.columns))) & MASK;
    this.count++;
  }

  hex(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}

export function canonical(row: Row, columns: readonly string[]): string {
  return JSON.stringify(columns.map((c) => row[c] ?? null));
}

export function digestRows(rows: Iterable<Row>, columns: readonly string[]): string {
  const digest = new RowDigest(columns);
  for (const row of rows) digest.add(row);
  return digest.hex();
}
