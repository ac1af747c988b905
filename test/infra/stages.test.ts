import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, stackNames, synthesize } from '../../bin/app.js';
import { parseConfig } from '../../functions/config/load-config.js';
import { ConfigError } from '../../functions/engine/errors.js';
import { secretsOf } from '../../lib/credentials-secrets.js';
import {
  allResources,
  type CfnProperties,
  type SynthesizedStage,
  synthStage,
} from './support/synth-stage.js';

/** Properties that give a resource its physical name, by resource type. */
const NAME_PROPERTIES: Record<string, (p: CfnProperties) => unknown> = {
  'AWS::S3::Bucket': (p) => p.BucketName,
  'AWS::SQS::Queue': (p) => p.QueueName,
  'AWS::Lambda::Function': (p) => p.FunctionName,
  'AWS::Logs::LogGroup': (p) => p.LogGroupName,
  'AWS::SNS::Topic': (p) => p.TopicName,
  'AWS::CloudWatch::Alarm': (p) => p.AlarmName,
  'AWS::CloudWatch::Dashboard': (p) => p.DashboardName,
  'AWS::IAM::ManagedPolicy': (p) => p.ManagedPolicyName,
  'AWS::IAM::Role': (p) => p.RoleName,
  'AWS::Athena::WorkGroup': (p) => p.Name,
  'AWS::Athena::NamedQuery': () => undefined, // scoped to its workgroup
  'AWS::Glue::Database': (p) => p.DatabaseInput?.Name,
  'AWS::Scheduler::Schedule': (p) => p.Name,
  'AWS::SecretsManager::Secret': (p) => p.Name,
};

function physicalNames(stage: SynthesizedStage): Set<string> {
  const names = new Set<string>(Object.values(stackNames(stage.stage)));
  for (const resource of allResources(stage)) {
    const name = NAME_PROPERTIES[resource.Type]?.(resource.Properties ?? {});
    if (typeof name === 'string') names.add(name);
    else if (name !== undefined) names.add(JSON.stringify(name));
  }
  for (const secret of secretsOf(configOf(stage) as never, stage.pipeline.names)) names.add(secret.name);
  return names;
}

function configOf(stage: SynthesizedStage) {
  return { sources: stage.pipeline.sources.map((s) => s.source) };
}

let dev: SynthesizedStage;
let prod: SynthesizedStage;

beforeAll(async () => {
  dev = await synthStage({ stage: 'dev', nag: false });
  prod = await synthStage({ stage: 'prod', nag: false });
}, 120_000);

describe('two stages in one account and region', () => {
  it('share no physical name: stacks, buckets, queues, functions, log groups, alarms, secrets, Glue, Athena', () => {
    const a = physicalNames(dev);
    const b = physicalNames(prod);
    // Both sides really have names of every kind that matters (the test cannot pass empty).
    for (const names of [a, b]) {
      const text = [...names].join('\n');
      for (const kind of [
        '-planner',
        '-fetch-',
        '/credentials',
        '/token',
        '-alarms',
        '-analyst',
        'report_fetcher_',
      ])
        expect(text).toContain(kind);
      expect(names.size).toBeGreaterThan(60);
    }
    expect([...a].filter((name) => b.has(name))).toEqual([]);
  });

  it('names nothing it retains, so a deploy after a destroy creates everything again', () => {
    for (const resource of allResources(dev)) {
      if (resource.DeletionPolicy !== 'Retain') continue;
      const name = NAME_PROPERTIES[resource.Type]?.(resource.Properties ?? {});
      expect(
        name,
        `${resource.file} ${resource.id} (${resource.Type}) is retained and named`,
      ).toBeUndefined();
    }
    // The credentials outlive the stack by design, but through a custom resource that treats
    // an existing secret as done (see test/unit/credentials-secrets.test.ts).
    expect(allResources(dev).filter((r) => r.Type === 'AWS::SecretsManager::Secret')).toEqual([]);
  });

  it('publishes each stage’s metrics into its own namespace', () => {
    const namespaces = (stage: SynthesizedStage) =>
      new Set(
        allResources(stage)
          // Ours, not CDK's auto-delete-objects provider.
          .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName)
          .map((r) => r.Properties?.Environment?.Variables?.POWERTOOLS_METRICS_NAMESPACE),
      );
    expect(namespaces(dev)).toEqual(new Set(['ReportFetcher/dev']));
    expect(namespaces(prod)).toEqual(new Set(['ReportFetcher/prod']));
  });
});

describe('names AWS would refuse', () => {
  it('refuse the synth in one line, as a configuration error, before anything is deployed', async () => {
    // A 40-character source (the config allows it) in a 10-character stage: its fetcher's name is
    // longer than Lambda's 64 characters.
    const config = parseConfig({ sources: [{ name: `a${'b'.repeat(39)}`, connector: 'adcloud' }] });
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'abcdefghij' } });
    const built = buildApp(app, { config, nag: false });
    await expect(built).rejects.toThrow(ConfigError);
    await expect(built).rejects.toThrow(
      /^function name "report-fetcher-abcdefghij-fetch-abb+" is longer than 64 characters/,
    );
  }, 60_000);

  it('tell the user one line and a failing status when cdk synth runs the app', async () => {
    const lines: string[] = [];
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'Prod' } });
    const status = await synthesize(app, { write: (text: string) => lines.push(text) }, {});
    expect(status).toBe(2);
    expect(lines).toEqual([
      'report-fetcher (cdk app): error: -c stage=Prod: a stage is 1-10 lower-case letters and digits, starting with a letter\n',
    ]);
  });
});
