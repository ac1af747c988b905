import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../functions/config/config-schema.js';
import { parseConfig } from '../../functions/config/load-config.js';
import { toSourceSettings } from '../../functions/config/source-settings.js';
import {
  DEPLOYMENT_ENV,
  deployableSourceConfig,
  fetcherConcurrency,
  readDeployment,
  SOURCES_FILE,
  sourcesFileOf,
  stageNames,
} from '../../functions/deployment/index.js';
import { rateBudgetAccount } from '../../functions/engine/control/rate-account.js';

const source = (extra: Record<string, unknown> = {}) =>
  sourceSchema.parse({ name: 'adcloud_de', connector: 'adcloud', ...extra });

describe('deployment settings', () => {
  it('sends only what differs from the defaults, and never credentials or the schedule', () => {
    const compact = deployableSourceConfig(
      source({
        timezone: 'Europe/Berlin',
        schedule: 'cron(0 6 * * ? *)',
        credentials: { file: 'secrets.json' },
      }),
    );
    expect(compact).toEqual({ name: 'adcloud_de', connector: 'adcloud', timezone: 'Europe/Berlin' });
  });

  it('derives queue URLs and secret names from the source name, and re-validates the config', () => {
    const env = {
      [DEPLOYMENT_ENV]: JSON.stringify({
        bucket: 'lake',
        controlTable: 'report-fetcher-control',
        queueUrlPrefix: 'https://sqs.eu-west-1.amazonaws.com/123456789012/',
        sources: [{ config: { name: 'adcloud_de', connector: 'adcloud', lookbackDays: 5 } }],
      }),
    };
    const deployment = readDeployment(env);
    expect(deployment.sources[0]).toMatchObject({
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/report-fetcher-adcloud_de',
      credentialsSecret: 'report-fetcher/adcloud_de/credentials',
      tokenSecret: 'report-fetcher/adcloud_de/token',
      config: { name: 'adcloud_de', lookbackDays: 5, timezone: 'UTC', format: 'parquet' },
    });
    const bad = { [DEPLOYMENT_ENV]: env[DEPLOYMENT_ENV]!.replace('"adcloud"', '"nope"') };
    expect(() => readDeployment(bad)).toThrow(/unknown connector "nope"/);
  });

  it('caps fetchers at the connector concurrency, never below the SQS event source floor of 2', () => {
    expect(fetcherConcurrency(source())).toBe(4);
    expect(fetcherConcurrency(source({ concurrency: 1 }))).toBe(2);
    expect(fetcherConcurrency(source({ concurrency: 9 }))).toBe(9);
  });

  it('gives sources of one vendor account one rate budget, named without the credentials', () => {
    const settings = (name: string, secret: string, baseUrl = 'https://api.adcloud.example') =>
      toSourceSettings(source({ name, baseUrl }), { client_id: 'id', client_secret: secret });
    const a = rateBudgetAccount(settings('adcloud_de', 's3cret-value'));
    expect(a).toBe(rateBudgetAccount(settings('adcloud_fr', 's3cret-value')));
    expect(a).not.toBe(rateBudgetAccount(settings('adcloud_de', 'other-secret')));
    expect(a).not.toBe(rateBudgetAccount(settings('adcloud_de', 's3cret-value', 'https://other.example')));
    expect(a).toMatch(/^adcloud:[0-9a-f]{16}$/);
  });

  it('reads the sources from the file bundled next to the handler, with names of the stage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deployment-'));
    const config = parseConfig({
      sources: [
        {
          name: 'adcloud_de',
          connector: 'adcloud',
          timezone: 'Europe/Berlin',
          schedule: 'cron(0 6 * * ? *)',
        },
      ],
    });
    writeFileSync(join(dir, SOURCES_FILE), JSON.stringify(sourcesFileOf(config)));
    const env = {
      LAMBDA_TASK_ROOT: dir,
      [DEPLOYMENT_ENV]: JSON.stringify({
        stage: 'prod',
        bucket: 'lake',
        controlTable: 'control',
        queueUrlPrefix: 'https://sqs.eu-west-1.amazonaws.com/123456789012/',
        sourcesFile: SOURCES_FILE,
      }),
    };
    const deployment = readDeployment(env);
    expect(deployment.stage).toBe('prod');
    expect(deployment.commitQueueUrl).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/report-fetcher-prod-commit-tasks',
    );
    expect(deployment.sources[0]).toMatchObject({
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/report-fetcher-prod-adcloud_de',
      credentialsSecret: 'report-fetcher/prod/adcloud_de/credentials',
      tokenSecret: 'report-fetcher/prod/adcloud_de/token',
      config: { name: 'adcloud_de', timezone: 'Europe/Berlin' },
    });
    expect(() => readDeployment({ ...env, LAMBDA_TASK_ROOT: join(dir, 'missing') })).toThrow(
      /cannot read the sources file/,
    );
    const both = JSON.stringify({
      bucket: 'lake',
      controlTable: 'control',
      sourcesFile: SOURCES_FILE,
      sources: [{ config: { name: 'a', connector: 'adcloud' } }],
    });
    expect(() => readDeployment({ [DEPLOYMENT_ENV]: both })).toThrow(/either "sources" or "sourcesFile"/);
  });

  it('derives every physical name from the stage, and refuses stages that could match another stage’s names', () => {
    const names = stageNames('prod');
    expect(names.plannerFunction).toBe('report-fetcher-prod-planner');
    expect(names.fetcherFunction('planner')).not.toBe(names.plannerFunction);
    expect(names.glueDatabase).toBe('report_fetcher_prod');
    expect(names.workGroup).toBe('report-fetcher-prod');
    expect(names.logGroup(names.plannerFunction)).toBe('/aws/lambda/report-fetcher-prod-planner');
    for (const bad of ['Prod', 'dev-2', 'a_b', '1dev', 'averyverylongstage', ''])
      expect(() => stageNames(bad), bad).toThrow(/stage/);
  });
});
