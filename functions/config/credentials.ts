import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ConfigError,
  type ConnectorDefinition,
  CredentialsError,
  credentialKeysOf,
  registerSecret,
} from '../engine/index.js';
import { hideIfSecret, type SourceConfig } from './config-schema.js';

/** The default environment variable for a credential: RF_<SOURCE>_<KEY>. */
export function defaultEnvName(source: string, key: string): string {
  return `RF_${source}_${key}`.toUpperCase();
}

/**
 * Local credentials: from environment variables or a git-ignored JSON file, never from the
 * config itself. Every value is registered for redaction as soon as it is read.
 */
export async function resolveLocalCredentials(
  source: SourceConfig,
  connector: ConnectorDefinition,
  configDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string>> {
  const keys = credentialKeysOf(connector.auth);
  const values: Record<string, string> = {};
  let fileValues: Record<string, unknown> | undefined;
  if (source.credentials?.file) {
    const path = resolve(configDir, source.credentials.file);
    try {
      const all = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      fileValues = (all[source.name] ?? {}) as Record<string, unknown>;
    } catch (cause) {
      throw new ConfigError(
        `source "${source.name}": cannot read credentials file ${source.credentials.file}`,
        { cause },
      );
    }
  }
  const missing: string[] = [];
  for (const key of keys) {
    const envName = source.credentials?.env?.[key] ?? defaultEnvName(source.name, key);
    const value = fileValues ? fileValues[key] : env[envName];
    if (typeof value === 'string' && value !== '') {
      registerSecret(value);
      values[key] = value;
    } else {
      missing.push(
        fileValues
          ? `${key} (in ${source.credentials!.file})`
          : `${key} (environment variable ${hideIfSecret(envName)})`,
      );
    }
  }
  if (missing.length > 0) {
    throw new CredentialsError(`missing credentials: ${missing.join(', ')}`, { source: source.name });
  }
  return values;
}
