import { type CfnElement, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig, SourceConfig } from '../functions/config/config-schema.js';
import { type StageNames, stageNames } from '../functions/deployment/index.js';
import { AlarmRenotifier } from './alarm-renotifier.js';
import { AlarmTopic } from './alarm-topic.js';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.js';
import { ControlTable } from './control-table.js';
import { CredentialsSecrets } from './credentials-secrets.js';
import { DeploymentSettings } from './deployment-settings.js';
import { logicalIdOf } from './logical-ids.js';
import { PartitionCommitter } from './partition-committer.js';
import { PipelineDashboard } from './pipeline-dashboard.js';
import type { ReportFetcherFunction, StageFunctionProps } from './report-fetcher-function.js';
import { RunPlanner } from './run-planner.js';
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
 * committer (one complete partition per invocation). Composed of one construct per pattern
 * (AlarmTopic, AlarmedDeadLetterQueue, ControlTable, DeploymentSettings, RunPlanner,
 * CredentialsSecrets, PartitionCommitter, SourceGroup of SourcePipelines, AlarmRenotifier,
 * RunReconciler, PipelineDashboard; docs/architecture.md lists their props). Per-source
 * resources live in nested stacks, so this template stays the same size whatever the number of
 * sources; the planner's grants are by name pattern; the sources' settings travel in a file
 * bundled with the code.
 */
export class PipelineStack extends Stack {
  readonly names: StageNames;
  readonly planner: ReportFetcherFunction;
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

    const alarms = new AlarmTopic(this, 'AlarmTopic', { names });
    this.alarmTopic = alarms.topic;
    this.alarmAction = alarms.action;
    this.schedulerDeadLetters = new AlarmedDeadLetterQueue(this, 'SchedulerDeadLetters', {
      queueName: `${names.prefix}-scheduler-dlq`,
      alarmName: names.alarm('scheduler-dead-letters'),
      description: `A scheduled run could not start the planner; the events wait in ${names.prefix}-scheduler-dlq.`,
      isDeadLetterQueueBecause: 'This queue is itself the dead-letter queue of the schedules.',
      alarmAction: this.alarmAction,
    }).queue;

    this.control = new ControlTable(this, 'Control');
    this.settings = new DeploymentSettings(this, 'Settings', {
      config,
      stage: props.stage,
      bucketName: props.bucket.bucketName,
      controlTableName: this.control.table.tableName,
    });
    // The stage's shared functions (planner, committer) are given the same things.
    const stageFunction: StageFunctionProps = {
      names,
      settings: this.settings,
      bucket: props.bucket,
      control: this.control,
      alarmAction: this.alarmAction,
      logRetention,
    };
    const planner = new RunPlanner(this, 'RunPlanner', stageFunction);
    this.planner = planner.function;
    this.plannerFailures = planner.failures.queue;

    this.secrets = new CredentialsSecrets(this, 'SourceSecrets', { config, names, logRetention });
    this.committer = new PartitionCommitter(this, 'Committer', stageFunction);

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

  /** Grouping constructs leave their resources' logical IDs as they were (lib/logical-ids.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOf(element, this);
  }
}
