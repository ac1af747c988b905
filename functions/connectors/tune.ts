import * as z from 'zod';
import {
  assertKnownFields,
  type Column,
  ConfigError,
  type ConnectorDefinition,
  col,
  decode,
  type Paginator,
  paginate,
  type ReportDefinition,
  type RequestContext,
  reauthenticateOn,
  recordFields,
  statusInBody,
  tableSchema,
} from '../engine/index.js';

/**
 * TUNE Management API v2 (vendor-docs/tune-management-api.txt). Decisions where the document is
 * thin:
 * - The api_key travels in the query string (the only way TUNE accepts it); the engine adds it
 *   to each request as it is sent and strips it from every URL it stores, logs or reports.
 * - Entities are daily snapshots (dt = snapshot date). `fields` is always explicit, chosen per
 *   source (`options.fields`) from each entity's catalogue below; the defaults are only fields
 *   the document shows for that endpoint (each column's description says where). Requesting a
 *   field the endpoint lacks makes the "Report exported ... missing column" ("Importance of
 *   Providing Valid Fields"), so every field but `id` is nullable and an absent one is stored as
 *   null and reported (the schema contract); a missing `id` fails the partition.
 * - Shipped: campaigns, sites, users, advertiser (/advertiser/), countries (/countries/);
 *   publishers (/advertiser/publishers/, which the document never names) only when listed in
 *   `reports`. Any other find.json data consumer of the document ("Layout of API Endpoints") is
 *   added by `options.entities` with its fields and types, without code.
 * - The document shows no date or timestamp value of any entity, so those columns accept a
 *   date-only string or a timestamp and store the declared type.
 * - `sort=id` keeps pages stable; `count.json` sizes the fan-out up front, so every page of an
 *   entity is fetched at once, and the page rows must add up to that count (COUNT_MISMATCH).
 * - Where an entity ends (`options.pageEnd`). The document gives `limit` a default (10) and no
 *   maximum (lines 145-146: "restricts the number of results to send back. Default value is 10"),
 *   and find.json's answer carries no total, page count or "more" flag (its example, lines
 *   231-252: status_code, response_size, data only); response_size is the body's own byte length
 *   (below), not the entity's. So a page shorter than the limit asked cannot prove the entity
 *   ended: a server that silently served fewer rows than asked (a cap the document does not
 *   state) would look the same. The safer choice is the default, 'count': count.json ("returns
 *   total count", line 296) sizes the pages and is what the staged rows must add up to, so a
 *   capping server fails the partition loudly. 'short-page' skips count.json (one request fewer
 *   per entity) and takes the first page shorter than `pageSize` as the last: exact against a
 *   server that serves the limit asked, silently short against one that caps it below `pageSize`
 *   (docs/connectors.md). Only a limit of at most 10, the documented default, is known to be
 *   served in full.
 * - An unknown field in `filter` or `sort` makes TUNE answer HTTP 500 ("Internal Service Error"),
 *   which looks retryable: every name in fields, filter and sort is checked against the
 *   catalogue when the config loads.
 * - `response_size` is the byte length of the whole response body as received: the document's
 *   `/account/users/find.json` example ("Endpoint Action's Return") declares "327", and that
 *   example served compactly as PHP encodes it ("http:\/\/www.hasoffers.com") is exactly 327
 *   bytes (its `data` alone is 278). It is checked against the raw bytes, never a
 *   re-serialisation, to catch truncated or altered bodies.
 * - Every answer echoes a status: "status_code" (the users example, line 233) or "status_pre"
 *   (the JSON and error transformations, lines 170 and 204). The document never says which HTTP
 *   status carries an error (lines 197-212), so the echoed status rules every endpoint called,
 *   find.json and count.json alike: a 401 fails at once with the vendor's message, a 5xx or 429
 *   is retried as the same HTTP status would be.
 * - Timestamps are "YYYY-MM-DD HH:MM:SS" in UTC (the account time zone of the API user).
 * - No rate limit is documented: four concurrent requests per source.
 */
const SORT = 'id';
/**
 * The largest `limit` asked for: fewest requests. The document gives no maximum (lines 145-146);
 * 1000 is our bound (options.pageSize), and under the default `pageEnd` count.json catches a
 * server that serves fewer.
 */
const DEFAULT_PAGE_SIZE = 1000;

/**
 * Root data consumers ("Layout of API Endpoints": "(2) Read/Write Data Consumers – /account/,
 * /advertiser/", "(6) Read/Only Data Consumers – /browser_platform/, /browsers/, /countries/,
 * /currency_exchange_rates/, /languages/, /regions/") and their sub-categories.
 */
const DATA_CONSUMER =
  /^(account|advertiser|browser_platform|browsers|countries|currency_exchange_rates|languages|regions)(\/[a-z_]+)*$/;
const COLUMN_TYPES = ['string', 'bigint', 'double', 'boolean', 'date', 'timestamp'] as const;

const entitySchema = z.strictObject({
  /** The endpoint path under /v2/, e.g. "regions" or "advertiser/agencies". */
  endpoint: z.string().regex(DATA_CONSUMER, 'must be a data consumer of the TUNE document, e.g. "regions"'),
  description: z.string().optional(),
  /** Field → type; `id` (bigint) is required: it is the unique key and the sort. */
  fields: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'field names are lower_snake'), z.enum(COLUMN_TYPES))
    .refine((fields) => fields.id === 'bigint', 'must include "id": "bigint" (the unique key and sort)'),
});

const optionsSchema = z.strictObject({
  /** Records per find.json page (TUNE's default is 10; larger pages mean fewer requests). */
  pageSize: z.int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
  /**
   * How the end of an entity is known (the document is silent, lines 145-146 and 231-252):
   * 'count' (default) asks count.json first and checks the pages against it; 'short-page' skips
   * count.json and trusts a page shorter than `pageSize` as the last, which loses rows unseen if
   * the server silently caps `limit` below `pageSize`.
   */
  pageEnd: z.enum(['count', 'short-page']).default('count'),
  /** A TUNE filter per report, e.g. { "campaigns": "(status = 'active')" }. */
  filters: z.record(z.string(), z.string().min(1)).default({}),
  /** Fields per built-in report, from its catalogue (`report-fetcher schema`); `id` is always fetched. */
  fields: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  /** Further find.json data consumers by name (table tune_<name>), with their fields and types. */
  entities: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), entitySchema).default({}),
});

type TuneOptions = z.infer<typeof optionsSchema>;

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

const pages = (pageSize: number): Paginator =>
  paginate.pageNumber({ in: 'query', pageParam: 'page', sizeParam: 'limit', pageSize, firstPage: 1 });

/**
 * A catalogue entry. Every field but `id` is nullable: "Report exported will be missing column"
 * when an endpoint lacks a requested field. `doc` says where the document shows the field; a
 * field it does not show gets `temporal: 'either'` for dates (no example fixes the format).
 */
function field(column: Column, doc?: string): Column {
  const documented = doc ? `doc: ${doc}` : 'not shown in the document';
  const described = {
    ...column,
    description: column.description ? `${column.description}; ${documented}` : documented,
  };
  if (column.name === 'id') return { ...described, nullable: false };
  return {
    ...described,
    nullable: true,
    ...(!doc && (column.type === 'date' || column.type === 'timestamp')
      ? { temporal: 'either' as const }
      : {}),
  };
}

interface Entity {
  endpoint: string;
  description: string;
  catalogue: readonly Column[];
  /** Field names fetched unless a source chooses others: only fields the document shows. */
  defaults: readonly string[];
  /** Not run unless a source lists it in `reports` (its endpoint is not in the document). */
  optIn?: boolean;
}

const USERS_EXAMPLE = '"Endpoint Action\'s Return" users example';
const lifecycle = (): Column[] => [field(col.timestamp('created')), field(col.timestamp('modified'))];

/** The entities shipped, with where each default comes from. */
const ENTITIES: Record<string, Entity> = {
  campaigns: {
    endpoint: 'advertiser/campaigns',
    description: 'Advertiser campaigns',
    catalogue: [
      field(col.bigint('id'), '"Parameter \'fields\'" example 1'),
      field(col.string('name'), '"Parameter \'fields\'" example 1'),
      field(col.bigint('advertiser_id'), '"Parameter \'fields\'" example 1 result'),
      field(col.bigint('site_id'), '"Parameter \'fields\'" example 1 request'),
      field(col.bigint('publisher_id'), '"Parameter \'filter\'" example 3'),
      field(col.string('status'), '"Parameter \'filter\'" example 1'),
      ...lifecycle(),
      field(col.string('currency')),
      field(col.double('budget', { metric: true })),
      field(col.date('start_date')),
      field(col.date('end_date')),
      field(col.string('cost_model')),
      field(col.string('external_id')),
    ],
    defaults: ['id', 'name', 'advertiser_id', 'site_id', 'publisher_id', 'status'],
  },
  sites: {
    endpoint: 'advertiser/sites',
    description: 'Advertiser sites (mobile apps and web sites)',
    catalogue: [
      field(col.bigint('id'), "\"Parameters 'id' and 'ids'\""),
      field(col.string('name'), '"Parameter \'term\'": typical auto-completion column'),
      field(col.bigint('advertiser_id')),
      field(col.string('package_name')),
      field(col.string('mobile_app_type')),
      field(col.string('url')),
      field(col.string('status')),
      ...lifecycle(),
      field(col.string('store_app_id')),
      field(col.string('timezone')),
      field(col.string('currency')),
    ],
    defaults: ['id', 'name'],
  },
  users: {
    endpoint: 'account/users',
    description: 'Users of the account',
    catalogue: [
      field(col.bigint('country_id'), USERS_EXAMPLE),
      field(col.bigint('region_id'), USERS_EXAMPLE),
      field(col.bigint('id'), USERS_EXAMPLE),
      field(col.string('type'), USERS_EXAMPLE),
      field(col.string('name'), USERS_EXAMPLE),
      field(col.string('address1'), USERS_EXAMPLE),
      field(col.string('address2'), USERS_EXAMPLE),
      field(col.string('city'), USERS_EXAMPLE),
      field(col.string('zipcode'), USERS_EXAMPLE),
      field(col.string('phone'), USERS_EXAMPLE),
      field(col.string('website'), USERS_EXAMPLE),
      field(col.boolean('verified_phone'), USERS_EXAMPLE),
      field(col.string('status'), USERS_EXAMPLE),
      field(col.string('first_name')),
      field(col.string('last_name')),
      field(col.string('email')),
      field(col.string('title')),
      field(col.timestamp('last_login')),
      field(col.string('timezone')),
      ...lifecycle(),
    ],
    defaults: [
      'country_id',
      'region_id',
      'id',
      'type',
      'name',
      'address1',
      'address2',
      'city',
      'zipcode',
      'phone',
      'website',
      'verified_phone',
      'status',
    ],
  },
  advertiser: {
    endpoint: 'advertiser',
    description: 'The advertiser (root data consumer /advertiser/)',
    catalogue: [
      field(col.bigint('id'), '"Parameter \'fields\'" example 2 (advertiser.id)'),
      field(col.string('name'), '"Parameter \'fields\'" example 2 (advertiser.name)'),
      field(col.string('status')),
      ...lifecycle(),
    ],
    defaults: ['id', 'name'],
  },
  countries: {
    endpoint: 'countries',
    description: 'Countries (read-only data consumer /countries/); users.country_id refers to them',
    catalogue: [
      field(col.bigint('id'), "\"Parameters 'id' and 'ids'\"; users example country_id 840"),
      field(col.string('name'), '"Parameter \'term\'": typical auto-completion column'),
    ],
    defaults: ['id', 'name'],
  },
  publishers: {
    endpoint: 'advertiser/publishers',
    description: 'Publishers (partners) of the advertiser; not in the document, run only when listed',
    catalogue: [
      field(col.bigint('id'), '"Parameter \'filter\'" example 2 (publisher.name)'),
      field(col.string('name'), '"Parameter \'filter\'" example 2 (publisher.name)'),
      field(col.string('status')),
      ...lifecycle(),
      field(col.string('company')),
      field(col.string('website')),
      field(col.string('country_code')),
      field(col.string('contact_email')),
    ],
    defaults: ['id', 'name'],
    optIn: true,
  },
};

/**
 * One entity as a snapshot report: find.json with explicit fields and sort, sized by count.json
 * unless `pageEnd` is 'short-page' (then pages are followed until one is shorter than the limit).
 */
function entityReport(
  reportName: string,
  entity: Entity,
  chosen: readonly string[],
  pageEnd: TuneOptions['pageEnd'],
): ReportDefinition {
  const catalogue = tableSchema(entity.catalogue);
  assertKnownFields(catalogue, chosen, `options.fields.${reportName}`);
  const wanted = new Set(['id', ...chosen]);
  const schema = tableSchema(entity.catalogue.filter((c) => wanted.has(c.name)));
  const fields = recordFields(schema);
  const filterQuery = ({ options }: RequestContext): Record<string, string> => {
    const filter = filterOf(options, reportName);
    return filter ? { filter } : {};
  };
  return {
    table: `tune_${reportName}`,
    description: entity.description,
    kind: 'snapshot',
    schema,
    uniqueKey: ['id'],
    ...(entity.optIn ? { internal: true } : {}),
    request: (ctx) => ({
      method: 'GET',
      path: `/v2/${entity.endpoint}/find.json`,
      query: { fields: fields.join(','), sort: SORT, ...filterQuery(ctx) },
    }),
    // Line 296: count.json "returns total count", the only total the document offers.
    ...(pageEnd === 'count'
      ? {
          count: {
            request: (ctx: RequestContext) => ({
              method: 'GET' as const,
              path: `/v2/${entity.endpoint}/count.json`,
              query: filterQuery(ctx),
            }),
            path: 'data',
          },
        }
      : {}),
    paginator: pages(DEFAULT_PAGE_SIZE),
    variant: (options) => ({ paginator: pages((options as TuneOptions).pageSize ?? DEFAULT_PAGE_SIZE) }),
    decoder: decode.json({ path: 'data', declaredSize: 'response_size' }),
    validate: (options) => {
      // An unknown name in filter or sort makes TUNE build an invalid query (HTTP 500).
      assertKnownFields(catalogue, [SORT], 'sort');
      const filter = filterOf(options, reportName);
      if (filter) assertKnownFields(catalogue, filterFieldNames(filter), `filter "${filter}"`);
    },
  };
}

/** The reports a source's options make: the shipped entities with chosen fields, plus its own. */
function tuneReports(options: Record<string, unknown>): Record<string, ReportDefinition> {
  const { fields = {}, entities = {}, pageEnd = 'count' } = options as Partial<TuneOptions>;
  for (const name of Object.keys(fields)) {
    if (!ENTITIES[name] && !entities[name])
      throw new ConfigError(
        `options.fields names no report "${name}" (reports: ${Object.keys(ENTITIES).join(', ')})`,
      );
  }
  const reports: Record<string, ReportDefinition> = {};
  for (const [name, entity] of Object.entries(ENTITIES)) {
    reports[name] = entityReport(name, entity, fields[name] ?? entity.defaults, pageEnd);
  }
  for (const [name, custom] of Object.entries(entities)) {
    if (ENTITIES[name])
      throw new ConfigError(`options.entities.${name}: "${name}" is a shipped report; pick another name`);
    // Typed by the user; the document shows no example value, so dates are read either way.
    const catalogue = Object.entries(custom.fields).map(([field, type]) => ({
      ...col[type](field, {
        nullable: field !== 'id',
        description: `configured in options.entities.${name}`,
      }),
      ...(type === 'date' || type === 'timestamp' ? { temporal: 'either' as const } : {}),
    }));
    const defaults = Object.keys(custom.fields);
    const description = custom.description ?? `TUNE /${custom.endpoint}/ (configured)`;
    reports[name] = entityReport(
      name,
      { endpoint: custom.endpoint, description, catalogue, defaults },
      fields[name] ?? defaults,
      pageEnd,
    );
  }
  return reports;
}

export const tune: ConnectorDefinition = {
  name: 'tune',
  description:
    'TUNE Management API entity snapshots (campaigns, sites, users, advertiser, countries, and any find.json data consumer by configuration)',
  defaultBaseUrl: 'https://api.mobileapptracking.com',
  auth: { kind: 'api-key', queryParam: 'api_key', credential: 'api_key' },
  responses: [
    reauthenticateOn(401),
    // The users example echoes "status_code": 200 ("Endpoint Action's Return"); the JSON and error
    // transformations echo "status_pre" (200, 401: "API key is missing or invalid."). Neither says
    // which HTTP status carries an error, so a non-2xx echo is judged as that HTTP status would be,
    // on find.json and count.json alike.
    statusInBody('status_code', 'status_pre'),
  ],
  maxConcurrency: 4,
  options: optionsSchema,
  reports: tuneReports({}),
  configure: tuneReports,
};
