import type { ConnectorDefinition, SourceSettings } from '../engine/index.js';
import type { SourceConfig } from './config-schema.js';
import { connectorOf, reportsOf } from './load-config.js';

/** A validated source config plus its resolved credentials, as the engine wants it. */
export function toSourceSettings(source: SourceConfig, credentials: Record<string, string>): SourceSettings {
  const connector = connectorOf(source);
  return {
    name: source.name,
    connector,
    baseUrl: source.baseUrl ?? connector.defaultBaseUrl,
    ...authUrlOf(source, connector),
    timezone: source.timezone,
    lookbackDays: source.lookbackDays,
    reports: reportsOf(source),
    format: source.format,
    options: source.options,
    schemaContract: source.schemaContract,
    concurrency: source.concurrency ?? connector.maxConcurrency,
    ...(source.rateLimit
      ? {
          rateLimit: { requests: source.rateLimit.requests, windowMs: source.rateLimit.windowSeconds * 1000 },
        }
      : {}),
    credentials,
    ...(source.limits ? { limits: source.limits } : {}),
  };
}

/**
 * The token endpoint: the source's own, else the vendor's separate auth host, unless the source
 * moved the API elsewhere (a proxy, a simulator): then the token endpoint moves along with it.
 */
function authUrlOf(source: SourceConfig, connector: ConnectorDefinition): { authUrl?: string } {
  if (source.authUrl) return { authUrl: source.authUrl };
  if (source.baseUrl || !connector.defaultAuthUrl) return {};
  return { authUrl: connector.defaultAuthUrl };
}
