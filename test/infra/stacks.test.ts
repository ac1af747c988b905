import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFetcherConfig } from '../../functions/config/config-schema.js';
import { connectorOf, loadConfigFile, reportsOf } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import {
  FRESHNESS_METRIC,
  fetcherConcurrency,
  RECONCILER_SERVICE,
  SOURCES_FILE,
  sourcesFileOf,
} from '../../functions/deployment/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import { RESTATEMENTS_SCHEMA, RESTATEMENTS_TABLE } from '../../functions/engine/index.js';
import { glueColumns } from '../../functions/engine/schema/glue-columns.js';
import { PROJECTION_END } from '../../lib/lake-stack.js';
import {
  COMMIT_MAX_MESSAGE_AGE,
  COMMIT_MAX_RECEIVE_COUNT,
  COMMIT_QUEUE_RETENTION,
  COMMITTER_MEMORY_MB,
  COMMITTER_SCRATCH_MB,
  COMMITTER_TIMEOUT,
} from '../../lib/partition-committer.js';
import { FETCHER_TIMEOUT, MAX_RECEIVE_COUNT } from '../../lib/pipeline-stack.js';
import {
  allResources,
  type CfnProperties,
  type CfnTemplate,
  type SynthesizedStage,
  synthStage,
} from './support/synth-stage.js';

const CONFIG_PATH = 'report-fetcher.config.example.json';

let config: ReportFetcherConfig;
let stage: SynthesizedStage;
let lakeTemplate: CfnTemplate;

beforeAll(async () => {
  config = (await loadConfigFile(CONFIG_PATH)).config;
  stage = await synthStage({ config });
  lakeTemplate = stage.templates['ReportFetcher-dev-Lake.template.json']!;
}, 120_000);

function ofType(type: string) {
  return allResources(stage).filter((r) => r.Type === type);
}
function only(type: string, predicate: (p: CfnProperties) => boolean) {
  const found = ofType(type).filter((r) => predicate(r.Properties ?? {}));
  expect(found, type).toHaveLength(1);
  return found[0]!;
}
function fn(name: string) {
  return only('AWS::Lambda::Function', (p) => p.FunctionName === name);
}

describe('pipeline', () => {
  it('names the planner per stage so `report-fetcher backfill --deployed --stage dev` finds it', () => {
    const planner = fn('report-fetcher-dev-planner');
    expect(planner.Properties!.Runtime).toBe('nodejs22.x');
    expect(planner.file).toBe('ReportFetcher-dev-Pipeline.template.json');
  });

  it('bundles every source’s settings with the code; the environment only says where things are', () => {
    const variables = fn('report-fetcher-dev-planner').Properties!.Environment.Variables;
    const text = JSON.stringify(variables.REPORT_FETCHER_DEPLOYMENT);
    expect(text).toContain(`\\"sourcesFile\\":\\"${SOURCES_FILE}\\"`);
    expect(text).toContain('\\"stage\\":\\"dev\\"');
    for (const source of config.sources) expect(text).not.toContain(source.name);
    const file = JSON.parse(readFileSync(stage.pipeline.settings.file, 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(sourcesFileOf(config))));
    const fileText = JSON.stringify(file);
    expect(fileText).not.toContain('credentials');
    expect(fileText).not.toContain('schedule');
  });

  it('schedules every source in its own time zone, with retries and a dead-letter queue', () => {
    const schedules = ofType('AWS::Scheduler::Schedule').filter((s) =>
      String(s.Properties!.Target?.Input).includes('"source"'),
    );
    expect(schedules).toHaveLength(config.sources.length);
    for (const source of config.sources) {
      // The scheduled time makes the run id: a retried or repeated delivery is the same run.
      const schedule = schedules.find(
        (s) =>
          s.Properties!.Target.Input ===
          JSON.stringify({ source: source.name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
      );
      expect(schedule, source.name).toBeDefined();
      expect(schedule!.Properties!.ScheduleExpression).toBe(source.schedule);
      expect(schedule!.Properties!.ScheduleExpressionTimezone).toBe(source.timezone);
      expect(schedule!.Properties!.Target.RetryPolicy.MaximumRetryAttempts).toBe(3);
      expect(schedule!.Properties!.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('keeps shared state in one control table: on demand, point-in-time recovery, TTL, retained, used by every function', () => {
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.DeletionPolicy).toBe('Retain');
    expect(tables[0]!.Properties!.TableName).toBeUndefined();
    expect(tables[0]!.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      Replicas: [
        expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
    const text = JSON.stringify(fn('report-fetcher-dev-planner').Properties!.Environment);
    expect(text).toContain('\\"controlTable\\":\\"');
    for (const name of [
      'report-fetcher-dev-planner',
      'report-fetcher-dev-committer',
      ...config.sources.map((s) => `report-fetcher-dev-fetch-${s.name}`),
    ]) {
      const f = fn(name);
      const roleId = f.Properties!.Role['Fn::GetAtt'][0];
      const policy = ofType('AWS::IAM::Policy').find(
        (p) => p.file === f.file && JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`),
      )!;
      expect(JSON.stringify(policy.Properties!.PolicyDocument), name).toContain(
        'dynamodb:ConditionCheckItem',
      );
    }
    // The planner is not retried by Lambda (a failure goes to its on-failure queue, alarmed).
    const invokeConfig = only('AWS::Lambda::EventInvokeConfig', () => true);
    expect(invokeConfig.Properties!.MaximumRetryAttempts).toBe(0);
    expect(invokeConfig.Properties!.DestinationConfig.OnFailure.Destination).toBeDefined();
    only('AWS::SQS::Queue', (p) => p.QueueName === 'report-fetcher-dev-planner-failures');
  });

  it('gives every source an encrypted queue with a DLQ and a visibility of 6x the fetcher timeout', () => {
    for (const source of config.sources) {
      const queue = only('AWS::SQS::Queue', (p) => p.QueueName === `report-fetcher-dev-${source.name}`);
      const dlq = only('AWS::SQS::Queue', (p) => p.QueueName === `report-fetcher-dev-${source.name}-dlq`);
      expect(queue.Properties!.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * FETCHER_TIMEOUT.toSeconds());
      expect(queue.Properties!.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] },
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
    }
  });

  it('caps each fetcher at its connector concurrency (never below the AWS floor of 2)', () => {
    for (const source of config.sources) {
      const connector = CONNECTORS[source.connector]!;
      const expected = Math.max(2, source.concurrency ?? connector.maxConcurrency);
      expect(fetcherConcurrency(source)).toBe(expected);
      const fetcher = fn(`report-fetcher-dev-fetch-${source.name}`);
      const mapping = ofType('AWS::Lambda::EventSourceMapping').find(
        (m) =>
          m.file === fetcher.file &&
          JSON.stringify(m.Properties!.FunctionName) === JSON.stringify({ Ref: fetcher.id }),
      );
      expect(mapping, source.name).toBeDefined();
      expect(mapping!.Properties!.ScalingConfig).toEqual({ MaximumConcurrency: expected });
      expect(mapping!.Properties!.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(fetcher.Properties!.Environment.Variables.REPORT_FETCHER_SOURCE).toBe(source.name);
    }
  });

  it("lets each fetcher reach only its own source's secrets, queue and lake prefixes", () => {
    for (const source of config.sources) {
      const fetcher = fn(`report-fetcher-dev-fetch-${source.name}`);
      const roleId = fetcher.Properties!.Role['Fn::GetAtt'][0];
      const policies = ofType('AWS::IAM::Policy').filter(
        (p) => p.file === fetcher.file && JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`),
      );
      expect(policies).toHaveLength(1);
      const text = JSON.stringify(policies[0]!.Properties!.PolicyDocument);
      expect(text).toContain(`secret:report-fetcher/dev/${source.name}/credentials-??????`);
      expect(text).toContain(`secret:report-fetcher/dev/${source.name}/token-??????`);
      for (const other of config.sources.filter((o) => o !== source)) {
        expect(text, `${source.name} must not reach ${other.name}`).not.toContain(`/${other.name}/`);
        expect(text).not.toContain(`source=${other.name}/`);
        expect(text).not.toContain(`report-fetcher-dev-${other.name}`);
      }
      expect(text).not.toMatch(/"s3:\*"|secret:report-fetcher\/dev\/\*/);
      // Only X-Ray's write actions (no resource-level permissions) are granted on "*".
      const statements = policies[0]!.Properties!.PolicyDocument.Statement as {
        Action: unknown;
        Resource: unknown;
      }[];
      for (const statement of statements.filter((s) => s.Resource === '*'))
        expect([statement.Action].flat().every((a) => String(a).startsWith('xray:'))).toBe(true);
    }
  });

  it('commits in a function of its own: its own queue and DLQ, timeout and memory, one partition per invocation, no secrets', () => {
    const committer = fn('report-fetcher-dev-committer');
    expect(committer.Properties!.Timeout).toBe(COMMITTER_TIMEOUT.toSeconds());
    expect(committer.Properties!.MemorySize).toBe(COMMITTER_MEMORY_MB);
    // Its /tmp holds the largest partition's spilled key state (24 bytes a row, 50 M rows).
    expect(committer.Properties!.EphemeralStorage).toEqual({ Size: COMMITTER_SCRATCH_MB });
    expect(COMMITTER_SCRATCH_MB * 2 ** 20).toBeGreaterThanOrEqual(50_000_000 * 24);
    expect(COMMITTER_TIMEOUT.toSeconds()).toBeGreaterThan(FETCHER_TIMEOUT.toSeconds());
    const queue = only('AWS::SQS::Queue', (p) => p.QueueName === 'report-fetcher-dev-commit-tasks');
    const dlq = only('AWS::SQS::Queue', (p) => p.QueueName === 'report-fetcher-dev-commit-tasks-dlq');
    expect(queue.Properties!.SqsManagedSseEnabled).toBe(true);
    expect(queue.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * COMMITTER_TIMEOUT.toSeconds());
    expect(queue.Properties!.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] },
      maxReceiveCount: COMMIT_MAX_RECEIVE_COUNT,
    });
    const mapping = ofType('AWS::Lambda::EventSourceMapping').find(
      (m) => JSON.stringify(m.Properties!.FunctionName) === JSON.stringify({ Ref: committer.id }),
    );
    expect(mapping!.Properties!.BatchSize).toBe(1);
    expect(mapping!.Properties!.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const roleId = committer.Properties!.Role['Fn::GetAtt'][0];
    const text = JSON.stringify(
      ofType('AWS::IAM::Policy')
        .filter((p) => JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`))
        .map((p) => p.Properties!.PolicyDocument),
    );
    expect(text).not.toContain('secretsmanager:');
    expect(text).toContain('/_commits/*');
    expect(text).toContain('/*/source=*/dt=*');
    for (const name of [
      'commit-dead-letters',
      'commit-oldest-task',
      'committer-errors',
      'committer-near-timeout',
    ]) {
      const alarm = only('AWS::CloudWatch::Alarm', (p) => p.AlarmName === `report-fetcher-dev-${name}`);
      expect(alarm.Properties!.AlarmActions, name).toHaveLength(1);
    }
    // A commit task nobody takes alarms before it expires, on the commit queue itself.
    const age = only(
      'AWS::CloudWatch::Alarm',
      (p) => p.AlarmName === 'report-fetcher-dev-commit-oldest-task',
    );
    expect(age.Properties).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Statistic: 'Maximum',
      Threshold: COMMIT_MAX_MESSAGE_AGE.toSeconds(),
    });
    expect(JSON.stringify(age.Properties!.Dimensions)).toContain(queue.id);
    expect(COMMIT_MAX_MESSAGE_AGE.toSeconds()).toBeLessThan(COMMIT_QUEUE_RETENTION.toSeconds());
    // The fetchers send commit tasks there and never write a lake table themselves.
    for (const source of config.sources) {
      const fetcher = fn(`report-fetcher-dev-fetch-${source.name}`);
      const fetcherRole = fetcher.Properties!.Role['Fn::GetAtt'][0];
      const policy = JSON.stringify(
        ofType('AWS::IAM::Policy')
          .filter(
            (p) =>
              p.file === fetcher.file && JSON.stringify(p.Properties!.Roles).includes(`"${fetcherRole}"`),
          )
          .map((p) => p.Properties!.PolicyDocument),
      );
      expect(policy).toContain(':report-fetcher-dev-commit-tasks');
      expect(policy).not.toContain('_commits/');
      for (const report of reportsOf(source)) {
        const table = connectorOf(source).reports[report]!.table;
        expect(policy).not.toMatch(new RegExp(`(?<!_staging/\\*)/${table}/source=`));
        expect(policy).toContain(`/_staging/*/${table}/source=${source.name}/*`);
      }
    }
  });

  it('grants the planner by name pattern: the stage’s secrets and queues, staging and run keys, never a table', () => {
    const roleId = fn('report-fetcher-dev-planner').Properties!.Role['Fn::GetAtt'][0];
    const policy = ofType('AWS::IAM::Policy').find(
      (p) =>
        p.file === 'ReportFetcher-dev-Pipeline.template.json' &&
        JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`),
    )!;
    const text = JSON.stringify(policy.Properties!.PolicyDocument);
    expect(text).toContain('secret:report-fetcher/dev/*/credentials-??????');
    expect(text).toContain(':report-fetcher-dev-*');
    for (const source of config.sources) expect(text).not.toContain(source.name);
    for (const table of stage.lake.tables) expect(text).not.toContain(`/${table.folder}/`);
  });

  it('creates each source’s secrets empty through a custom resource that never overwrites or deletes one', () => {
    expect(ofType('AWS::SecretsManager::Secret')).toEqual([]);
    const resource = only('Custom::ReportFetcherSecrets', () => true);
    const secrets = resource.Properties!.Secrets as { name: string; initialValue: string }[];
    for (const source of config.sources) {
      const keys = credentialKeysOf(CONNECTORS[source.connector]!.auth);
      expect(secrets).toContainEqual(
        expect.objectContaining({
          name: `report-fetcher/dev/${source.name}/credentials`,
          initialValue: JSON.stringify(Object.fromEntries(keys.map((k) => [k, '']))),
        }),
      );
      expect(secrets).toContainEqual(
        expect.objectContaining({ name: `report-fetcher/dev/${source.name}/token`, initialValue: '{}' }),
      );
    }
    expect(JSON.stringify(allResources(stage))).not.toContain('GenerateSecretString');
  });

  it('traces every function with X-Ray and gives each a named log group that goes with the stack', () => {
    const ours = ofType('AWS::Lambda::Function').filter((f) => f.Properties!.FunctionName);
    expect(ours.length).toBe(config.sources.length + 5); // + the stage-wide functions (planner, committer, re-notifier, reconciler, secrets)
    for (const f of ours) {
      expect(f.Properties!.TracingConfig, f.Properties!.FunctionName).toEqual({ Mode: 'Active' });
      const group = only(
        'AWS::Logs::LogGroup',
        (p) => p.LogGroupName === `/aws/lambda/${f.Properties!.FunctionName}`,
      );
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });

  it('alarms per source on dead letters, oldest task age, fetcher errors and timeouts, page failures, and per table on freshness', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const byName = (name: string) => {
      const alarm = alarms.find((a) => a.Properties!.AlarmName === name);
      expect(alarm, name).toBeDefined();
      expect(alarm!.Properties!.AlarmActions, name).toHaveLength(1);
      return alarm!.Properties!;
    };
    for (const source of config.sources) {
      const prefix = `report-fetcher-dev-${source.name}`;
      expect(byName(`${prefix}-dead-letters`).MetricName).toBe('ApproximateNumberOfMessagesVisible');
      const age = byName(`${prefix}-oldest-task`);
      expect(age.MetricName).toBe('ApproximateAgeOfOldestMessage');
      expect(age.Dimensions).toEqual([{ Name: 'QueueName', Value: expect.anything() }]);
      expect(age.Threshold).toBeLessThan(4 * 24 * 3600);
      expect(byName(`${prefix}-fetcher-errors`).MetricName).toBe('Errors');
      const timeout = byName(`${prefix}-fetcher-near-timeout`);
      expect(timeout.MetricName).toBe('Duration');
      expect(timeout.Threshold).toBe(FETCHER_TIMEOUT.toMilliseconds() * 0.95);
      expect(byName(`${prefix}-page-failures`)).toMatchObject({
        Namespace: 'ReportFetcher/dev',
        MetricName: 'PageFailures',
      });
      // Freshness per table of the source, fed by the reconciler from the run ledger.
      const tables = new Set(reportsOf(source).map((r) => connectorOf(source).reports[r]!.table));
      for (const table of tables) {
        const freshness = byName(`${prefix}-${table}-freshness`);
        expect(freshness).toMatchObject({
          Namespace: 'ReportFetcher/dev',
          MetricName: FRESHNESS_METRIC,
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 30 * 3600,
          TreatMissingData: 'ignore',
        });
        expect(freshness.Dimensions).toEqual(
          expect.arrayContaining([
            { Name: 'service', Value: RECONCILER_SERVICE },
            { Name: 'source', Value: source.name },
            { Name: 'table', Value: table },
          ]),
        );
        expect(freshness.Dimensions).toHaveLength(3);
      }
      expect(
        alarms
          .filter((a) => a.Properties!.AlarmName.startsWith(`${prefix}-`))
          .map((a) => a.Properties!.AlarmName)
          .filter((n: string) => n.endsWith('-freshness')),
      ).toHaveLength(tables.size);
      // The restatement alarm only for a source that sets restatementAlertPercent.
      const restated = alarms.find((a) => a.Properties!.AlarmName === `${prefix}-restatement`);
      if (source.restatementAlertPercent === undefined) expect(restated, source.name).toBeUndefined();
      else
        expect(byName(`${prefix}-restatement`)).toMatchObject({
          Namespace: 'ReportFetcher/dev',
          MetricName: 'RestatementLargestChangePercent',
          Statistic: 'Maximum',
          Threshold: source.restatementAlertPercent,
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: expect.arrayContaining([{ Name: 'source', Value: source.name }]),
        });
    }
    expect(config.sources.some((s) => s.restatementAlertPercent !== undefined)).toBe(true);
    expect(byName('report-fetcher-dev-reconciler-errors').MetricName).toBe('Errors');
    expect(byName('report-fetcher-dev-planner-errors').MetricName).toBe('Errors');
    expect(byName('report-fetcher-dev-planner-failures').MetricName).toBe(
      'ApproximateNumberOfMessagesVisible',
    );
    expect(byName('report-fetcher-dev-scheduler-dead-letters').MetricName).toBe(
      'ApproximateNumberOfMessagesVisible',
    );
    for (const alarm of alarms) expect(alarm.Properties!.AlarmName).toMatch(/^report-fetcher-dev-/);
  });

  it('re-notifies alarms that stay in ALARM: a schedule resets the stage’s alarms so CloudWatch re-evaluates them', () => {
    const renotifier = fn('report-fetcher-dev-alarm-renotifier');
    expect(renotifier.Properties!.Environment.Variables.REPORT_FETCHER_ALARM_PREFIX).toBe(
      'report-fetcher-dev-',
    );
    const schedule = ofType('AWS::Scheduler::Schedule').find((s) =>
      JSON.stringify(s.Properties!.Target.Arn).includes(renotifier.id),
    );
    expect(schedule!.Properties!.ScheduleExpression).toBe('rate(6 hours)');
    const roleId = renotifier.Properties!.Role['Fn::GetAtt'][0];
    const policy = ofType('AWS::IAM::Policy').find((p) =>
      JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`),
    )!;
    expect(JSON.stringify(policy.Properties!.PolicyDocument)).toContain(':alarm:report-fetcher-dev-*');
  });

  it('reconciles the run ledger hourly and alarms on partitions planned but not committed', () => {
    const reconciler = fn('report-fetcher-dev-reconciler');
    const schedule = ofType('AWS::Scheduler::Schedule').find((s) =>
      JSON.stringify(s.Properties!.Target.Arn).includes(reconciler.id),
    );
    expect(schedule!.Properties!.ScheduleExpression).toBe('rate(1 hour)');
    const roleId = reconciler.Properties!.Role['Fn::GetAtt'][0];
    const policies = JSON.stringify(
      ofType('AWS::IAM::Policy')
        .filter((p) => JSON.stringify(p.Properties!.Roles).includes(`"${roleId}"`))
        .map((p) => p.Properties!.PolicyDocument),
    );
    expect(policies).toContain('dynamodb:');
    expect(policies).toContain(':report-fetcher-dev-*');
    const alarm = only(
      'AWS::CloudWatch::Alarm',
      (p) => p.AlarmName === 'report-fetcher-dev-partitions-overdue',
    );
    expect(alarm.Properties!.MetricName).toBe('PartitionsOverdue');
    expect(alarm.Properties!.Namespace).toBe('ReportFetcher/dev');
    expect(alarm.Properties!.AlarmActions).toHaveLength(1);
  });

  it('has a dashboard per stage built from SEARCH expressions (same size for any number of sources)', () => {
    const dashboard = only('AWS::CloudWatch::Dashboard', (p) => p.DashboardName === 'report-fetcher-dev');
    const body = JSON.stringify(dashboard.Properties!.DashboardBody);
    for (const metric of [
      'PlannerInvocations',
      'PagesStaged',
      'RowsCommitted',
      'Throttles',
      'PageFailures',
      'PartitionsCommitted',
      FRESHNESS_METRIC,
    ])
      expect(body).toContain(metric);
    expect(body).toContain('ReportFetcher/dev');
    for (const source of config.sources) expect(body).not.toContain(source.name);
  });
});

describe('lake', () => {
  it('creates exactly one Glue table per connector report, whatever the formats, and the restatements table', () => {
    const tables = ofType('AWS::Glue::Table');
    const expected = new Map<string, { columns: unknown; sources: string[]; format: string }>();
    for (const source of config.sources) {
      for (const report of reportsOf(source)) {
        const definition = connectorOf(source).reports[report]!;
        const columns = glueColumns(definition.schema).map((c) => ({
          Name: c.name,
          Type: c.type,
          ...(c.comment ? { Comment: c.comment } : {}),
        }));
        const entry = expected.get(definition.table) ?? { columns: [], sources: [], format: source.format };
        // Sources may choose different fields of one report: the table has them all.
        for (const column of columns)
          if (!(entry.columns as { Name: string }[]).some((c) => c.Name === column.Name))
            (entry.columns as unknown[]).push(column);
        entry.sources.push(source.name);
        expected.set(definition.table, entry);
      }
    }
    // What re-fetches changed (docs/guarantees.md § 11): Parquet, every source, its own schema.
    expected.set(RESTATEMENTS_TABLE, {
      columns: glueColumns(RESTATEMENTS_SCHEMA).map((c) => ({
        Name: c.name,
        Type: c.type,
        ...(c.comment ? { Comment: c.comment } : {}),
      })),
      sources: config.sources.map((s) => s.name),
      format: 'parquet',
    });
    expect(tables).toHaveLength(expected.size);
    for (const [name, want] of expected) {
      const input = tables.find((t) => t.Properties!.TableInput.Name === name)!.Properties!.TableInput;
      expect(input.DatabaseName ?? 'report_fetcher_dev').toBe('report_fetcher_dev');
      expect(input.StorageDescriptor.Columns).toEqual(want.columns);
      expect(input.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        // Report dates run up to 14 hours ahead of UTC (the source's time zone).
        'projection.dt.range': `2015-01-01,${PROJECTION_END}`,
        'projection.source.type': 'enum',
        'projection.source.values': want.sources.join(','),
      });
      expect(input.Parameters['projection.dt.range']).toBe('2015-01-01,NOW+1DAYS');
    }
    for (const t of tables) expect(t.Properties!.TableInput.Name).not.toMatch(/_ndjson$/);
    expect(ofType('AWS::Athena::NamedQuery')).toHaveLength(expected.size);
  });

  it('versions the lake bucket, expires noncurrent versions and retains it unnamed', () => {
    const id = stage.lake.getLogicalId(stage.lake.bucket.node.defaultChild as never);
    const bucket = lakeTemplate.Resources[id]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties!.BucketName).toBeUndefined();
    expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket.Properties!.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: '_staging/', ExpirationInDays: 7 }));
    expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties!.LoggingConfiguration.DestinationBucketName).toBeDefined();
  });

  it('deletes the Athena results bucket with its stack, objects included', () => {
    const id = stage.lake.getLogicalId(stage.lake.resultsBucket.node.defaultChild as never);
    expect(lakeTemplate.Resources[id]!.DeletionPolicy).toBe('Delete');
    const autoDelete = Object.values(lakeTemplate.Resources).filter(
      (r) => r.Type === 'Custom::S3AutoDeleteObjects',
    );
    expect(autoDelete).toHaveLength(1);
    expect(autoDelete[0]!.Properties!.BucketName).toEqual({ Ref: id });
  });

  it('gives Athena a workgroup per stage with its own result location and scan limit', () => {
    const workGroup = only('AWS::Athena::WorkGroup', (p) => p.Name === 'report-fetcher-dev');
    expect(workGroup.Properties!.WorkGroupConfiguration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
    });
    only('AWS::Glue::Database', (p) => p.DatabaseInput.Name === 'report_fetcher_dev');
  });

  it('offers analysts a managed policy: Athena in the workgroup, Glue read, lake tables read, nothing else', () => {
    const policy = only(
      'AWS::IAM::ManagedPolicy',
      (p) => p.ManagedPolicyName === 'report-fetcher-dev-analyst',
    );
    const statements = policy.Properties!.PolicyDocument.Statement as {
      Action: string[];
      Resource: unknown;
    }[];
    const actions = statements.flatMap((s) => s.Action);
    expect(actions).toContain('athena:StartQueryExecution');
    expect(actions).toContain('glue:GetTable');
    expect(actions).toContain('s3:GetObject');
    expect(actions.filter((a) => /Put|Delete/.test(a) && !a.startsWith('s3:PutObject'))).toEqual([]);
    const text = JSON.stringify(statements);
    expect(text).toContain('workgroup/report-fetcher-dev');
    for (const table of stage.lake.tables) expect(text).toContain(`/${table.folder}/*`);
    expect(text).not.toMatch(/_staging|_runs|_commits|_locks/);
    // Writes go to the results bucket only.
    const writes = statements.filter((s) => s.Action.includes('s3:PutObject'));
    expect(JSON.stringify(writes)).toContain('AthenaResults');
    expect(JSON.stringify(writes)).not.toMatch(/"Data[A-Z0-9]/);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions pack', () => {
    // Synthesis runs the validation plugins and throws when a rule reports an error.
    const report = ['validation-report.json', 'policy-validation-report.json']
      .map((file) => join(stage.directory, file))
      .find((path) => existsSync(path));
    if (report) {
      const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
        pluginReports: { pluginName: string; violations: unknown[] }[];
      };
      for (const plugin of parsed.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
    }
  });

  it('acknowledges findings on the resources they concern, never on a stack or the app', () => {
    const acknowledged = (node: { node: { metadata: { type: string }[] } }) =>
      node.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acknowledged(stage.app)).toEqual([]);
    for (const construct of stage.app.node.findAll()) {
      if (Stack.isStack(construct)) expect(acknowledged(construct), construct.node.path).toEqual([]);
    }
  });
});
