/**
 * A query groups by the dimensions it asks for (mediamath-reporting-api-v2.txt, "Dataset": "a
 * collection of dimensions and metrics that can be queried"; the paginated example asks for
 * campaign_id and impressions and gets one row per campaign per hour). Generated rows are one
 * per (agg_timestamp, strategy, exchange); a query without both strategy_id and exchange_name
 * gets them summed per distinct tuple of its dimensions, in order of first appearance. A sum of
 * nulls only is null, as in SQL.
 */
import type { MediaMathRow } from './mediamath-fields.js';
import { AGG_TIMESTAMP, MEDIAMATH_PERFORMANCE_FIELDS } from './mediamath-fields.js';

const DIMENSIONS = new Set(
  MEDIAMATH_PERFORMANCE_FIELDS.filter((f) => f.kind === 'dimension').map((f) => f.name),
);
const METRICS = MEDIAMATH_PERFORMANCE_FIELDS.filter((f) => f.kind === 'metric').map((f) => f.name);

/** Whether rows of this field list must be summed: the generated grain is not among them. */
export function needsGrouping(fields: readonly string[]): boolean {
  return !(fields.includes('strategy_id') && fields.includes('exchange_name'));
}

export function groupRows(rows: Iterable<MediaMathRow>, fields: readonly string[]): MediaMathRow[] {
  const dimensions = [AGG_TIMESTAMP, ...fields.filter((f) => DIMENSIONS.has(f))];
  const groups = new Map<string, MediaMathRow>();
  for (const row of rows) {
    const key = JSON.stringify(dimensions.map((d) => row[d] ?? null));
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...row });
      continue;
    }
    for (const metric of METRICS) {
      const value = row[metric];
      if (typeof value !== 'number') continue;
      const sum = group[metric];
      group[metric] = typeof sum === 'number' ? roundSum(sum + value) : value;
    }
  }
  return [...groups.values()];
}

/** Float metrics are money with two decimals: keep sums free of binary noise. */
function roundSum(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}
