import type { ReportDefinition } from '../connector-definition.js';
import type { RecordSink } from '../decoding/record-decoder.js';
import type { ErrorContext } from '../errors.js';
import { RowDigest } from '../partitions/row-digest.js';
import { createRowNormaliser, type FieldObservations, type RowNormaliser } from '../schema/row-normaliser.js';
import type { Row } from '../schema/table-schema.js';
import type { Tally } from '../staging/page-tally.js';
import type { PageMeta, PageSink } from '../staging/staging-store.js';
import { checkDate, checkRowBudget, dayFilter } from './row-checks.js';
import type { SourceRuntime } from './source-runtime.js';
import type { FetchPageTask, PartitionTask } from './tasks.js';

/** Rows normalised before they are written to staging in one batch (bounded memory for streams). */
const STAGE_BATCH = 5_000;

/** The row validator under the source's schema contract (docs/connectors.md, "Schema contract"). */
function normaliserFor(runtime: SourceRuntime, task: { report: string; date: string }): RowNormaliser {
  const report = runtime.report(task.report);
  return createRowNormaliser(
    report.schema,
    { unknownFields: runtime.settings.schemaContract === 'strict' ? 'error' : 'ignore' },
    { source: runtime.settings.name, report: task.report, date: task.date },
  );
}

export interface StagedRows {
  /** Rows staged: those the vendor sent, less any left out past the partition's day. */
  rows: number;
  digest: string;
  /** The contract's tolerances on this page, and rows left out past its day, when there were any. */
  fields?: FieldObservations;
  /** The rows staged, as staged, when the caller asked to keep them and they were no more than it allowed. */
  kept?: Row[];
}

/**
 * Takes a page's decoded records into staging: each is held against the row budget, validated
 * and normalised under the schema contract, checked against the partition's date (and day, for a
 * report with a `dayTimestamp`: rows past it may be left out and counted), digested and written
 * in batches. `finish` writes the rest; the caller commits or aborts the page sink.
 */
export function pageStager(
  runtime: SourceRuntime,
  report: ReportDefinition,
  task: FetchPageTask,
  sink: PageSink,
  context: ErrorContext,
  /** Keep the staged rows (`StagedRows.kept`) when the page stages at most this many. */
  keepRows = 0,
): RecordSink & { finish(): Promise<StagedRows> } {
  const digest = new RowDigest(report.schema.columns.map((c) => c.name));
  const normalise = normaliserFor(runtime, task);
  const inDay = dayFilter(report, task.date, runtime.settings.timezone, context);
  const max = runtime.limits.maxRowsPerPartition;
  let batch: Row[] = [];
  let rows = 0;
  let staged = 0;
  let kept: Row[] | undefined = keepRows > 0 ? [] : undefined;
  const write = () => {
    const out = batch;
    batch = [];
    for (const row of out) digest.add(row);
    if (kept) {
      if (kept.length + out.length <= keepRows) for (const row of out) kept.push(row);
      else kept = undefined;
    }
    return sink.write(out);
  };
  return {
    push(record) {
      rows++;
      checkRowBudget(rows, max, context);
      const row = checkDate(report, normalise(record, task.slice.params), task.date, context);
      if (!inDay.keep(row)) return undefined;
      staged++;
      batch.push(row);
      return batch.length >= STAGE_BATCH ? write() : undefined;
    },
    async finish() {
      await write();
      const observed: FieldObservations = { ...normalise.observed(), ...inDay.observed() };
      const any = [observed.absent, observed.extra, observed.pastDay ?? {}].some(
        (c) => Object.keys(c).length > 0,
      );
      return {
        rows: staged,
        digest: digest.hex(),
        ...(any ? { fields: observed } : {}),
        ...(kept ? { kept } : {}),
      };
    },
  };
}

/**
 * Makes a staged page whole (rows and meta in one object) and only then records it in the
 * partition's tally: a page the tally counts is always readable. Returns the tally after it.
 */
export async function commitPage(
  runtime: SourceRuntime,
  task: PartitionTask,
  sink: PageSink,
  meta: PageMeta,
): Promise<Tally> {
  await sink.commit(meta);
  const pages = meta.totalPages ?? (meta.isLast ? meta.ordinal + 1 : undefined);
  return runtime.pageTally.record(task.runId, runtime.partition(task.report, task.date), {
    slice: meta.slice,
    ordinal: meta.ordinal,
    ...(pages !== undefined ? { pages } : {}),
    stagedAt: meta.stagedAt,
  });
}
