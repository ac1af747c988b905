import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFetcherConfig } from '../../functions/config/config-schema.js';
import { loadConfigFile, parseConfig } from '../../functions/config/load-config.js';
import { DEPLOYMENT_ENV, LAMBDA_ENVIRONMENT_LIMIT_BYTES } from '../../functions/deployment/index.js';
import {
  type CfnTemplate,
  flattenDeep,
  flattenValue,
  type SynthesizedStage,
  synthStage,
} from './support/synth-stage.js';

/**
 * The quotas a deployment runs into as sources are added (documented by AWS):
 * CloudFormation: 500 resources, 200 parameters, 200 outputs per template, 1 MB template body
 * (from S3); IAM: 10 managed policies per role, 10,240 characters of inline policy per role,
 * 6,144 per managed policy (whitespace not counted); Lambda: 4 KB of environment variables.
 * Each is asserted with margin: 200 sources must use at most 80% (IAM and Lambda: 50%).
 */
const CFN = { resources: 500, parameters: 200, outputs: 200, templateBytes: 1_000_000 };
const IAM = { managedPoliciesPerRole: 10, roleInlineChars: 10_240, managedPolicyChars: 6_144 };
const SOURCES = 200;

/** 200 sources cycling over the example's five (all four connectors), each with its own name. */
async function generatedConfig(count: number): Promise<ReportFetcherConfig> {
  const example = JSON.parse(readFileSync('report-fetcher.config.example.json', 'utf8')) as {
    sources: Record<string, unknown>[];
  };
  const sources = Array.from({ length: count }, (_, i) => {
    const base = example.sources[i % example.sources.length]!;
    return { ...base, name: `${base.name}_${String(i).padStart(3, '0')}` };
  });
  return parseConfig({ sources }, 'generated');
}

type Resource = CfnTemplate['Resources'][string];

function resourcesOf(stage: SynthesizedStage, type: string): [string, Resource, string][] {
  return Object.entries(stage.templates).flatMap(([file, t]) =>
    Object.entries(t.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, r, file] as [string, Resource, string]),
  );
}

/** IAM counts policy characters without whitespace; references are counted at 64 characters. */
function policyChars(document: unknown): number {
  return JSON.stringify(flattenDeep(document)).replace(/\s/g, '').length;
}

function environmentBytes(fn: Resource): number {
  const variables = (fn.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
  return Object.entries(variables).reduce((n, [k, v]) => n + k.length + flattenValue(v).length, 0);
}

function plannerOf(stage: SynthesizedStage): Resource {
  return resourcesOf(stage, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties?.FunctionName === 'report-fetcher-dev-planner',
  )![1];
}

function plannerPolicyChars(stage: SynthesizedStage): number {
  const roleId = stage.pipeline.getLogicalId(
    stage.pipeline.planner.function.role!.node.defaultChild as never,
  );
  return resourcesOf(stage, 'AWS::IAM::Policy')
    .filter(([, r]) => JSON.stringify(r.Properties?.Roles).includes(roleId))
    .reduce((n, [, r]) => n + policyChars(r.Properties?.PolicyDocument), 0);
}

let config: ReportFetcherConfig;
let large: SynthesizedStage;
let small: SynthesizedStage;

beforeAll(async () => {
  config = await generatedConfig(SOURCES);
  // cdk-nag is left out here for speed; test/infra/stacks.test.ts runs it on the example config.
  large = await synthStage({ config, nag: false });
  small = await synthStage({
    config: (await loadConfigFile('report-fetcher.config.example.json')).config,
    nag: false,
  });
}, 300_000);

describe(`${SOURCES} sources of all four connectors`, () => {
  it('deploys every source: a queue, a fetcher and a schedule each', () => {
    expect(new Set(config.sources.map((s) => s.connector))).toEqual(
      new Set(['adcloud', 'trackmaster', 'tune', 'mediamath']),
    );
    const queues = resourcesOf(large, 'AWS::SQS::Queue').map(([, r]) => r.Properties?.QueueName);
    const functions = resourcesOf(large, 'AWS::Lambda::Function').map(([, r]) => r.Properties?.FunctionName);
    for (const source of config.sources) {
      expect(queues).toContain(`report-fetcher-dev-${source.name}`);
      expect(functions).toContain(`report-fetcher-dev-fetch-${source.name}`);
    }
    expect(resourcesOf(large, 'AWS::Scheduler::Schedule')).toHaveLength(SOURCES + 2); // + the alarm re-notifier and the ledger reconciler
  });

  it('keeps every template within 80% of the CloudFormation quotas', () => {
    const files = Object.keys(large.templates);
    expect(files.length).toBeGreaterThan(3);
    for (const [file, template] of Object.entries(large.templates)) {
      expect(Object.keys(template.Resources).length, file).toBeLessThanOrEqual(CFN.resources * 0.8);
      expect(Object.keys(template.Parameters ?? {}).length, file).toBeLessThanOrEqual(CFN.parameters * 0.8);
      expect(Object.keys(template.Outputs ?? {}).length, file).toBeLessThanOrEqual(CFN.outputs * 0.8);
      expect(JSON.stringify(template).length, file).toBeLessThanOrEqual(CFN.templateBytes * 0.8);
    }
  });

  it('keeps every role within half of the IAM policy quotas, with no overflow policies', () => {
    const roles = resourcesOf(large, 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(SOURCES);
    const policies = resourcesOf(large, 'AWS::IAM::Policy');
    const managed = resourcesOf(large, 'AWS::IAM::ManagedPolicy');
    for (const [id, role, file] of roles) {
      const ref = (r: Resource) =>
        JSON.stringify(r.Properties?.Roles ?? []).includes(`"${id}"`) && (file === '' || true);
      const attached =
        (role.Properties?.ManagedPolicyArns?.length ?? 0) +
        managed.filter(([, r, f]) => f === file && ref(r)).length;
      expect(attached, id).toBeLessThanOrEqual(IAM.managedPoliciesPerRole / 2);
      const inline =
        policies
          .filter(([, r, f]) => f === file && ref(r))
          .reduce((n, [, r]) => n + policyChars(r.Properties?.PolicyDocument), 0) +
        ((role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[]).reduce(
          (n, p) => n + policyChars(p.PolicyDocument),
          0,
        );
      expect(inline, id).toBeLessThanOrEqual(IAM.roleInlineChars / 2);
    }
    expect(managed.filter(([id]) => /Overflow/i.test(id))).toEqual([]);
    for (const [id, policy] of managed)
      expect(policyChars(policy.Properties?.PolicyDocument), id).toBeLessThanOrEqual(
        IAM.managedPolicyChars / 2,
      );
  });

  it('keeps every Lambda environment within half of 4 KB, the planner no larger than with five sources', () => {
    for (const [id, fn] of resourcesOf(large, 'AWS::Lambda::Function'))
      expect(environmentBytes(fn), id).toBeLessThanOrEqual(LAMBDA_ENVIRONMENT_LIMIT_BYTES / 2);
    expect(environmentBytes(plannerOf(large))).toBe(environmentBytes(plannerOf(small)));
    // The sources' settings are in the bundled file, all of them.
    const file = JSON.parse(readFileSync(large.pipeline.settings.file, 'utf8')) as { sources: unknown[] };
    expect(file.sources).toHaveLength(SOURCES);
    expect(JSON.stringify(plannerOf(large).Properties?.Environment)).not.toContain(config.sources[0]!.name);
    expect(JSON.stringify(plannerOf(large).Properties?.Environment)).toContain(DEPLOYMENT_ENV);
  });

  it("keeps the planner's policy the same size whatever the number of sources (grants by name pattern)", () => {
    expect(plannerPolicyChars(large)).toBe(plannerPolicyChars(small));
  });
});
