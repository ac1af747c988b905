import { CONNECTORS } from '../connectors/index.js';
import type { SourceSettings } from '../engine/run/source-runtime.js';
import type { SourceConfig } from './config-schema.js';
import { reportsOf } from './load-config.js';

/** A validated source config plus its resolved credentials, as the engine wants it. */
export function toSourceSettings(source: SourceConfig, credentials: Record<string, string>): SourceSettings {
  const connector = CONNECTORS[source.connector]!;
  return {
    name: source.name,
    connector,
    baseUrl: source.baseUrl ?? connector.defaultBaseUrl,
    ...(source.authUrl ? { authUrl: source.authUrl } : {}),
    timezone: source.timezone,
    lookbackDays: source.lookbackDays,
    reports: reportsOf(source),
    format: source.format,
    options: source.options,
    concurrency: source.concurrency ?? connector.maxConcurrency,
    ...(source.rateLimit
      ? {
          rateLimit: { requests: source.rateLimit.requests, windowMs: source.rateLimit.windowSeconds * 1000 },
        }
      : {}),
    credentials,
  };
}
