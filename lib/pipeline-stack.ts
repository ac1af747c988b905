import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig, SourceConfig } from '../functions/config/config-schema.js';
import { type StageNames, stageNames } from '../functions/handlers/deployment.js';
import { AlarmRenotifier } from './alarm-renotifier.js';
import { ControlTable } from './control-table.js';
import { CredentialsSecrets } from './credentials-secrets.js';
import { DeploymentSettings } from './deployment-settings.js';
import { acknowledgeWildcards, CONTROL_TABLE_INDEXES } from './nag.js';
import { PartitionCommitter } from './partition-committer.js';
import { PipelineDashboard } from './pipeline-dashboard.js';
import { PipelineFunction } from './pipeline-function.js';
import { RunReconciler } from './run-reconciler.js';
import { SOURCE_GROUPS, SourceGroup, sourceGroupOf } from './source-group.js';
import type { SourcePipeline } from './source-pipeline.js';

export {
  FETCHER_BATCH_SIZE,
  FETCHER_TIMEOUT,
  MAX_RECEIVE_COUNT,
  QUEUE_VISIBILITY,
} from './source-pipeline.js';

export interface PipelineStackProps extends StackProps {
  config: ReportFetcherConfig;
  /** The stage (dev, prod, ...): part of every physical name. */
  stage: string;
  /** The lake bucket (LakeStack.bucket). */
  bucket: IBucket;
  logRetention?: RetentionDays;
  /** Nested stacks the sources are spread over (see SOURCE_GROUPS; never change it for a deployed stage). */
  sourceGroups?: number;
}

/**
 * The daily pipeline of one stage: per source a schedule → the shared planner → the source's
 * queue → the source's fetcher (stage pages, fan out) → the stage's commit queue → the
 * committer (one complete partition per invocation). Per-source
 * resources live in nested stacks (SourceGroup), so this template stays the same size whatever
 * the number of sources; the planner's grants are by name pattern, so its policy does not grow
 * either; the sources' settings travel in a file bundled with the code (DeploymentSettings).
 */
export class PipelineStack extends Stack {
  readonly names: StageNames;
  readonly planner: PipelineFunction;
  readonly alarmTopic: Topic;
  readonly alarmAction: SnsAction;
  readonly schedulerDeadLetters: Queue;
  readonly settings: DeploymentSettings;
  /** Rate budgets, token leases, run ledger, commit fences: what all containers agree on. */
  readonly control: ControlTable;
  readonly plannerFailures: Queue;
  readonly secrets: CredentialsSecrets;
  readonly renotifier: AlarmRenotifier;
  readonly reconciler: RunReconciler;
  readonly committer: PartitionCommitter;
  readonly dashboard: PipelineDashboard;
  readonly groups: SourceGroup[] = [];
  readonly sources: SourcePipeline[] = [];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = stageNames(props.stage);
    this.names = names;
    const logRetention = props.logRetention ?? RetentionDays.THREE_MONTHS;

    // Alarms publish to an encrypted topic; CloudWatch needs a customer key it may use.
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: `Encrypts the ${names.prefix} alarm topic`,
      // Nothing outlives the topic it encrypts: scheduled for deletion with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'Alarms', {
      topicName: `${names.prefix}-alarms`,
      displayName: `${names.prefix} alarms`,
      masterKey: alarmKey,
      enforceSSL: true,
    });
    this.alarmAction = new SnsAction(this.alarmTopic);

    this.schedulerDeadLetters = new Queue(this, 'SchedulerDeadLetters', {
      queueName: `${names.prefix}-scheduler-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.schedulerDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules.',
    });
    new Alarm(this, 'SchedulerDeadLettersAlarm', {
      alarmName: names.alarm('scheduler-dead-letters'),
      alarmDescription: `A scheduled run could not start the planner; the events wait in ${names.prefix}-scheduler-dlq.`,
      metric: this.schedulerDeadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.alarmAction);

    this.control = new ControlTable(this, 'Control');
    this.settings = new DeploymentSettings(this, 'Settings', {
      config,
      stage: props.stage,
      bucketName: props.bucket.bucketName,
      controlTableName: this.control.table.tableName,
    });

    this.planner = new PipelineFunction(this, 'Planner', {
      names,
      functionName: names.plannerFunction,
      entry: 'planner.ts',
      description: `Plans a run of one source (schedule or backfill) and enqueues its first pages (${names.prefix})`,
      // A year-long backfill plans 366 partitions, some with a count request each.
      timeout: Duration.minutes(15),
      memorySize: 512,
      settings: this.settings,
      logRetention,
    });
    this.grantPlanner(props.bucket);
    this.control.grantUse(this.planner.function);
    // No automatic retries (a retry of a half-planned run resumes it through the ledger, but a
    // failure should be seen, not repeated): a failed invocation goes to the on-failure queue.
    this.plannerFailures = new Queue(this, 'PlannerFailures', {
      queueName: `${names.prefix}-planner-failures`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.plannerFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is the planner's on-failure destination, a dead-letter queue itself (alarmed).",
    });
    this.planner.function.configureAsyncInvoke({
      retryAttempts: 0,
      onFailure: new SqsDestination(this.plannerFailures),
    });
    new Alarm(this, 'PlannerFailuresAlarm', {
      alarmName: names.alarm('planner-failures'),
      alarmDescription: `A planner invocation failed; its event waits in ${names.prefix}-planner-failures.`,
      metric: this.plannerFailures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.alarmAction);
    new Alarm(this, 'PlannerErrorsAlarm', {
      alarmName: names.alarm('planner-errors'),
      alarmDescription: `A planner run failed: a source was not planned (or only partly). See ${names.logGroup(names.plannerFunction)}.`,
      metric: this.planner.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.alarmAction);

    this.secrets = new CredentialsSecrets(this, 'SourceSecrets', { config, names, logRetention });
    this.committer = new PartitionCommitter(this, 'Committer', {
      names,
      settings: this.settings,
      bucket: props.bucket,
      control: this.control,
      alarmAction: this.alarmAction,
      logRetention,
    });

    const groups = props.sourceGroups ?? SOURCE_GROUPS;
    const byGroup = new Map<number, SourceConfig[]>();
    for (const source of config.sources) {
      const group = sourceGroupOf(source.name, groups);
      byGroup.set(group, [...(byGroup.get(group) ?? []), source]);
    }
    for (const [group, sources] of [...byGroup].sort(([a], [b]) => a - b)) {
      const nested = new SourceGroup(this, `Sources${group}`, {
        description:
          `${names.prefix} sources of group ${group}: ${sources.map((s) => s.name).join(', ')}`.slice(
            0,
            1024,
          ),
        sources,
        shared: {
          names,
          settings: this.settings,
          bucket: props.bucket,
          planner: this.planner.function,
          controlTable: this.control,
          schedulerDeadLetters: this.schedulerDeadLetters,
          alarmAction: this.alarmAction,
          logRetention,
        },
      });
      this.groups.push(nested);
      this.sources.push(...nested.pipelines);
    }

    this.renotifier = new AlarmRenotifier(this, 'AlarmRenotifier', { names, logRetention });
    this.reconciler = new RunReconciler(this, 'RunReconciler', {
      names,
      settings: this.settings,
      control: this.control,
      alarmAction: this.alarmAction,
      logRetention,
    });
    this.dashboard = new PipelineDashboard(this, 'Dashboard', { names });

    new CfnOutput(this, 'Stage', { value: props.stage });
    new CfnOutput(this, 'DashboardName', { value: names.dashboard });
    new CfnOutput(this, 'PlannerFunctionName', {
      value: this.planner.function.functionName,
      description: `Backfill: npx report-fetcher backfill --deployed --stage ${props.stage} --source NAME --from D --to D`,
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'ControlTableName', {
      value: this.control.table.tableName,
      description: 'report-fetcher status --deployed --table <this>',
    });
    new CfnOutput(this, 'SecretsPrefix', {
      value: names.secretPrefix,
      description: `Credentials: aws secretsmanager put-secret-value --secret-id ${names.secretPrefix}/<source>/credentials --secret-string '{...}'`,
    });
  }

  /**
   * The planner serves every source of the stage, so its grants are by name pattern (one
   * policy, the same size for 5 or 500 sources): the stage's secrets and queues, and the lake's
   * staging and run-manifest keys. It never writes a lake table.
   */
  private grantPlanner(bucket: IBucket): void {
    const { names } = this;
    const fn = this.planner.function;
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
    acknowledgeWildcards(this.planner, [
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
