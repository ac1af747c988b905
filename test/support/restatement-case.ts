import { expect } from 'vitest';
import { CONNECTORS } from '../../functions/connectors/index.js';
import type { ReportDefinition } from '../../functions/engine/connector-definition.js';
import { metricColumns, type Row } from '../../functions/engine/schema/table-schema.js';
import { type ExpectedRestatement, expectedRestatement } from './restatement-truth.js';
import type { VendorCase } from './vendor-cases.js';

/**
 * One vendor case set up for a restatement test (local and deployed): a look-back window of three
 * report dates, the middle one restated, and the source options that let the restatement show.
 */
export function restatementCase(vendor: VendorCase) {
  const day = Date.parse(`${vendor.dates[0]!}T00:00:00Z`);
  const dates = [0, 1, 2].map((k) => new Date(day + k * 86_400_000).toISOString().slice(0, 10));
  // TrackMaster: ask every campaign for each date (the default), so a campaign that reports a
  // date late is fetched. TUNE: fetch the campaigns' budget, the metric its restatement moves.
  const options = {
    ...vendor.options,
    ...(vendor.connector === 'trackmaster' ? { campaigns: 'all' } : {}),
    ...(vendor.connector === 'tune'
      ? { fields: { campaigns: ['name', 'advertiser_id', 'site_id', 'publisher_id', 'status', 'budget'] } }
      : {}),
  };
  const connector = CONNECTORS[vendor.connector]!;
  const reports = Object.values(connector.configure?.(options) ?? connector.reports);
  const reportByTable = (table: string): ReportDefinition => reports.find((r) => r.table === table)!;
  return {
    dates,
    restated: dates[1]!,
    options,
    reportByTable,
    /** Every partition's truth by `table date` (snapshot reports under `snapshotDate`). */
    truth(simulator: Parameters<VendorCase['truth']>[0], tables: readonly string[], snapshotDate: string) {
      const truth = vendor.truth(simulator);
      const out = new Map<string, Row[]>();
      for (const table of tables) {
        const report = reportByTable(table);
        for (const date of report.kind === 'snapshot' ? [snapshotDate] : dates)
          out.set(`${table} ${date}`, truth(table, date));
      }
      return out;
    },
    /** The records a re-run must write: one per partition whose truth changed. */
    expected(before: Map<string, Row[]>, after: Map<string, Row[]>): Map<string, ExpectedRestatement> {
      const out = new Map<string, ExpectedRestatement>();
      for (const [partition, rows] of after) {
        const report = reportByTable(partition.split(' ')[0]!);
        const metrics = metricColumns(report.schema).map((c) => c.name);
        const change = expectedRestatement(
          before.get(partition)!,
          rows,
          report.schema,
          report.uniqueKey,
          metrics,
        );
        if (change) out.set(partition, change);
      }
      return out;
    },
  };
}

/** A restatement row (as DuckDB reads it) in the shape of `ExpectedRestatement`. */
export function asExpected(record: Record<string, unknown>): ExpectedRestatement {
  return {
    rowsBefore: Number(record.rows_before),
    rowsAfter: Number(record.rows_after),
    keysAdded: Number(record.keys_added),
    keysRemoved: Number(record.keys_removed),
    keysChanged: Number(record.keys_changed),
    metrics: JSON.parse(record.metrics as string),
  };
}

/** The metric whose relative change is largest in absolute value, as the record names it. */
export function largestChange(expected: ExpectedRestatement) {
  const moved = expected.metrics.filter((m) => m.relative_change !== null);
  return moved.length === 0
    ? undefined
    : moved.reduce((a, b) => (Math.abs(b.relative_change!) > Math.abs(a.relative_change!) ? b : a));
}

export function dateText(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/**
 * The records found (rows of the restatements table, hive columns included) are exactly the
 * expected ones, each with the expected counts, sums and largest change.
 */
export function expectRecords(
  found: readonly Record<string, unknown>[],
  expected: Map<string, ExpectedRestatement>,
  source: string,
): void {
  const partitionOf = (record: Record<string, unknown>) =>
    `${record.table_name} ${dateText(record.report_date)}`;
  expect(found.map(partitionOf).sort()).toEqual([...expected.keys()].sort());
  for (const record of found) {
    const want = expected.get(partitionOf(record))!;
    expect(record.source).toBe(source);
    expect(record.dt).toBe(dateText(record.report_date));
    expect(asExpected(record)).toEqual(want);
    expect(record.run_id).not.toBe(record.previous_run_id);
    const largest = largestChange(want);
    expect(record.largest_change_metric ?? undefined).toBe(largest?.metric);
    expect(record.largest_relative_change ?? undefined).toBe(largest?.relative_change);
  }
}
