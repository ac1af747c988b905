import * as z from 'zod';
import type {
  ConnectorDefinition,
  ReportDefinition,
  RequestContext,
} from '../engine/connector-definition.js';
import type { PaginatorSpec } from '../engine/pagination/paginator.js';
import {
  assertKnownFields,
  type Column,
  col,
  recordFields,
  tableSchema,
} from '../engine/schema/table-schema.js';

/**
 * TUNE Management API v2 (vendor-docs/tune-management-api.txt). Decisions where the document is
 * thin:
 * - The api_key travels in the query string (the only way TUNE accepts it); the engine adds it
 *   to each request as it is sent and strips it from every URL it stores, logs or reports.
 * - Entities are daily snapshots (dt = snapshot date). `fields` is always explicit: the default
 *   fields plus the extras an analyst joins or reports on (currency, dates, external ids,
 *   contact details), because TUNE silently drops a field it does not know and a default set
 *   may change without notice. A requested field missing from the answer is schema drift.
 * - `sort=id` keeps pages stable; `count.json` sizes the fan-out up front, so every page of an
 *   entity is fetched at once, and the page rows must add up to that count.
 * - An unknown field in `filter` or `sort` makes TUNE answer HTTP 500, which looks retryable:
 *   every name in fields, filter and sort is checked against the schema before any request.
 * - `response_size` is the byte length of the whole response body as received: the document's
 *   `/account/users/find.json` example ("Endpoint Action's Return") declares "327", and that
 *   example served compactly as PHP encodes it ("http:\/\/www.hasoffers.com") is exactly 327
 *   bytes (its `data` alone is 278). It is checked against the raw bytes, never a
 *   re-serialisation, to catch truncated or altered bodies.
 * - Timestamps are "YYYY-MM-DD HH:MM:SS" in UTC (the account time zone of the API user).
 * - No rate limit is documented: four concurrent requests per source.
 */
const SORT = 'id';
/** The largest `limit` TUNE takes: fewest requests; count.json still fans the pages out. */
const DEFAULT_PAGE_SIZE = 1000;

const optionsSchema = z.strictObject({
  /** Records per find.json page (TUNE's default is 10; larger pages mean fewer requests). */
  pageSize: z.int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
  /** A TUNE filter per report, e.g. { "campaigns": "(status = 'active')" }. */
  filters: z.record(z.string(), z.string().min(1)).default({}),
});

type TuneOptions = z.infer<typeof optionsSchema>;

const lifecycle = (): Column[] => [col.string('status'), col.timestamp('created'), col.timestamp('modified')];

/** The field names a TUNE filter refers to: every identifier directly followed by an operator. */
export function filterFieldNames(filter: string): string[] {
  const withoutLiterals = filter.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const operand =
    /([A-Za-z_][A-Za-z0-9_.]*)\s*(?:!=|<>|<=|>=|=|<|>|\b(?:not\s+)?(?:r?like|in|between)\b|\bis\b)/gi;
  return [...withoutLiterals.matchAll(operand)].map((match) => match[1]!);
}

function filterOf(options: Record<string, unknown>, reportName: string): string | undefined {
  return (options as TuneOptions).filters?.[reportName];
}

const pages = (pageSize: number): PaginatorSpec => ({
  kind: 'page-number',
  in: 'query',
  pageParam: 'page',
  sizeParam: 'limit',
  pageSize,
  firstPage: 1,
});

/** One entity as a snapshot report: find.json with explicit fields and sort, sized by count.json. */
function entityReport(
  reportName: string,
  entity: string,
  description: string,
  columns: Column[],
): ReportDefinition {
  const schema = tableSchema(columns);
  const fields = recordFields(schema);
  const filterQuery = ({ options }: RequestContext): Record<string, string> => {
    const filter = filterOf(options, reportName);
    return filter ? { filter } : {};
  };
  return {
    table: `tune_${reportName}`,
    description,
    kind: 'snapshot',
    schema,
    uniqueKey: ['id'],
    request: (ctx) => ({
      method: 'GET',
      path: `/v2/${entity}/find.json`,
      query: { fields: fields.join(','), sort: SORT, ...filterQuery(ctx) },
    }),
    count: {
      request: (ctx) => ({ method: 'GET', path: `/v2/${entity}/count.json`, query: filterQuery(ctx) }),
      path: 'data',
    },
    paginator: pages(DEFAULT_PAGE_SIZE),
    variant: (options) => ({ paginator: pages((options as TuneOptions).pageSize ?? DEFAULT_PAGE_SIZE) }),
    response: {
      kind: 'json',
      records: 'data',
      bodyStatus: 'status_code',
      declaredSize: { path: 'response_size' },
    },
    validate: (options) => {
      assertKnownFields(schema, fields, 'fields');
      assertKnownFields(schema, [SORT], 'sort');
      const filter = filterOf(options, reportName);
      if (filter) assertKnownFields(schema, filterFieldNames(filter), `filter "${filter}"`);
    },
  };
}

const reports: Record<string, ReportDefinition> = {
  campaigns: entityReport('campaigns', 'advertiser/campaigns', 'Advertiser campaigns', [
    col.bigint('id'),
    col.string('name'),
    col.bigint('advertiser_id'),
    col.bigint('site_id'),
    col.bigint('publisher_id'),
    ...lifecycle(),
    col.string('currency'),
    col.double('budget', { nullable: true }),
    col.timestamp('start_date'),
    col.timestamp('end_date', { nullable: true }),
    col.string('cost_model'),
    col.string('external_id', { nullable: true }),
  ]),
  sites: entityReport('sites', 'advertiser/sites', 'Advertiser sites (mobile apps and web sites)', [
    col.bigint('id'),
    col.string('name'),
    col.bigint('advertiser_id'),
    col.string('package_name', { nullable: true }),
    col.string('mobile_app_type', { nullable: true }),
    col.string('url'),
    ...lifecycle(),
    col.string('store_app_id', { nullable: true }),
    col.string('timezone'),
    col.string('currency'),
  ]),
  publishers: entityReport('publishers', 'advertiser/publishers', 'Publishers (partners) of the advertiser', [
    col.bigint('id'),
    col.string('name'),
    ...lifecycle(),
    col.string('company'),
    col.string('website', { nullable: true }),
    col.string('country_code'),
    col.string('contact_email', { nullable: true }),
  ]),
  users: entityReport('users', 'account/users', 'Users of the account', [
    col.bigint('id'),
    col.string('first_name'),
    col.string('last_name'),
    col.string('email'),
    ...lifecycle(),
    col.string('title', { nullable: true }),
    col.string('phone', { nullable: true }),
    col.timestamp('last_login', { nullable: true }),
    col.string('timezone'),
  ]),
};

export const tune: ConnectorDefinition = {
  name: 'tune',
  description: 'TUNE Management API entity snapshots (campaigns, sites, publishers, users)',
  defaultBaseUrl: 'https://api.mobileapptracking.com',
  auth: { kind: 'api-key', queryParam: 'api_key', credential: 'api_key' },
  rules: { authFailureStatuses: [401] },
  maxConcurrency: 4,
  options: optionsSchema,
  reports,
};
