import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, Stack, type StackProps, TimeZone, Token, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, type IFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ReportFetcherConfig, SourceConfig } from '../functions/config/config-schema.js';
import { connectorOf, reportsOf } from '../functions/config/load-config.js';
import { CONNECTORS } from '../functions/connectors/index.js';
import { credentialKeysOf } from '../functions/engine/auth/auth-spec.js';
import {
  credentialsSecretName,
  DEPLOYMENT_ENV,
  type DeploymentInput,
  deployableSourceConfig,
  FETCHER_SOURCE_ENV,
  fetcherConcurrency,
  LAMBDA_ENVIRONMENT_LIMIT_BYTES,
  queueName,
  tokenSecretName,
} from '../functions/handlers/deployment.js';
import { ControlTable } from './control-table.js';
import { LAMBDA_BUNDLING } from './lambda-bundling.js';
import { nagResourceName } from './nag-finding.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const PLANNER_FUNCTION_NAME = 'report-fetcher-planner';
export const FETCHER_TIMEOUT = Duration.minutes(5);
/** AWS's advice for SQS event sources: visibility at least six times the function timeout. */
export const QUEUE_VISIBILITY = Duration.seconds(FETCHER_TIMEOUT.toSeconds() * 6);
export const MAX_RECEIVE_COUNT = 5;
/** Messages per fetcher invocation; processed one after another (see fetcher.ts). */
export const FETCHER_BATCH_SIZE = 5;

export interface PipelineStackProps extends StackProps {
  config: ReportFetcherConfig;
  /** The lake bucket's name (see lakeBucketName()). */
  bucketName: string;
  /** Optional e-mail or other subscribers are added to the alarm topic outside this stack. */
  logRetention?: RetentionDays;
}

/**
 * Fails the synth, not the deploy, when the deployment JSON would not fit a Lambda environment
 * (4 KB for all variables). Unresolved tokens (account, region, bucket name) are counted at a
 * generous 64 characters each, and 512 bytes are left for the other variables.
 */
function checkEnvironmentSize(deployment: DeploymentInput, sources: number): void {
  const estimate = JSON.stringify(deployment, (_key, value) =>
    typeof value === 'string' && Token.isUnresolved(value)
      ? 'x'.repeat(64 * (value.match(/\$\{Token/g)?.length ?? 1))
      : value,
  ).length;
  const budget = LAMBDA_ENVIRONMENT_LIMIT_BYTES - 512;
  if (estimate > budget) {
    throw new Error(
      `the settings of ${sources} sources take about ${estimate} bytes, more than the ${budget} a Lambda environment leaves for them; deploy the sources as two apps (two configs) or shorten their options`,
    );
  }
}

interface SourceResources {
  source: SourceConfig;
  queue: Queue;
  deadLetterQueue: Queue;
  credentials: Secret;
  token: Secret;
  fetcher: NodejsFunction;
}

/**
 * The daily pipeline: per source a schedule → the shared planner → the source's queue → the
 * source's fetcher (stage pages, fan out, commit complete partitions). Each fetcher can reach only
 * its own source's secrets, queue and lake prefixes.
 */
export class PipelineStack extends Stack {
  readonly planner: NodejsFunction;
  readonly alarmTopic: Topic;
  readonly sources: SourceResources[] = [];
  private readonly wildcardResources = new Set<string>();

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const bucket = Bucket.fromBucketName(this, 'LakeBucket', props.bucketName);
    const logRetention = props.logRetention ?? RetentionDays.THREE_MONTHS;

    // Alarms publish to an encrypted topic; CloudWatch needs a customer key it may use.
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the report-fetcher alarm topic',
    });
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'report-fetcher alarms',
      masterKey: alarmKey,
      enforceSSL: true,
    });
    const alarmAction = new SnsAction(this.alarmTopic);

    const schedulerDlq = new Queue(this, 'SchedulerDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(schedulerDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules.',
    });
    this.alarmOnMessages(
      'SchedulerDeadLettersAlarm',
      schedulerDlq,
      'A scheduled run could not start the planner',
      alarmAction,
    );

    for (const source of config.sources) {
      const name = source.name;
      const deadLetterQueue = new Queue(this, `DeadLetters-${name}`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `Tasks-${name}`, {
        // A fixed name: the Lambdas derive the URL from it (see deployment.ts).
        queueName: queueName(name),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: QUEUE_VISIBILITY,
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      const keys = credentialKeysOf(CONNECTORS[source.connector]!.auth);
      const credentials = new Secret(this, `Credentials-${name}`, {
        secretName: credentialsSecretName(name),
        description: `Vendor credentials of source ${name} (${source.connector}): JSON with ${keys.join(', ')}`,
        // Empty keys until an operator puts the real values; the planner names what is missing.
        generateSecretString: {
          secretStringTemplate: JSON.stringify(Object.fromEntries(keys.map((k) => [k, '']))),
          generateStringKey: 'unused_placeholder',
        },
      });
      const token = new Secret(this, `Token-${name}`, {
        secretName: tokenSecretName(name),
        description: `Cached access token of source ${name}; written by the pipeline`,
        generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'unused_placeholder' },
      });
      for (const secret of [credentials, token]) {
        Validations.of(secret).acknowledge({
          id: 'AwsSolutions-SMG4',
          reason:
            'Vendor API credentials are issued by the vendor and cannot be rotated by a Lambda; the token secret is rewritten by the pipeline whenever the token is replaced.',
        });
      }
      this.sources.push({ source, queue, deadLetterQueue, credentials, token, fetcher: undefined! });
      this.alarmOnMessages(
        `DeadLettersAlarm-${name}`,
        deadLetterQueue,
        `Pages of source ${name} failed ${MAX_RECEIVE_COUNT} times: their partitions were not committed`,
        alarmAction,
      );
    }

    const control = new ControlTable(this, 'Control');
    const deploymentOf = (entries: SourceResources[]): string => {
      const deployment: DeploymentInput = {
        bucket: bucket.bucketName,
        controlTable: control.table.tableName,
        queueUrlPrefix: `https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/`,
        sources: entries.map((e) => ({ config: deployableSourceConfig(e.source) as SourceConfig })),
      };
      checkEnvironmentSize(deployment, entries.length);
      return this.toJsonString(deployment);
    };

    this.planner = this.nodeFunction('Planner', 'planner.ts', {
      functionName: PLANNER_FUNCTION_NAME,
      description: 'Plans a run of one source (schedule or backfill) and enqueues its first pages',
      // A year-long backfill plans 366 partitions, some with a count request each.
      timeout: Duration.minutes(15),
      memorySize: 512,
      environment: { [DEPLOYMENT_ENV]: deploymentOf(this.sources) },
      logRetention,
    });
    // No automatic retries (a retry of a half-planned run resumes it through the ledger, but a
    // failure should be seen, not repeated): a failed invocation goes to the on-failure queue.
    const plannerFailures = new Queue(this, 'PlannerFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(plannerFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is the planner's on-failure destination, a dead-letter queue itself (alarmed).",
    });
    this.planner.configureAsyncInvoke({
      retryAttempts: 0,
      onFailure: new SqsDestination(plannerFailures),
    });
    this.alarmOnMessages(
      'PlannerFailuresAlarm',
      plannerFailures,
      'A planner invocation failed (its event is in the PlannerFailures queue)',
      alarmAction,
    );
    control.grantUse(this.planner);
    for (const entry of this.sources) this.grantSource(this.planner, entry, bucket, 'planner');
    new Alarm(this, 'PlannerErrorsAlarm', {
      alarmDescription: 'A planner run failed: a source was not planned (or only partly)',
      metric: this.planner.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    for (const entry of this.sources) {
      const name = entry.source.name;
      entry.fetcher = this.nodeFunction(`Fetcher-${name}`, 'fetcher.ts', {
        description: `Fetches, stages and commits pages of source ${name}`,
        timeout: FETCHER_TIMEOUT,
        memorySize: 1024,
        environment: { [DEPLOYMENT_ENV]: deploymentOf([entry]), [FETCHER_SOURCE_ENV]: name },
        logRetention,
      });
      this.grantSource(entry.fetcher, entry, bucket, 'fetcher');
      control.grantUse(entry.fetcher);
      entry.fetcher.addEventSource(
        new SqsEventSource(entry.queue, {
          batchSize: FETCHER_BATCH_SIZE,
          reportBatchItemFailures: true,
          maxConcurrency: fetcherConcurrency(entry.source),
        }),
      );

      new Schedule(this, `Schedule-${name}`, {
        description: `Daily run of source ${name}`,
        schedule: ScheduleExpression.expression(entry.source.schedule, TimeZone.of(entry.source.timezone)),
        target: new LambdaInvoke(this.planner, {
          // The scheduled time makes the run id: a retried or repeated delivery is the same run.
          input: ScheduleTargetInput.fromObject({
            source: name,
            scheduledTime: ContextAttribute.scheduledTime,
          }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: schedulerDlq,
        }),
      });
    }

    new CfnOutput(this, 'PlannerFunctionName', {
      value: this.planner.functionName,
      description: 'Backfill: report-fetcher backfill --deployed --source NAME --from D --to D',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'ControlTableName', {
      value: control.table.tableName,
      description: 'report-fetcher status --deployed --table <this>',
    });
    for (const entry of this.sources) {
      new CfnOutput(this, `CredentialsSecret-${entry.source.name}`, {
        value: entry.credentials.secretName,
        description: `aws secretsmanager put-secret-value --secret-id <this> --secret-string '{...}'`,
      });
    }
    this.acknowledgeExpectedFindings();
  }

  private nodeFunction(
    id: string,
    entry: string,
    options: {
      functionName?: string;
      description: string;
      timeout: Duration;
      memorySize: number;
      environment: Record<string, string>;
      logRetention: RetentionDays;
    },
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, { retention: options.logRetention });
    return new NodejsFunction(this, id, {
      entry: join(ROOT, 'functions', 'handlers', entry),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      ...(options.functionName ? { functionName: options.functionName } : {}),
      description: options.description,
      timeout: options.timeout,
      memorySize: options.memorySize,
      logGroup,
      environment: {
        ...options.environment,
        // V8 otherwise lets garbage grow towards its own default heap size before collecting;
        // half the function's memory keeps a million-row commit well inside it (bench/results.md).
        NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${Math.floor(options.memorySize / 2)}`,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      bundling: {
        minify: LAMBDA_BUNDLING.minify,
        keepNames: LAMBDA_BUNDLING.keepNames,
        sourceMap: true,
        sourcesContent: false,
        target: LAMBDA_BUNDLING.target,
        format: OutputFormat.ESM,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.external],
        forceDockerBundling: false,
      },
    });
  }

  /**
   * Least privilege per function. The planner serves every source; a fetcher only its own:
   * its two secrets, its queue (the event source adds receive/delete), and the lake keys of its
   * own tables under `source=<name>`.
   */
  private grantSource(fn: IFunction, entry: SourceResources, bucket: IBucket, role: 'planner' | 'fetcher') {
    const name = entry.source.name;
    entry.credentials.grantRead(fn);
    entry.token.grantRead(fn);
    entry.token.grantWrite(fn);
    entry.queue.grantSendMessages(fn);
    const tables = [
      ...new Set(reportsOf(entry.source).map((r) => connectorOf(entry.source).reports[r]!.table)),
    ];
    const objects = (pattern: string) => bucket.arnForObjects(pattern);
    const staging = tables.map((t) => objects(`_staging/*/${t}/source=${name}/*`));
    const statements = [
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources:
          role === 'planner'
            ? [...staging, objects(`_runs/*/${name}.json`)]
            : [
                ...staging,
                ...tables.map((t) => objects(`${t}/source=${name}/*`)),
                ...tables.map((t) => objects(`_commits/${t}_source=${name}_dt=*`)),
                objects(`_runs/*/${name}/*`),
              ],
      }),
      // With ListBucket S3 answers 404 (not 403) for a key that does not exist yet (manifests,
      // commit records); listing reveals key names only, never data.
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
    ];
    for (const statement of statements) fn.addToRolePolicy(statement);
    for (const resource of statements[0]!.resources) {
      if (resource.includes('*')) this.wildcardResources.add(resource);
    }
  }

  private alarmOnMessages(id: string, queue: Queue, description: string, action: SnsAction) {
    new Alarm(this, id, {
      alarmDescription: description,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
  }

  /**
   * cdk-nag v3 wants each finding acknowledged by its exact id, so the ids are computed from the
   * same resources the policies were built from: adding a source adds its acknowledgments.
   */
  private acknowledgeExpectedFindings() {
    const acknowledge = (id: string, reason: string) => Validations.of(this).acknowledge({ id, reason });
    const finding = (resource: string) => `Resource::${nagResourceName(this.resolve(resource))}`;
    for (const resource of this.wildcardResources) {
      acknowledge(
        `AwsSolutions-IAM5[${finding(resource)}]`,
        'Scoped to one source: the wildcard stands for run ids and dates only known at run time (_staging/<run>/<table>/source=<source>/*, <table>/source=<source>/dt=*/, _commits/<table>_source=<source>_dt=*, _runs/<run>/<source>.json, _runs/<run>/<source>/*).',
      );
    }
    acknowledge(
      `AwsSolutions-IAM5[${finding(`${this.planner.functionArn}:*`)}]`,
      'The scheduler role may invoke the planner function and its versions (generated by aws-scheduler-targets); nothing else.',
    );
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets a function write CloudWatch logs; it is the AWS-maintained minimum for Lambda.',
    );
    acknowledge(
      'AwsSolutions-L1',
      'nodejs22.x is pinned on purpose: the code is tested on Node 20/22 and middy 6 / Powertools 2 support it; nodejs24.x follows after testing there.',
    );
  }
}
