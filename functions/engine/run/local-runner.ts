import { BudgetExceededError, InternalError, toReportFetcherError } from '../errors.js';
import { type Deadline, earliest } from '../limits.js';
import type { RestatementRecord } from '../partitions/restatement.js';
import type { FieldObservations } from '../schema/row-normaliser.js';
import type { Row } from '../schema/table-schema.js';
import type { PageMeta } from '../staging/staging-store.js';
import { sleep } from '../time.js';
import { settleCommit } from './commit-outcome.js';
import { commitPartition } from './commit-partition.js';
import { fetchPage } from './fetch-page.js';
import { nextTasks } from './next-tasks.js';
import { OverlappedWrite } from './overlapped-write.js';
import { planPartition } from './plan-partition.js';
import type { SourceRuntime } from './source-runtime.js';
import type { TaskQueue } from './task-queue.js';
import type { FetchPageTask, PartitionTask } from './tasks.js';
import { Slots, WorkPool } from './work-pool.js';

export interface PartitionResult {
  source: string;
  report: string;
  table: string;
  date: string;
  /** deferred: a scheduled run left the date to a later run, its day not over in `deferred.zone`. */
  status: 'written' | 'failed' | 'deferred';
  rows: number;
  pages: number;
  requests: number;
  retries: number;
  throttled: number;
  bytes: number;
  seconds: number;
  location?: string;
  error?: string;
  errorCode?: string;
  /** The schema contract's tolerances: absent nullable fields and ignored extra fields. */
  fields?: FieldObservations;
  /** What the vendor changed since the previous commit of the partition (docs/guarantees.md § 11). */
  restatement?: RestatementRecord;
  /** Pages written to the partition's object while the rest were fetched (the overlapped write). */
  overlapped?: number;
  /** Why the date was deferred: its day in the report's data zone ends at `until` (UTC). */
  deferred?: { zone: string; until: string };
}

export type RunEvent =
  | { type: 'planned'; partitions: number }
  | { type: 'page'; source: string; report: string; date: string; rows: number }
  | { type: 'partition'; result: PartitionResult };

export interface LocalRunOptions {
  onEvent?: (event: RunEvent) => void;
}

interface PartitionState {
  task: PartitionTask;
  runtime: SourceRuntime;
  /** Planning and page jobs not finished yet. */
  pending: number;
  /** The completeness tracker asked for the commit (it runs once, and reports the partition). */
  commitScheduled?: boolean;
  /** What the completeness tracker last found missing. */
  missing?: string;
  pages: number;
  rows: number;
  /** The metas of the pages this run staged, in the order they were staged. */
  staged: PageMeta[];
  /** The partition's object being written while its pages are fetched, when it holds the source's overlap. */
  overlap?: OverlappedWrite;
  failure?: unknown;
  startedAt: number;
  deadline?: Deadline;
}

/**
 * Partitions of a source whose object is written while their pages are fetched, at once. Each
 * holds a table writer's row group in memory besides the C commits the pool may run, so one: a
 * one-partition run (a daily run of one report) gets the whole overlap, a backfill's commits
 * already run beside other partitions' pages.
 */
const OVERLAPPED_WRITES = 1;

/**
 * A fetched page of at most this many rows hands its staged rows to the partition's overlapped
 * write, which then need not read the page back; a larger page (a streamed day) is read back.
 */
const KEPT_ROWS = 10_000;

/** A partition another run of this process is committing is tried again every 100 ms, for a minute. */
const BUSY_TURN_MS = 100;
const BUSY_TURNS = 600;

/**
 * Runs partitions in this process with the same steps the AWS pipeline runs from its queue:
 * plan → fetch pages (fanning out when the total is known) → commit once every page is staged.
 * Each source gets its own pool sized to its concurrency, and its own rate limiter.
 */
export async function runLocally(
  work: { runtime: SourceRuntime; partitions: PartitionTask[] }[],
  options: LocalRunOptions = {},
): Promise<PartitionResult[]> {
  const results: PartitionResult[] = [];
  options.onEvent?.({ type: 'planned', partitions: work.reduce((n, w) => n + w.partitions.length, 0) });
  await Promise.all(
    work.map(async ({ runtime, partitions }) => {
      const pool = new WorkPool(runtime.settings.concurrency);
      const { limits } = runtime;
      const runDeadline: Deadline = {
        at: Date.now() + limits.runDeadlineSeconds * 1000,
        name: `limits.runDeadlineSeconds (${limits.runDeadlineSeconds} s)`,
      };
      const finish = (
        state: PartitionState,
        result: Omit<PartitionResult, 'source' | 'report' | 'table' | 'date' | 'seconds'>,
      ) => {
        const full: PartitionResult = {
          source: state.task.source,
          report: state.task.report,
          table: runtime.report(state.task.report).table,
          date: state.task.date,
          seconds: (Date.now() - state.startedAt) / 1000,
          ...result,
        };
        results.push(full);
        options.onEvent?.({ type: 'partition', result: full });
      };
      // The source's overlapped writes (OVERLAPPED_WRITES): a partition takes one when a page of it
      // is staged and one is free; its pages staged before then are written first, from staging.
      let overlaps = 0;
      const closing = new Set<Promise<void>>();
      const overlapPage = (state: PartitionState, meta: PageMeta, rows?: readonly Row[]) => {
        state.staged.push(meta);
        if (state.overlap) return state.overlap.staged(meta, rows);
        if (overlaps >= OVERLAPPED_WRITES || state.commitScheduled || state.failure) return;
        overlaps++;
        state.overlap = new OverlappedWrite(runtime, state.task);
        for (const page of state.staged) state.overlap.staged(page);
      };
      /** Frees the partition's overlap; what the commit did not take is dropped. */
      const releaseOverlap = (state: PartitionState) => {
        const overlap = state.overlap;
        if (!overlap) return;
        state.overlap = undefined;
        overlaps--;
        const closed = overlap.abandon();
        closing.add(closed);
        void closed.finally(() => closing.delete(closed));
      };
      const failed = (state: PartitionState) => {
        releaseOverlap(state);
        const error = toReportFetcherError(state.failure, {
          source: state.task.source,
          report: state.task.report,
          date: state.task.date,
        });
        finish(state, {
          status: 'failed',
          rows: 0,
          pages: state.pages,
          requests: 0,
          retries: 0,
          throttled: 0,
          bytes: 0,
          error: error.describe(),
          errorCode: error.code,
        });
      };
      const commit = (state: PartitionState) => {
        // A page that failed after staging (a partition budget) keeps the partition from committing.
        if (state.commitScheduled || state.failure) return;
        state.commitScheduled = true;
        pool.run(async () => {
          try {
            // The write that overlapped the partition's fetch, continued by the commit.
            const started = await state.overlap?.take();
            await settleCommit(await commitPartition(runtime, state.task, { started }), {
              // Another run of this process commits the same partition right now: take turns.
              async busy(by, attempt) {
                if (attempt > BUSY_TURNS)
                  throw new InternalError(`partition still being committed by run ${by} after a minute`);
                await sleep(BUSY_TURN_MS);
                return commitPartition(runtime, state.task);
              },
              incomplete(missing) {
                throw new InternalError(`partition incomplete after all its pages ran: ${missing}`);
              },
              alreadyCommitted(by) {
                throw new InternalError(`run ${by} committed this partition already`);
              },
              superseded(by) {
                throw new InternalError(`run ${by} committed this partition since; its newer rows stay`);
              },
              committed(outcome) {
                finish(state, {
                  status: 'written',
                  rows: outcome.rows,
                  pages: outcome.pages,
                  requests: outcome.requests,
                  retries: outcome.retries,
                  throttled: outcome.throttled,
                  bytes: outcome.bytes,
                  location: outcome.location,
                  ...(outcome.fields ? { fields: outcome.fields } : {}),
                  ...(outcome.restatement ? { restatement: outcome.restatement } : {}),
                  ...(outcome.overlapped ? { overlapped: outcome.overlapped } : {}),
                });
              },
            });
          } catch (error) {
            state.failure = error;
            failed(state);
          } finally {
            releaseOverlap(state);
          }
        });
      };
      // The last job of a partition: unless the completeness tracker asked for the commit (which
      // then reports the partition), the partition failed or stayed incomplete.
      const settle = (state: PartitionState) => {
        if (--state.pending > 0 || state.commitScheduled) return;
        state.failure ??= new Error(
          `partition incomplete after all its pages ran: ${state.missing ?? 'no page asked for the commit'}`,
        );
        failed(state);
      };
      // A page holds one of the pool's C vendor slots only while its request and response run;
      // its staging (rows closed, meta written, the completeness check) then runs beside the
      // worker's next request, at most C pages at once: a page whose response is read waits for a
      // staging slot before it frees its vendor slot, so at most 2·C pages are held in memory.
      const stagingSlots = new Slots(runtime.settings.concurrency);
      const stagingPages = new Set<Promise<void>>();
      const schedulePage = (state: PartitionState, task: FetchPageTask) => {
        state.pending++;
        pool.run(
          () =>
            new Promise<void>((freeVendorSlot) => {
              let staging = false;
              const page = (async () => {
                try {
                  if (state.failure) return;
                  const outcome = await fetchPage(runtime, task, {
                    deadline: state.deadline,
                    keepRows: KEPT_ROWS,
                    received: async () => {
                      await stagingSlots.take();
                      staging = true;
                      freeVendorSlot();
                    },
                  });
                  state.pages++;
                  state.rows += outcome.meta.rows;
                  if (state.pages > limits.maxPagesPerPartition)
                    throw new BudgetExceededError(
                      'maxPagesPerPartition',
                      `the partition has more than ${limits.maxPagesPerPartition} pages`,
                    );
                  if (state.rows > limits.maxRowsPerPartition)
                    throw new BudgetExceededError(
                      'maxRowsPerPartition',
                      `the partition has more than ${limits.maxRowsPerPartition} rows`,
                    );
                  overlapPage(state, outcome.meta, outcome.rows);
                  options.onEvent?.({
                    type: 'page',
                    source: task.source,
                    report: task.report,
                    date: task.date,
                    rows: outcome.meta.rows,
                  });
                  // The same completeness tracker as the fetcher Lambda's (next-tasks.ts).
                  const next = await nextTasks(runtime, task, outcome);
                  state.missing = next.missing;
                  await queue.send(next.tasks);
                } catch (error) {
                  state.failure ??= error;
                } finally {
                  if (staging) stagingSlots.give();
                  freeVendorSlot();
                  settle(state);
                }
              })();
              stagingPages.add(page);
              void page.finally(() => stagingPages.delete(page));
            }),
        );
      };
      // The run's task queue (the port the Lambdas implement with SQS): tasks go to this pool.
      const states = new Map<string, PartitionState>();
      const queue: TaskQueue = {
        async send(tasks, delaySeconds) {
          if (delaySeconds) await sleep(delaySeconds * 1000);
          for (const next of tasks) {
            const state = states.get(`${next.report}/${next.date}`);
            if (!state)
              throw new Error(`a task for ${next.report} ${next.date}, which this run did not plan`);
            if (next.type === 'fetch-page') schedulePage(state, next);
            else if (next.type === 'commit-partition') commit(state);
          }
        },
      };
      for (const task of partitions) {
        const state: PartitionState = {
          task,
          runtime,
          pending: 1,
          pages: 0,
          rows: 0,
          staged: [],
          startedAt: Date.now(),
        };
        states.set(`${task.report}/${task.date}`, state);
        pool.run(async () => {
          try {
            // The partition's clock starts when its planning does, not while it queues.
            state.startedAt = Date.now();
            state.deadline = earliest(runDeadline, {
              at: state.startedAt + limits.partitionDeadlineSeconds * 1000,
              name: `limits.partitionDeadlineSeconds (${limits.partitionDeadlineSeconds} s)`,
            });
            const pages = await planPartition(runtime, task, { deadline: state.deadline });
            // A partition without pages (no live campaign that day) commits empty, as deployed.
            await queue.send(pages.length > 0 ? pages : [{ ...task, type: 'commit-partition' }]);
          } catch (error) {
            state.failure = error;
          } finally {
            settle(state);
          }
        });
      }
      // Commits are queued from inside jobs and from pages still staging after their pool job
      // ended, so wait until the pool is idle with no page staging.
      await pool.idle();
      while (stagingPages.size > 0) {
        await Promise.all(stagingPages);
        await pool.idle();
      }
      for (const state of states.values()) releaseOverlap(state);
      await Promise.all(closing);
    }),
  );
  return results.sort(
    (a, b) =>
      a.source.localeCompare(b.source) || a.table.localeCompare(b.table) || a.date.localeCompare(b.date),
  );
}
