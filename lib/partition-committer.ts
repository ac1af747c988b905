import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_LIMITS, SCRATCH_BYTES_PER_ROW } from '../functions/engine/index.js';
import { acknowledgeWildcards, CONTROL_TABLE_INDEXES } from './nag.js';
import { notifyingAlarm } from './notifying-alarm.js';
import { ReportFetcherFunction, type StageFunctionProps } from './report-fetcher-function.js';

/** Lambda's longest: a 3 M-row day streams for minutes (bench/results.md, memory). */
export const COMMITTER_TIMEOUT = Duration.minutes(15);
/** 2 GB: more than one vCPU (Lambda gives one at 1769 MB) and a 1 GB heap (ReportFetcherFunction). */
export const COMMITTER_MEMORY_MB = 2048;
/**
 * Its /tmp: a commit spills its partition's key state there (SCRATCH_BYTES_PER_ROW a row, so
 * its memory does not grow with the partition), up to the largest partition the engine accepts
 * (limits.maxRowsPerPartition, 50 M rows: 1.2 GB), rounded up to a whole 512 MB. A source that
 * raises its own maxRowsPerPartition past that needs this raised too.
 */
export const COMMITTER_SCRATCH_MB =
  Math.ceil((DEFAULT_LIMITS.maxRowsPerPartition * SCRATCH_BYTES_PER_ROW) / 2 ** 20 / 512) * 512;
/** Commits of the whole stage at once at most; they call no vendor, only S3 and the control table. */
export const COMMITTER_CONCURRENCY = 10;
/** Each commit its own invocation: a large partition never shares one. */
export const COMMITTER_BATCH_SIZE = 1;
export const COMMIT_MAX_RECEIVE_COUNT = 5;
export const COMMIT_QUEUE_RETENTION = Duration.days(4);
/**
 * A commit task older than this is stuck: a commit takes minutes, a busy partition hands its
 * task back for 5 s, and a failed commit comes back after one visibility timeout (90 min), so
 * two of those and nothing else moving means the committer is not taking its queue (throttled,
 * its event source disabled, failing without reaching the DLQ yet).
 */
export const COMMIT_MAX_MESSAGE_AGE = Duration.hours(3);

export type PartitionCommitterProps = StageFunctionProps;

/**
 * The stage's committer (functions/handlers/committer.ts) on its own queue: fetchers send a
 * commit task when a partition's last page is staged, the planner when a partition has no
 * pages, the reconciler when a commit is overdue. Its own timeout and memory, sized for the
 * largest partition; it reads staging and writes the lake tables, commit records and run
 * outcomes, and never reads a secret. Commit tasks that keep failing go to its DLQ (alarmed).
 */
export class PartitionCommitter extends Construct {
  readonly function: ReportFetcherFunction;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PartitionCommitterProps) {
    super(scope, id);
    const { names } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: `${names.commitQueue}-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Tasks', {
      // A fixed name: the Lambdas derive the URL from it (see deployment.ts).
      queueName: names.commitQueue,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for SQS event sources: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(COMMITTER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: COMMIT_QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: COMMIT_MAX_RECEIVE_COUNT },
    });
    this.function = new ReportFetcherFunction(this, 'Committer', {
      names,
      functionName: names.committerFunction,
      entry: 'committer.ts',
      description: `Commits complete partitions, one per invocation (${names.prefix})`,
      timeout: COMMITTER_TIMEOUT,
      memorySize: COMMITTER_MEMORY_MB,
      ephemeralStorageMb: COMMITTER_SCRATCH_MB,
      settings: props.settings,
      logRetention: props.logRetention,
    });
    const fn = this.function.function;
    props.control.grantUse(fn);
    const { bucket } = props;
    for (const statement of [
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('_staging/*')] }),
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [
          bucket.arnForObjects('*/source=*/dt=*'),
          bucket.arnForObjects('_commits/*'),
          bucket.arnForObjects('_runs/*'),
        ],
      }),
      // ListBucket: S3 answers 404 (not 403) for keys that do not exist yet (commit records).
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      // A busy partition's commit task comes back a few seconds later.
      new PolicyStatement({
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.queue.queueArn],
      }),
    ])
      fn.addToRolePolicy(statement);
    acknowledgeWildcards(this.function, [
      CONTROL_TABLE_INDEXES,
      {
        pattern: /^Resource::.*\/(_staging\/\*|\*\/source=\*\/dt=\*|_commits\/\*|_runs\/\*)$/,
        reason:
          'The committer serves every source of its stage; run ids, tables, sources and dates are only known at run time: staging is read, lake partitions, commit records and run outcomes written.',
      },
    ]);
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: COMMITTER_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: COMMITTER_CONCURRENCY,
      }),
    );

    const alarm = (
      id: string,
      alarmName: string,
      description: string,
      metric: Alarm['metric'],
      threshold = 1,
    ) => {
      this.alarms.push(
        notifyingAlarm(this, id, {
          alarmName: names.alarm(alarmName),
          description,
          metric,
          threshold,
          alarmAction: props.alarmAction,
        }),
      );
    };
    alarm(
      'DeadLettersAlarm',
      'commit-dead-letters',
      `Commit tasks failed ${COMMIT_MAX_RECEIVE_COUNT} times and wait in ${names.commitQueue}-dlq: their partitions were not committed. Fix the cause, then redrive the DLQ.`,
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    );
    alarm(
      'OldestTaskAlarm',
      'commit-oldest-task',
      `A commit task has waited more than ${COMMIT_MAX_MESSAGE_AGE.toHumanString()} in ${names.commitQueue}: its partition is staged but not in the lake. Commit tasks expire after ${COMMIT_QUEUE_RETENTION.toDays()} days without reaching the DLQ.`,
      this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      COMMIT_MAX_MESSAGE_AGE.toSeconds(),
    );
    alarm(
      'ErrorsAlarm',
      'committer-errors',
      `The committer crashed or timed out (Lambda Errors); see ${names.logGroup(names.committerFunction)}.`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
    alarm(
      'NearTimeoutAlarm',
      'committer-near-timeout',
      `A commit ran for at least 95% of the committer's ${COMMITTER_TIMEOUT.toMinutes()}-minute timeout: partitions are growing towards what one invocation can write.`,
      fn.metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' }),
      COMMITTER_TIMEOUT.toMilliseconds() * 0.95,
    );
  }
}
