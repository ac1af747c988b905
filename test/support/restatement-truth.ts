import type { Row, TableSchema } from '../../functions/engine/schema/table-schema.js';

/**
 * What a restatement record must say, worked out from a vendor simulator's rows before and after,
 * without the product's code: keys compared as JSON text, sums with BigInt arithmetic.
 */
export interface ExpectedRestatement {
  rowsBefore: number;
  rowsAfter: number;
  keysAdded: number;
  keysRemoved: number;
  keysChanged: number;
  metrics: { metric: string; previous: number; new: number; relative_change: number | null }[];
}

export function expectedRestatement(
  before: readonly Row[],
  after: readonly Row[],
  schema: TableSchema,
  uniqueKey: readonly string[],
  metricNames: readonly string[],
): ExpectedRestatement | undefined {
  const others = schema.columns.map((c) => c.name).filter((name) => !uniqueKey.includes(name));
  const byKey = (rows: readonly Row[]) =>
    new Map(
      rows.map((row) => [
        JSON.stringify(uniqueKey.map((k) => row[k] ?? null)),
        JSON.stringify(others.map((k) => row[k] ?? null)),
      ]),
    );
  const old = byKey(before);
  const now = byKey(after);
  let added = 0;
  let changed = 0;
  for (const [key, rest] of now) {
    if (!old.has(key)) added++;
    else if (old.get(key) !== rest) changed++;
  }
  const removed = [...old.keys()].filter((key) => !now.has(key)).length;
  if (added === 0 && removed === 0 && changed === 0 && before.length === after.length) return undefined;
  return {
    rowsBefore: before.length,
    rowsAfter: after.length,
    keysAdded: added,
    keysRemoved: removed,
    keysChanged: changed,
    metrics: metricNames.map((metric) => {
      const previous = exactSum(before.map((row) => row[metric]));
      const next = exactSum(after.map((row) => row[metric]));
      return {
        metric,
        previous,
        new: next,
        relative_change: previous === 0 ? null : (next - previous) / Math.abs(previous),
      };
    }),
  };
}

/** The exact sum of finite doubles (nulls skipped) with BigInt, rounded once by Number() (half to even). */
export function exactSum(values: readonly unknown[]): number {
  const SHIFT = 1100n; // every finite double is an integer multiple of 2^-1074
  let total = 0n;
  const view = new DataView(new ArrayBuffer(8));
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    view.setFloat64(0, value);
    const bits = view.getBigUint64(0);
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
    const scaled = mantissa << BigInt(Math.max(exponent, 1) - 1075 + 1100);
    total += bits >> 63n ? -scaled : scaled;
  }
  const negative = total < 0n;
  let magnitude = negative ? -total : total;
  let shift = SHIFT;
  // Keep 64 significant bits and a sticky bit, so Number() rounds as the exact value would.
  const width = magnitude.toString(2).length;
  if (width > 64) {
    const drop = BigInt(width - 64);
    const sticky = magnitude & ((1n << drop) - 1n) ? 1n : 0n;
    magnitude = (magnitude >> drop) | sticky;
    shift -= drop;
  }
  let result = Number(magnitude);
  for (; shift > 0n; shift -= 1n) result /= 2;
  return negative ? -result : result;
}
