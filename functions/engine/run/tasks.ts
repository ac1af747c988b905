import type { Slice } from '../connector-definition.js';
import type { PageRef } from '../pagination/paginator.js';

/**
 * Units of work. They are plain JSON (queue messages in AWS) and carry state only: never a
 * token, key or URL with credentials.
 */
export interface PartitionTask {
  runId: string;
  source: string;
  report: string;
  date: string;
  /** How often the task was handed back for a wait that outlasted an invocation (not a failure). */
  deferrals?: number;
}

export interface FetchPageTask extends PartitionTask {
  type: 'fetch-page';
  slice: Slice;
  page: PageRef;
  /** The planner already queued every page of this slice (its total was known up front). */
  fannedOut: boolean;
}

export interface CommitPartitionTask extends PartitionTask {
  type: 'commit-partition';
}

export type Task = FetchPageTask | CommitPartitionTask;

export function newRunId(now: Date = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 8)}`;
}
