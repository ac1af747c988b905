import { Aws, Duration, TimeZone } from 'aws-cdk-lib';
import {
  type Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SourceConfig } from '../functions/config/config-schema.js';
import { connectorOf, reportsOf } from '../functions/config/load-config.js';
import {
  FETCHER_SOURCE_ENV,
  FRESHNESS_METRIC,
  fetcherConcurrency,
  RECONCILER_SERVICE,
  type StageNames,
} from '../functions/deployment/index.js';
import { ConfigError } from '../functions/engine/index.js';
import type { ControlTable } from './control-table.js';
import type { DeploymentSettings } from './deployment-settings.js';
import { acknowledgeWildcards, CONTROL_TABLE_INDEXES, SECRET_SUFFIX_WILDCARD } from './nag.js';
import { type NotifyingAlarmProps, notifyingAlarm } from './notifying-alarm.js';
import { ReportFetcherFunction } from './report-fetcher-function.js';

export const FETCHER_TIMEOUT = Duration.minutes(5);
/** AWS's advice for SQS event sources: visibility at least six times the function timeout. */
export const QUEUE_VISIBILITY = Duration.seconds(FETCHER_TIMEOUT.toSeconds() * 6);
export const MAX_RECEIVE_COUNT = 5;
/** Messages per fetcher invocation; processed one after another (see fetcher.ts). */
export const FETCHER_BATCH_SIZE = 5;
/** Task messages expire after this; the oldest-message alarm fires long before. */
export const QUEUE_RETENTION = Duration.days(4);
/** SQS queue names are at most 80 characters. */
const QUEUE_NAME_LIMIT = 80;

export interface SourcePipelineProps {
  source: SourceConfig;
  names: StageNames;
  settings: DeploymentSettings;
  bucket: IBucket;
  /** The shared planner the schedule invokes. */
  planner: IFunction;
  /** The stage's control table (rate budgets, token leases, run ledger, commit fences). */
  controlTable: ControlTable;
  /** Where the scheduler puts runs it could not start. */
  schedulerDeadLetters: IQueue;
  alarmAction: IAlarmAction;
  logRetention: RetentionDays;
  /** A task older than this in the queue raises an alarm (default 12 hours; messages expire after 4 days). */
  maxMessageAge?: Duration;
  /**
   * A table of the source whose last partition committed by a scheduled run is older than this
   * raises its freshness alarm (default 30 hours: a daily schedule plus 6 hours).
   */
  freshnessWindow?: Duration;
}

/**
 * One source's part of the pipeline: its schedule (→ the shared planner), its task queue with a
 * dead-letter queue, its fetcher (max concurrency = the connector's), least-privilege grants by
 * name, and its alarms. Nothing here refers to another source, so adding a source adds one of
 * these and changes no other.
 */
export class SourcePipeline extends Construct {
  readonly source: SourceConfig;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly fetcher: ReportFetcherFunction;
  readonly schedule: Schedule;
  readonly alarms: Alarm[] = [];
  private readonly names: StageNames;

  constructor(scope: Construct, id: string, props: SourcePipelineProps) {
    super(scope, id);
    const { source, names } = props;
    const name = source.name;
    this.source = source;
    this.names = names;
    const queueName = names.queue(name);
    if (queueName.length > QUEUE_NAME_LIMIT)
      throw new ConfigError(
        `queue name "${queueName}" is longer than ${QUEUE_NAME_LIMIT} characters: shorten the source name`,
      );

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: `${queueName}-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Tasks', {
      // A fixed name: the Lambdas derive the URL from it (see deployment.ts).
      queueName,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: QUEUE_VISIBILITY,
      retentionPeriod: QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    this.fetcher = new ReportFetcherFunction(this, 'Fetcher', {
      names,
      functionName: names.fetcherFunction(name),
      entry: 'fetcher.ts',
      description: `Fetches and stages pages of source ${name}`,
      timeout: FETCHER_TIMEOUT,
      memorySize: 1024,
      settings: props.settings,
      environment: { [FETCHER_SOURCE_ENV]: name },
      logRetention: props.logRetention,
    });
    const fetcher = this.fetcher.function;
    this.grantFetcher(props.bucket);
    props.controlTable.grantUse(fetcher);
    acknowledgeWildcards(this.fetcher, [
      SECRET_SUFFIX_WILDCARD,
      CONTROL_TABLE_INDEXES,
      {
        pattern: new RegExp(`^Resource::.*/_staging/\\*/[a-z0-9_]+/source=${name}/\\*$`),
        reason: `Scoped to source ${name}: the wildcard stands for run ids and dates only known at run time (_staging/<run>/<table>/source=${name}/*).`,
      },
    ]);
    fetcher.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: FETCHER_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: fetcherConcurrency(source),
      }),
    );

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Daily run of source ${name} (${names.prefix})`,
      schedule: ScheduleExpression.expression(source.schedule, TimeZone.of(source.timezone)),
      target: new LambdaInvoke(props.planner, {
        // The scheduled time makes the run id: a retried or repeated delivery is the same run.
        input: ScheduleTargetInput.fromObject({
          source: name,
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: props.schedulerDeadLetters,
      }),
    });

    this.addAlarms(props);
  }

  /**
   * Least privilege, by name: its own secrets (they are not stack resources, see
   * credentials-secrets.ts), its own queue (the event source adds receive/delete) and the
   * stage's commit queue, and the staging keys of its own tables under `source=<name>`. It never
   * writes a lake table: the committer does.
   */
  private grantFetcher(bucket: IBucket): void {
    const { source, names } = this;
    const name = source.name;
    const fn = this.fetcher.function;
    const secretArn = (secretName: string) =>
      `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${secretName}-??????`;
    const tables = this.tables();
    const objects = (pattern: string) => bucket.arnForObjects(pattern);
    for (const statement of [
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secretArn(names.credentialsSecret(name)), secretArn(names.tokenSecret(name))],
      }),
      new PolicyStatement({
        actions: ['secretsmanager:PutSecretValue'],
        resources: [secretArn(names.tokenSecret(name))],
      }),
      new PolicyStatement({
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [
          this.queue.queueArn,
          // By name: the commit queue lives in the parent stack (no cross-stack reference).
          `arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:${names.commitQueue}`,
        ],
      }),
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: tables.map((t) => objects(`_staging/*/${t}/source=${name}/*`)),
      }),
      // With ListBucket S3 answers 404 (not 403) for a key that does not exist yet (manifests);
      // listing reveals key names only, never data.
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    ])
      fn.addToRolePolicy(statement);
  }

  private addAlarms(props: SourcePipelineProps): void {
    const name = this.source.name;
    const { names } = props;
    const fn = this.fetcher.function;
    const sourceMetric = (service: string, metricName: string, period: Duration) =>
      new Metric({
        namespace: names.metricsNamespace,
        metricName,
        dimensionsMap: { service, source: name },
        statistic: 'Sum',
        period,
      });
    const alarm = (id: string, alarmName: string, description: string, options: AlarmOptions) => {
      this.alarms.push(
        notifyingAlarm(this, id, {
          ...options,
          alarmName: names.alarm(`${name}-${alarmName}`),
          description,
          alarmAction: props.alarmAction,
        }),
      );
    };
    alarm(
      'DeadLettersAlarm',
      'dead-letters',
      `Pages of source ${name} failed ${MAX_RECEIVE_COUNT} times and wait in ${names.queue(name)}-dlq: their partitions were not committed. Fix the cause, then redrive the DLQ or backfill.`,
      {
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
        }),
      },
    );
    const maxAge = props.maxMessageAge ?? Duration.hours(12);
    alarm(
      'OldestTaskAlarm',
      'oldest-task',
      `A task of source ${name} has waited more than ${maxAge.toHumanString()} in ${names.queue(name)}; tasks expire after ${QUEUE_RETENTION.toDays()} days without reaching the DLQ.`,
      {
        metric: this.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: maxAge.toSeconds(),
      },
    );
    alarm(
      'FetcherErrorsAlarm',
      'fetcher-errors',
      `The fetcher of source ${name} crashed or timed out (Lambda Errors; failed pages alone are counted by page-failures).`,
      { metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }) },
    );
    alarm(
      'FetcherTimeoutsAlarm',
      'fetcher-near-timeout',
      `An invocation of the fetcher of source ${name} ran for at least 95% of its ${FETCHER_TIMEOUT.toMinutes()}-minute timeout.`,
      {
        metric: fn.metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: FETCHER_TIMEOUT.toMilliseconds() * 0.95,
      },
    );
    alarm(
      'PageFailuresAlarm',
      'page-failures',
      `Pages of source ${name} failed (they are retried, then go to the DLQ); see the fetcher log group ${names.logGroup(names.fetcherFunction(name))}.`,
      { metric: sourceMetric('report-fetcher-fetcher', 'PageFailures', Duration.minutes(15)), threshold: 5 },
    );
    // Freshness per table, from the run ledger: the reconciler publishes, each hour, the seconds
    // since a scheduled run last committed a partition of each table of the source.
    const window = props.freshnessWindow ?? Duration.hours(30);
    for (const table of this.tables()) {
      alarm(
        `Freshness-${table}`,
        `${table}-freshness`,
        `No scheduled run of source ${name} committed a partition of table ${table} for ${window.toHumanString()} (metric ${FRESHNESS_METRIC}, published hourly by the reconciler from the run ledger).`,
        {
          metric: new Metric({
            namespace: names.metricsNamespace,
            metricName: FRESHNESS_METRIC,
            dimensionsMap: { service: RECONCILER_SERVICE, source: name, table },
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
          threshold: window.toSeconds(),
          comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
          // An hour the reconciler skipped changes nothing; the reconciler's own failures alarm.
          missing: TreatMissingData.IGNORE,
        },
      );
    }
    // Restatements (docs/guarantees.md § 11): the committer emits, per restated partition, the
    // largest relative move of a metric sum in percent; alarm past the source's threshold.
    const percent = this.source.restatementAlertPercent;
    if (percent !== undefined) {
      alarm(
        'RestatementAlarm',
        'restatement',
        `A restatement of source ${name} moved a metric by more than ${percent}% (restatementAlertPercent). See SELECT * FROM restatements WHERE source = '${name}' ORDER BY detected_at DESC.`,
        {
          metric: new Metric({
            namespace: names.metricsNamespace,
            metricName: 'RestatementLargestChangePercent',
            dimensionsMap: { service: 'report-fetcher-committer', source: name },
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
          threshold: percent,
          comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        },
      );
    }
  }

  /** The lake tables the source writes (one per report). */
  tables(): string[] {
    return [...new Set(reportsOf(this.source).map((r) => connectorOf(this.source).reports[r]!.table))];
  }
}

/** What differs between the source's alarms; names, texts and the action are set per source. */
type AlarmOptions = Omit<NotifyingAlarmProps, 'alarmName' | 'description' | 'alarmAction'>;
