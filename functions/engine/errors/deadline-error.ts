import { type ErrorContext, ReportFetcherError } from './report-fetcher-error.js';

/**
 * Waiting (for a rate-limit reset, a Retry-After) or working on would outlast the caller's
 * deadline. `resumeAt` (epoch ms) says when the work could go on: a caller that can hand the work
 * back (a Lambda returning its message to the queue with a visibility timeout) uses it; a local
 * run fails the partition. Family `budget`: time is a budget too.
 */
export class DeadlineError extends ReportFetcherError {
  readonly deadline: string;
  readonly resumeAt: number;
  constructor(args: { deadline: string; resumeAt: number; message: string; context?: ErrorContext }) {
    super('DEADLINE_EXCEEDED', `${args.message} (deadline ${args.deadline})`, { context: args.context });
    this.deadline = args.deadline;
    this.resumeAt = args.resumeAt;
  }
}
