import { Aws, Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageNames } from '../functions/deployment/index.js';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.js';
import { groupWithoutRenaming } from './logical-ids.js';
import { acknowledgeWildcards, CONTROL_TABLE_INDEXES } from './nag.js';
import { notifyingAlarm } from './notifying-alarm.js';
import { ReportFetcherFunction, type StageFunctionProps } from './report-fetcher-function.js';

/** The planner writes staging and run manifests in the lake bucket, never a lake table. */
export type RunPlannerProps = StageFunctionProps;

/**
 * The stage's planner (functions/handlers/planner.ts), invoked by every source's schedule and by
 * `report-fetcher backfill --deployed`: it records the run in the ledger, plans the partitions and
 * enqueues their first pages. Grants are by name pattern (one policy, the same size for 5 or 500
 * sources). It is not retried by Lambda (a retry of a half-planned run would resume it through the
 * ledger, but a failure should be seen, not repeated): a failed asynchronous invocation goes to
 * `report-fetcher-<stage>-planner-failures`. Alarms: planner errors and planner failures.
 */
export class RunPlanner extends Construct {
  readonly function: ReportFetcherFunction;
  readonly failures: AlarmedDeadLetterQueue;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RunPlannerProps) {
    super(scope, id);
    groupWithoutRenaming(this);
    const { names } = props;
    this.function = new ReportFetcherFunction(this, 'Planner', {
      names,
      functionName: names.plannerFunction,
      entry: 'planner.ts',
      description: `Plans a run of one source (schedule or backfill) and enqueues its first pages (${names.prefix})`,
      // A year-long backfill plans 366 partitions, some with a count request each.
      timeout: Duration.minutes(15),
      memorySize: 512,
      settings: props.settings,
      logRetention: props.logRetention,
    });
    this.grant(names, props.bucket);
    props.control.grantUse(this.function.function);
    this.failures = new AlarmedDeadLetterQueue(this, 'PlannerFailures', {
      queueName: `${names.prefix}-planner-failures`,
      alarmName: names.alarm('planner-failures'),
      description: `A planner invocation failed; its event waits in ${names.prefix}-planner-failures.`,
      isDeadLetterQueueBecause:
        "It is the planner's on-failure destination, a dead-letter queue itself (alarmed).",
      alarmAction: props.alarmAction,
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: 0,
      onFailure: new SqsDestination(this.failures.queue),
    });
    this.errorsAlarm = notifyingAlarm(this, 'PlannerErrorsAlarm', {
      alarmName: names.alarm('planner-errors'),
      description: `A planner run failed: a source was not planned (or only partly). See ${names.logGroup(names.plannerFunction)}.`,
      metric: this.function.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      alarmAction: props.alarmAction,
    });
  }

  /**
   * The planner serves every source of the stage, so its grants are by name pattern: the stage's
   * secrets and queues, and the lake's staging and run-manifest keys. It never writes a lake table.
   */
  private grant(names: StageNames, bucket: IBucket): void {
    const fn = this.function.function;
    const secrets = `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${names.secretPrefix}`;
    for (const statement of [
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [`${secrets}/*/credentials-??????`, `${secrets}/*/token-??????`],
      }),
      new PolicyStatement({
        actions: ['secretsmanager:PutSecretValue'],
        resources: [`${secrets}/*/token-??????`],
      }),
      new PolicyStatement({
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [`arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:${names.prefix}-*`],
      }),
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [bucket.arnForObjects('_staging/*'), bucket.arnForObjects('_runs/*')],
      }),
      // ListBucket: S3 answers 404 (not 403) for keys that do not exist yet.
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    ])
      fn.addToRolePolicy(statement);
    acknowledgeWildcards(this.function, [
      {
        pattern:
          /^Resource::arn:<AWS::Partition>:secretsmanager:.*:secret:report-fetcher\/[a-z0-9]+\/\*\/(credentials|token)-\?\?\?\?\?\?$/,
        reason:
          'The planner serves every source of its stage: the secrets of this stage only (report-fetcher/<stage>/<source>/...), "-??????" being the suffix Secrets Manager adds.',
      },
      {
        pattern: /^Resource::arn:<AWS::Partition>:sqs:.*:report-fetcher-[a-z0-9]+-\*$/,
        reason:
          'The planner enqueues the first pages of every source of its stage: the queues report-fetcher-<stage>-*.',
      },
      {
        pattern: /^Resource::.*\/(_staging|_runs)\/\*$/,
        reason:
          'Run ids and source names are only known at run time: staging pages and run manifests of the lake, never a lake table.',
      },
      CONTROL_TABLE_INDEXES,
    ]);
  }
}
