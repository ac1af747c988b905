import { describe, expect, it } from 'vitest';
import { sourceSchema } from '../../functions/config/config-schema.js';
import {
  DEPLOYMENT_ENV,
  deployableSourceConfig,
  fetcherConcurrency,
  rateLimitShare,
  readDeployment,
} from '../../functions/handlers/deployment.js';

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

  it('splits a rate limit evenly between the concurrent fetchers', () => {
    expect(rateLimitShare(source())).toBeUndefined();
    expect(rateLimitShare(source({ rateLimit: { requests: 100, windowSeconds: 60 } }))).toEqual({
      requests: 25,
      windowMs: 60_000,
    });
    expect(rateLimitShare(source({ concurrency: 2, rateLimit: { requests: 1, windowSeconds: 1 } }))).toEqual({
      requests: 1,
      windowMs: 1000,
    });
  });
});
