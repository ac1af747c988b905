import type { ConnectorDefinition } from '../../functions/engine/connector-definition.js';
import { decode } from '../../functions/engine/decoding/decoders.js';
import type { Paginator } from '../../functions/engine/pagination/paginator.js';
import { paginate } from '../../functions/engine/pagination/paginators.js';
import { type EngineDeps, SourceRuntime } from '../../functions/engine/run/source-runtime.js';
import type { TableSchema } from '../../functions/engine/schema/table-schema.js';
import { MemoryLakeStore, MemoryStagingStore, MemoryTokenCache, memoryScratch } from './memory-stores.js';

/**
 * The smallest vendor the engine's run steps can be tested with: one daily report `items`
 * (`GET /items`, records under `items`, unique key `id`), an api key, nothing else. The tests of
 * paging, completeness and commits vary only its table, schema and paginator; no request is ever
 * sent (the base URL is a closed loopback port) unless a test serves it (`itemsRuntime`'s baseUrl).
 */
export function itemsConnector(spec: {
  name: string;
  table: string;
  schema: TableSchema;
  paginator?: Paginator;
}): ConnectorDefinition {
  return {
    name: spec.name,
    description: `${spec.name} test vendor`,
    defaultBaseUrl: 'http://127.0.0.1:9',
    auth: { kind: 'api-key', queryParam: 'k', credential: 'key' },
    responses: [{ status: 401, action: { do: 'reauthenticate' } }],
    maxConcurrency: 1,
    reports: {
      items: {
        table: spec.table,
        description: '',
        kind: 'daily',
        schema: spec.schema,
        uniqueKey: ['id'],
        request: () => ({ method: 'GET', path: '/items' }),
        paginator: spec.paginator ?? paginate.single(),
        decoder: decode.json({ path: 'items' }),
      },
    },
  };
}

/** A runtime of `source` over `connector`'s `items` report, on fresh memory stores. */
export function itemsRuntime(
  source: string,
  connector: ConnectorDefinition,
  extra: Partial<Pick<EngineDeps, 'commitGuard' | 'scratch'>> = {},
  /** Where the vendor answers: a test's loopback server (default: a closed port, never asked). */
  baseUrl = 'http://127.0.0.1:9',
) {
  const staging = new MemoryStagingStore();
  const lake = new MemoryLakeStore();
  const runtime = new SourceRuntime(
    {
      name: source,
      connector,
      baseUrl,
      timezone: 'UTC',
      lookbackDays: 0,
      reports: ['items'],
      format: 'parquet',
      options: {},
      concurrency: 1,
      credentials: { key: 'unused-key' },
    },
    { staging, lake, tokenCache: new MemoryTokenCache(), ...extra, scratch: extra.scratch ?? memoryScratch },
  );
  return { runtime, staging, lake };
}
