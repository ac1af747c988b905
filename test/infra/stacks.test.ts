import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';
import type { ReportFetcherConfig } from '../../functions/config/config-schema.js';
import { connectorOf, loadConfigFile, reportsOf } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { glueColumns } from '../../functions/engine/schema/glue-columns.js';
import { fetcherConcurrency } from '../../functions/handlers/deployment.js';
import type { LakeStack } from '../../lib/lake-stack.js';
import { FETCHER_TIMEOUT, MAX_RECEIVE_COUNT, type PipelineStack } from '../../lib/pipeline-stack.js';

const CONFIG_PATH = 'report-fetcher.config.example.json';

let config: ReportFetcherConfig;
let app: App;
let lake: LakeStack;
let pipeline: PipelineStack;
let lakeTemplate: Template;
let pipelineTemplate: Template;

beforeAll(async () => {
  config = (await loadConfigFile(CONFIG_PATH)).config;
  // Bundling skipped: the tests look at the templates, `npx cdk synth` bundles for real.
  ({ app, lake, pipeline } = await buildApp(
    new App({ context: { 'aws:cdk:bundling-stacks': [], config: CONFIG_PATH } }),
  ));
  lakeTemplate = Template.fromStack(lake);
  pipelineTemplate = Template.fromStack(pipeline);
});

/** The logical id of a construct's CloudFormation resource. */
function logicalId(construct: { node: { defaultChild?: unknown } }, stack: PipelineStack): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

describe('pipeline', () => {
  it('names the planner so `report-fetcher backfill --deployed` finds it', () => {
    pipelineTemplate.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'report-fetcher-planner',
      Runtime: 'nodejs22.x',
    });
  });

  it('keeps the planner environment small: names derived from the source, defaults left out', () => {
    const planner = Object.values(pipelineTemplate.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.FunctionName === 'report-fetcher-planner',
    )!;
    const value = planner.Properties.Environment.Variables.REPORT_FETCHER_DEPLOYMENT;
    const text = JSON.stringify(value);
    expect(text).not.toContain('credentials');
    expect(text).not.toContain('schedule');
    for (const source of config.sources) {
      expect(text).toContain(`\\"name\\":\\"${source.name}\\"`);
      pipelineTemplate.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `report-fetcher-${source.name}`,
      });
      pipelineTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: `report-fetcher/${source.name}/credentials`,
      });
    }
    // Under 4 KB with room to spare, counting each CloudFormation reference at 64 characters.
    const parts = value['Fn::Join'][1] as unknown[];
    const bytes = parts.reduce<number>((n, p) => n + (typeof p === 'string' ? p.length : 64), 0);
    expect(bytes).toBeLessThan(3584);
  });

  it('schedules every source in its own time zone, with retries and a dead-letter queue', () => {
    const schedules = pipelineTemplate.findResources('AWS::Scheduler::Schedule');
    expect(Object.keys(schedules)).toHaveLength(config.sources.length);
    for (const source of config.sources) {
      pipelineTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: source.schedule,
        ScheduleExpressionTimezone: source.timezone,
        Target: Match.objectLike({
          Input: JSON.stringify({ source: source.name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
          DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
        }),
      });
    }
  });

  it('keeps shared state in one control table: on demand, point-in-time recovery, TTL, retained', () => {
    pipelineTemplate.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    pipelineTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        Replicas: [
          Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      }),
    });
    // The planner is not retried by Lambda (a failure goes to its on-failure queue, alarmed).
    pipelineTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('gives every source an encrypted queue with a DLQ and a visibility of 6x the fetcher timeout', () => {
    for (const entry of pipeline.sources) {
      const queue = pipelineTemplate.toJSON().Resources[logicalId(entry.queue, pipeline)].Properties;
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * FETCHER_TIMEOUT.toSeconds());
      expect(queue.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(entry.deadLetterQueue, pipeline), 'Arn'] },
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
    }
    pipelineTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      AlarmActions: Match.anyValue(),
    });
  });

  it('caps each fetcher at its connector concurrency (never below the AWS floor of 2)', () => {
    for (const entry of pipeline.sources) {
      const connector = CONNECTORS[entry.source.connector]!;
      const expected = Math.max(2, entry.source.concurrency ?? connector.maxConcurrency);
      expect(fetcherConcurrency(entry.source)).toBe(expected);
      pipelineTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId(entry.queue, pipeline), 'Arn'] },
        FunctionName: { Ref: logicalId(entry.fetcher, pipeline) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: expected },
      });
    }
  });

  it("lets each fetcher reach only its own source's secrets, queue and lake prefixes", () => {
    interface PolicyResource {
      Type: string;
      Properties: { Roles: unknown; PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } };
    }
    const resources = pipelineTemplate.toJSON().Resources as Record<string, PolicyResource>;
    for (const entry of pipeline.sources) {
      const role = entry.fetcher.role!;
      const policy = Object.values(resources).find(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles).includes(pipeline.getLogicalId(role.node.defaultChild as never)),
      );
      expect(policy, entry.source.name).toBeDefined();
      const text = JSON.stringify(policy!.Properties.PolicyDocument);
      const own = [entry.credentials, entry.token, entry.queue].map((c) => logicalId(c, pipeline));
      for (const id of own) expect(text).toContain(id);
      for (const other of pipeline.sources.filter((o) => o !== entry)) {
        for (const id of [other.credentials, other.token, other.queue, other.deadLetterQueue].map((c) =>
          logicalId(c, pipeline),
        )) {
          expect(text, `${entry.source.name} must not reach ${other.source.name}`).not.toContain(id);
        }
        expect(text).not.toContain(`source=${other.source.name}/`);
      }
      // Every object grant names this source (or its lock), nothing bucket-wide.
      const statements = policy!.Properties.PolicyDocument.Statement;
      const s3Objects = statements.filter((s) => JSON.stringify(s.Action).includes('s3:PutObject'));
      for (const statement of s3Objects) {
        for (const resource of statement.Resource as unknown[]) {
          expect(JSON.stringify(resource)).toMatch(
            new RegExp(`source=${entry.source.name}(/|_dt=)|/${entry.source.name}[./]`),
          );
        }
      }
      expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|"Resource":"\*"/);
    }
  });
});

describe('lake', () => {
  it('creates one Glue table per connector report with exactly the connector schema', () => {
    const tables = lakeTemplate.findResources('AWS::Glue::Table');
    const expected = new Map<string, { columns: unknown; sources: string[]; format: string }>();
    for (const source of config.sources) {
      for (const report of reportsOf(source)) {
        const definition = connectorOf(source).reports[report]!;
        const mixed = config.sources.some(
          (other) =>
            other.format !== source.format &&
            reportsOf(other).some((r) => connectorOf(other).reports[r]?.table === definition.table),
        );
        const name = mixed && source.format === 'ndjson' ? `${definition.table}_ndjson` : definition.table;
        const columns = glueColumns(definition.schema).map((c) => ({
          Name: c.name,
          Type: c.type,
          ...(c.comment ? { Comment: c.comment } : {}),
        }));
        const entry = expected.get(name) ?? { columns, sources: [], format: source.format };
        entry.sources.push(source.name);
        expected.set(name, entry);
      }
    }
    expect(Object.keys(tables)).toHaveLength(expected.size);
    for (const [name, want] of expected) {
      const table = Object.values(tables).find((t) => t.Properties.TableInput.Name === name);
      expect(table, name).toBeDefined();
      const input = table!.Properties.TableInput;
      expect(input.StorageDescriptor.Columns).toEqual(want.columns);
      expect(input.PartitionKeys.map((k: { Name: string; Type: string }) => [k.Name, k.Type])).toEqual([
        ['source', 'string'],
        ['dt', 'string'],
      ]);
      expect(input.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.source.type': 'enum',
        'projection.source.values': want.sources.join(','),
      });
      expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
        want.format === 'parquet'
          ? 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
          : 'org.apache.hive.hcatalog.data.JsonSerDe',
      );
    }
    expect(Object.keys(lakeTemplate.findResources('AWS::Athena::NamedQuery'))).toHaveLength(expected.size);
  });

  it('locks the data bucket down: no public access, TLS only, encryption, access logs, staging expiry', () => {
    const dataId = lake.getLogicalId(lake.bucket.node.defaultChild as never);
    const bucket = lakeTemplate.toJSON().Resources[dataId].Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(bucket.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: '_staging/', Status: 'Enabled', ExpirationInDays: 7 }),
    );
    lakeTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: dataId },
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      }),
    });
  });

  it('gives Athena its own workgroup, result location and scan limit', () => {
    lakeTemplate.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: Match.anyValue(),
        ResultConfiguration: Match.objectLike({
          OutputLocation: Match.anyValue(),
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        }),
      }),
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions pack', () => {
    // Synthesis runs the validation plugins and throws when a rule reports an error.
    const assembly = app.synth();
    const report = ['validation-report.json', 'policy-validation-report.json']
      .map((file) => join(assembly.directory, file))
      .find((path) => existsSync(path));
    if (report) {
      const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
        pluginReports: { pluginName: string; violations: unknown[] }[];
      };
      for (const plugin of parsed.pluginReports) expect(plugin.violations, plugin.pluginName).toEqual([]);
    }
  });
});
