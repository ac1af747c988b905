import { InternalError } from '../errors.js';
import { col, type Row, tableSchema } from '../schema/table-schema.js';
import type { CommitRecord } from './lake-store.js';
import { type PartitionRef, partitionPrefix } from './partition.js';
import type { KeyChanges } from './partition-profile.js';
import type { MetricChange, RestatementRecord } from './restatement-record.js';

export type { MetricChange, RestatementRecord } from './restatement-record.js';

/** The table of restatement records: `restatements/source=<name>/dt=<report date>/<table>-<run>.parquet`. */
export const RESTATEMENTS_TABLE = 'restatements';

export const RESTATEMENTS_SCHEMA = tableSchema([
  col.string('table_name', { description: 'The table whose partition was restated' }),
  col.string('report', { description: 'The connector report that writes the table' }),
  col.date('report_date', { description: 'The restated partition (its dt)' }),
  col.string('previous_run_id', { description: 'The run whose commit was replaced' }),
  col.string('run_id', { description: 'The run that committed the new rows' }),
  col.bigint('rows_before'),
  col.bigint('rows_after'),
  col.bigint('keys_added', { nullable: true, description: 'Unique keys only in the new commit' }),
  col.bigint('keys_removed', { nullable: true, description: 'Unique keys only in the previous commit' }),
  col.bigint('keys_changed', {
    nullable: true,
    description: 'Unique keys in both commits whose other columns differ',
  }),
  col.string('largest_change_metric', {
    nullable: true,
    description: 'The metric with the largest relative change (absolute value)',
  }),
  col.double('largest_relative_change', {
    nullable: true,
    description: 'Its (new - previous) / |previous|, e.g. 0.04 for +4 %',
  }),
  col.string('metrics', {
    description: 'JSON array of {metric, previous, new, relative_change} for every metric column',
  }),
  col.timestamp('previous_committed_at'),
  col.timestamp('detected_at', { description: 'When the commit that found the change ran (UTC)' }),
]);

/**
 * Compares the previous commit of a partition with the new one. Undefined when they hold the same
 * rows (same count and row digest): an identical re-fetch is not a restatement.
 */
export function restatementBetween(
  previous: CommitRecord,
  next: CommitRecord & { metrics: Record<string, number> },
  report: string,
  keys: KeyChanges | undefined,
): RestatementRecord | undefined {
  if (previous.digest === next.digest && previous.rows === next.rows) return undefined;
  const metrics = Object.entries(next.metrics).map(([metric, value]): MetricChange => {
    const before = previous.metrics?.[metric];
    return {
      metric,
      previous: before ?? null,
      new: value,
      relative_change: before === undefined || before === 0 ? null : (value - before) / Math.abs(before),
    };
  });
  return {
    source: next.partition.source,
    table: next.partition.table,
    report,
    reportDate: next.partition.date,
    previousRunId: previous.runId,
    runId: next.runId,
    rowsBefore: previous.rows,
    rowsAfter: next.rows,
    keys: keys ?? null,
    metrics,
    previousCommittedAt: previous.committedAt,
    detectedAt: next.committedAt,
  };
}

/** The record as a row of the restatements table. */
export function restatementRow(record: RestatementRecord): Row {
  let largest: MetricChange | undefined;
  for (const change of record.metrics) {
    if (change.relative_change === null) continue;
    if (!largest || Math.abs(change.relative_change) > Math.abs(largest.relative_change!)) largest = change;
  }
  return {
    table_name: record.table,
    report: record.report,
    report_date: record.reportDate,
    previous_run_id: record.previousRunId,
    run_id: record.runId,
    rows_before: record.rowsBefore,
    rows_after: record.rowsAfter,
    keys_added: record.keys?.added ?? null,
    keys_removed: record.keys?.removed ?? null,
    keys_changed: record.keys?.changed ?? null,
    largest_change_metric: largest?.metric ?? null,
    largest_relative_change: largest?.relative_change ?? null,
    metrics: JSON.stringify(record.metrics),
    previous_committed_at: record.previousCommittedAt,
    detected_at: record.detectedAt,
  };
}

/**
 * One line for a summary: `rows 450→451, keys +3 -2 ~91, costs +4.1%` (the metric that moved
 * most; keys unknown against a commit from before restatements were tracked).
 */
export function describeRestatement(record: RestatementRecord): string {
  const parts = [`rows ${record.rowsBefore}→${record.rowsAfter}`];
  if (record.keys) parts.push(`keys +${record.keys.added} -${record.keys.removed} ~${record.keys.changed}`);
  const largest = restatementRow(record);
  if (typeof largest.largest_relative_change === 'number') {
    const percent = largest.largest_relative_change * 100;
    parts.push(`${largest.largest_change_metric} ${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`);
  }
  return parts.join(', ');
}

const RUN_ID = /^[A-Za-z0-9_-]{1,120}$/;

function checkedRunId(runId: string): string {
  if (!RUN_ID.test(runId)) throw new InternalError(`run id "${runId}" cannot name an object`);
  return runId;
}

/**
 * The record's object. Named by the table and the new run: a retried or redelivered commit of
 * the same run rewrites the same object instead of adding a second record.
 */
export function restatementObjectKey(partition: PartitionRef, runId: string): string {
  const prefix = partitionPrefix({
    table: RESTATEMENTS_TABLE,
    source: partition.source,
    date: partition.date,
  });
  return `${prefix}${partition.table}-${checkedRunId(runId)}.parquet`;
}

/** The per-key digests a commit keeps beside its record, named by its run. */
export function keyDigestsObjectKey(partition: PartitionRef, runId: string): string {
  return `_commits/keys/${partitionPrefix(partition)}${checkedRunId(runId)}.bin`;
}
