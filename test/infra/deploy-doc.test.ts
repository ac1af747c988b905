import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackNames } from '../../bin/app.js';
import { BACKFILL_OPTIONS } from '../../bin/backfill.js';
import { FRESHNESS_METRIC } from '../../functions/deployment/index.js';
import { secretsOf } from '../../lib/credentials-secrets.js';
import { allResources, type SynthesizedStage, synthStage } from './support/synth-stage.js';

/**
 * docs/deploy.md is a runbook: every name an operator would type from it must exist in the
 * synthesized stages (dev and prod from the example config), and every command flag must exist.
 */
const DOC = readFileSync('docs/deploy.md', 'utf8');
const README = readFileSync('README.md', 'utf8');

const NAMED = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Athena::WorkGroup': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
} as const;

interface Known {
  names: Set<string>;
  outputs: Set<string>;
  glue: Set<string>;
}

function known(stage: SynthesizedStage): Known {
  const names = new Set<string>(Object.values(stackNames(stage.stage)));
  const outputs = new Set<string>();
  const glue = new Set<string>();
  for (const r of allResources(stage)) {
    const property = NAMED[r.Type as keyof typeof NAMED];
    if (property && typeof r.Properties?.[property] === 'string') names.add(r.Properties[property]);
    if (r.Type === 'AWS::Glue::Database') glue.add(r.Properties!.DatabaseInput.Name);
    if (r.Type === 'AWS::Glue::Table')
      glue.add(`${r.Properties!.DatabaseName}.${r.Properties!.TableInput.Name}`);
  }
  for (const template of Object.values(stage.templates))
    for (const key of Object.keys(template.Outputs ?? {})) outputs.add(key);
  const config = { sources: stage.pipeline.sources.map((s) => s.source) };
  for (const secret of secretsOf(config as never, stage.pipeline.names)) names.add(secret.name);
  names.add(stage.pipeline.names.metricsNamespace);
  return { names, outputs, glue };
}

/** Metric names the handlers publish (the doc names some of them). */
const METRICS = new Set([
  ...[
    'functions/handlers/planner.ts',
    'functions/handlers/fetcher.ts',
    'functions/handlers/committer.ts',
    'functions/handlers/task-handler.ts',
    'functions/handlers/reconciler.ts',
  ].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/addMetric\('(\w+)'/g)].map((m) => m[1]!)),
  FRESHNESS_METRIC,
]);

let stages: Record<string, Known>;
let sourceNames: string[];

beforeAll(async () => {
  const dev = await synthStage({ stage: 'dev', nag: false });
  const prod = await synthStage({ stage: 'prod', nag: false });
  stages = { dev: known(dev), prod: known(prod) };
  sourceNames = dev.pipeline.sources.map((s) => s.source.name);
}, 120_000);

/** `<source>` in a name stands for every source; the doc must be right for each. */
function expand(name: string): string[] {
  return name.includes('<source>') ? sourceNames.map((s) => name.replace('<source>', s)) : [name];
}

describe('docs/deploy.md', () => {
  it('names only functions, queues, alarms, log groups, topics, dashboards, policies and secrets that exist', () => {
    const mentioned = new Set<string>();
    for (const m of DOC.matchAll(
      /(?:\/aws\/lambda\/)?report-fetcher[-/](dev|prod)[-/][A-Za-z0-9_<>/-]*[A-Za-z0-9_>*]/g,
    ))
      mentioned.add(m[0]);
    expect(mentioned.size).toBeGreaterThan(20);
    for (const name of mentioned) {
      const stage = stages[/(dev|prod)/.exec(name)![1]!]!;
      if (name.endsWith('*')) {
        const prefix = name.slice(0, -1);
        expect(
          [...stage.names].some((n) => n.startsWith(prefix)),
          name,
        ).toBe(true);
        continue;
      }
      for (const concrete of expand(name)) expect(stage.names, concrete).toContain(concrete);
    }
  });

  it('names only stacks, Glue databases and tables, and metric namespaces that exist', () => {
    for (const m of DOC.matchAll(/ReportFetcher[-/](dev|prod)(-[A-Za-z]+)?/g))
      expect(stages[m[1]!]!.names, m[0]).toContain(m[0]);
    for (const m of DOC.matchAll(/report_fetcher_(dev|prod)(\.[a-z_]+)?/g))
      expect(stages[m[1]!]!.glue, m[0]).toContain(m[0]);
  });

  it('names only outputs (or published metrics) where it names a CamelCase value', () => {
    const words = new Set([
      ...[...DOC.matchAll(/`([A-Z][a-z]+(?:[A-Z][a-z]+)+)`/g)].map((m) => m[1]!),
      ...[...DOC.matchAll(/<([A-Z][a-z]+(?:[A-Z][a-z]+)+)>/g)].map((m) => m[1]!),
    ]);
    expect(words.size).toBeGreaterThan(8);
    for (const word of words) expect(stages.dev!.outputs.has(word) || METRICS.has(word), word).toBe(true);
  });

  it('uses only flags and contexts the tools have', () => {
    for (const line of DOC.split('\n').filter((l) => l.includes('report-fetcher backfill'))) {
      for (const flag of line.matchAll(/--([a-z]+)/g))
        expect(Object.keys(BACKFILL_OPTIONS), line).toContain(flag[1]);
    }
    const status = ['deployed', 'table', 'config', 'out'];
    for (const line of DOC.split('\n').filter((l) => l.includes('report-fetcher status'))) {
      for (const flag of line.matchAll(/--([a-z]+)/g)) expect(status, line).toContain(flag[1]);
    }
    for (const m of DOC.matchAll(/-c ([a-z]+)=/g)) expect(['stage', 'config'], m[0]).toContain(m[1]);
  });
});

describe('README', () => {
  it('filters its first query on dt, so it reads only the days it needs', () => {
    const sql = /```sql\n([\s\S]*?)```/.exec(README)![1]!;
    const first = sql.split(';')[0]!;
    expect(first).toMatch(/FROM\s+\w+/);
    expect(first).toMatch(/WHERE[\s\S]*\bdt\b/);
  });

  it('names the deployed planner, secrets, workgroup and database of a stage', () => {
    const deploy = README.slice(README.indexOf('## Deploying to AWS'));
    for (const m of deploy.matchAll(/report-fetcher[-/](dev|prod)[-/][A-Za-z0-9_<>/-]*[A-Za-z0-9_>]/g))
      for (const concrete of expand(m[0])) expect(stages[m[1]!]!.names, concrete).toContain(concrete);
    for (const m of deploy.matchAll(/report_fetcher_(dev|prod)/g))
      expect(stages[m[1]!]!.glue).toContain(m[0]);
  });
});
