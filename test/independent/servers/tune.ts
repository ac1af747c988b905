/**
 * TUNE Management API v2, written from ../shared/vendor-docs/tune-management-api.txt only
 * (cited as "tune:LINE").
 */
import type { ServerResponse } from 'node:http';
import {
  type LoggedRequest,
  listen,
  type RunningServer,
  refusingWith,
  seeded,
  sortedBy,
  type TransportFaults,
} from './common.js';

/** tune:223-224: the API key is a 32-character string. */
export const TUNE_API_KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

export type TuneValue = string | number | boolean | null;
export type TuneRecord = Record<string, TuneValue>;

export interface TuneEndpoint {
  /** Path under /v2 without a trailing slash, e.g. "account/users" (tune:231). */
  path: string;
  /** The record's fields, in the order the endpoint returns them. */
  fields: string[];
  rows: TuneRecord[];
}

export interface TuneOptions {
  /** A field the document does not show, added to every row (a vendor extending its API). */
  extraField?: string;
  /** Generic HTTP failures on the data endpoints (common.ts TransportFaults; no document line). */
  faults?: TransportFaults;
  /**
   * PHP's json_encode escapes "/" as "\/" (the document's example, tune:247) and, by default, every
   * non-ASCII character as \uXXXX; with JSON_UNESCAPED_UNICODE it sends UTF-8 instead. The document
   * shows no non-ASCII text, so both are plausible: 'escaped' (PHP's default) or 'utf8'.
   */
  unicode?: 'escaped' | 'utf8';
  /**
   * tune:197-212 shows an error's JSON ("status_pre":401 …) but not the HTTP status it travels
   * with. 'mirror' sends the body's status as the HTTP status; 'always200' sends HTTP 200 with the
   * error in the body (as HasOffers-style PHP APIs do). Both are plausible.
   */
  errorHttpStatus?: 'mirror' | 'always200';
  /**
   * The name of the echoed status: tune:233 (the users example) says "status_code", tune:170,
   * tune:187 and tune:204 (the JSON, JSONP and error transformations) say "status_pre". Both are
   * printed, so both are served: 'status_code' (default) or 'status_pre'.
   */
  statusField?: 'status_code' | 'status_pre';
  /**
   * tune:145-146 gives `limit` a default (10) and no maximum, and find.json's answer says nothing
   * of a cap (tune:231-252). Absent: any limit is served in full; a number: at most that many rows
   * a page, silently, the pages numbered by that smaller size.
   */
  limitCap?: number;
  /** Override or add endpoints (the literal example serves only tune:233-252). */
  endpoints?: TuneEndpoint[];
  /** Serve this exact body for this path (a literal example, byte for byte). */
  literal?: { path: string; body: string };
}

/** Endpoint fields as far as the document shows them; each list cites where. */
export function tuneEndpoints(): TuneEndpoint[] {
  const rng = seeded(20240502);
  const names = ['Müller & Söhne', 'Acme/Apps', 'Café Ünïcødé', 'Plain Co', 'Zeta “Quoted”', "O'Brien Media"];
  const users: TuneRecord[] = Array.from({ length: 240 }, (_, i) => ({
    // tune:237-249, the example record of /account/users/find.json, in its order and types.
    country_id: rng.pick([840, 276, 250]),
    region_id: rng.int(1, 60),
    id: 1587 + i,
    type: rng.pick(['company', 'person']),
    name: `${rng.pick(names)} ${i}`,
    address1: `${rng.int(1, 9999)} Western Ave.`,
    address2: i % 5 === 0 ? `Suite ${i}` : '',
    city: rng.pick(['Seattle', 'Köln', 'Paris']),
    zipcode: String(rng.int(10000, 99999)),
    phone: `206-508-${rng.int(1000, 99999)}`,
    website: `http://www.example${i}.com/path/${i}`,
    verified_phone: rng.next() < 0.5,
    status: rng.pick(['active', 'inactive']),
  }));
  const campaigns: TuneRecord[] = Array.from({ length: 300 }, (_, i) => ({
    // tune:75-81 (id, name, site_id asked; advertiser_id answered), tune:117 status,
    // tune:125 publisher_id.
    id: 1 + i,
    name: `campaign${i + 1} ${rng.pick(names)}`,
    advertiser_id: 3,
    site_id: rng.int(1, 200),
    status: rng.pick(['active', 'paused']),
    publisher_id: rng.int(1, 200),
  }));
  // tune:284 names /advertiser/sites/; the document shows no site field, so only id and name.
  const sites: TuneRecord[] = Array.from({ length: 200 }, (_, i) => ({
    id: 1 + i,
    name: `Site ${i + 1} ${rng.pick(names)}`,
  }));
  // tune:121 publisher.name, tune:126 "status of the publishers".
  const publishers: TuneRecord[] = Array.from({ length: 200 }, (_, i) => ({
    id: 1 + i,
    name: `Ad Network ${i + 1} ${rng.pick(names)}`,
    status: rng.pick(['active', 'inactive']),
  }));
  // tune:177, tune:269: the /advertiser/ endpoint's model Advertisers; fields not listed: id, name.
  const advertiser: TuneRecord[] = [{ id: 3, name: 'advertiser3' }]; // tune:89-92
  // tune:319 /countries/ (read-only); fields not listed: id, name.
  const countries: TuneRecord[] = Array.from({ length: 250 }, (_, i) => ({
    id: 1 + i,
    name: `Country ${i + 1} ${rng.pick(names)}`,
  }));
  const endpoint = (path: string, rows: TuneRecord[]): TuneEndpoint => ({
    path,
    fields: Object.keys(rows[0]!),
    rows,
  });
  return [
    endpoint('account/users', users),
    endpoint('advertiser/campaigns', campaigns),
    endpoint('advertiser/sites', sites),
    endpoint('advertiser/publishers', publishers),
    endpoint('advertiser', advertiser),
    endpoint('countries', countries),
  ];
}

/** PHP json_encode: "\/" always (tune:247); non-ASCII as \uXXXX unless JSON_UNESCAPED_UNICODE. */
export function phpJson(value: unknown, unicode: 'escaped' | 'utf8' = 'escaped'): string {
  const text = JSON.stringify(value).replaceAll('/', '\\/');
  return unicode === 'utf8'
    ? text
    : text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * tune:233-234 with tune:231's example: response_size is the byte length of the whole body as
 * sent (the example serialised compactly is exactly 327 bytes). The size counts its own digits,
 * so it is found as a fixed point.
 */
export function tuneBody(
  statusCode: number,
  data: unknown,
  unicode: 'escaped' | 'utf8' = 'escaped',
  errors?: unknown,
  statusField: 'status_code' | 'status_pre' = 'status_code',
): string {
  let size = 0;
  for (;;) {
    const envelope: Record<string, unknown> = {
      [statusField]: statusCode,
      response_size: String(size),
      data,
    };
    if (errors !== undefined) envelope.errors = errors;
    const body = phpJson(envelope, unicode);
    const bytes = Buffer.byteLength(body);
    if (bytes === size) return body;
    size = bytes;
  }
}

type Condition = { field: string; op: string; value: TuneValue | TuneValue[] };

/**
 * tune:298 filter syntax: one or more '(field op value)', joined with AND|OR. Returns the
 * conditions (AND/OR evaluated left to right) or null when it cannot be parsed.
 */
function parseFilter(filter: string): { conditions: Condition[]; joins: string[] } | null {
  const conditions: Condition[] = [];
  const joins: string[] = [];
  const term =
    /^\s*\(\s*([a-z_.]+)\s*(=|!=|<=|>=|<|>|LIKE|RLIKE|IN)\s*(\([^)]*\)|'[^']*'|-?\d+(?:\.\d+)?)\s*\)\s*/i;
  let rest = filter;
  for (;;) {
    const m = term.exec(rest);
    if (!m) return null;
    const raw = m[3]!;
    const scalar = (v: string): TuneValue => (v.startsWith("'") ? v.slice(1, -1) : Number(v));
    const value = raw.startsWith('(')
      ? raw
          .slice(1, -1)
          .split(',')
          .map((v) => scalar(v.trim()))
      : scalar(raw);
    conditions.push({ field: m[1]!, op: m[2]!.toUpperCase(), value });
    rest = rest.slice(m[0].length);
    if (rest.trim() === '') return { conditions, joins };
    const join = /^(AND|OR)\s*/i.exec(rest);
    if (!join) return null;
    joins.push(join[1]!.toUpperCase());
    rest = rest.slice(join[0].length);
  }
}

function matches(row: TuneRecord, c: Condition): boolean {
  const v = row[c.field];
  switch (c.op) {
    case '=':
      return v === c.value || String(v) === String(c.value);
    case '!=':
      return String(v) !== String(c.value);
    case '<':
      return Number(v) < Number(c.value);
    case '<=':
      return Number(v) <= Number(c.value);
    case '>':
      return Number(v) > Number(c.value);
    case '>=':
      return Number(v) >= Number(c.value);
    case 'IN':
      return (c.value as TuneValue[]).some((x) => String(x) === String(v));
    default: {
      const pattern = new RegExp(`^${String(c.value).replaceAll('%', '.*')}$`, 'i');
      return pattern.test(String(v));
    }
  }
}

export async function startTune(
  options: TuneOptions = {},
): Promise<RunningServer & { endpoints: TuneEndpoint[] }> {
  const endpoints = options.endpoints ?? tuneEndpoints();
  const unicode = options.unicode ?? 'escaped';
  const byPath = new Map(endpoints.map((e) => [e.path, e]));

  const reply = (res: ServerResponse, status: number, data: unknown, errors?: unknown) => {
    const body = tuneBody(status, data, unicode, errors, options.statusField);
    const httpStatus = options.errorHttpStatus === 'always200' ? 200 : status;
    res.writeHead(httpStatus, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  // tune:197-212: errors come back as JSON with the status and messages.
  const error = (res: ServerResponse, status: number, message: string) =>
    reply(res, status, [], [{ message }]);

  // The document shows no rate limit and no refusal: 429 in the error envelope of tune:197-212,
  // no Retry-After.
  const faults = refusingWith(options.faults, (res) => error(res, 429, 'API rate limit exceeded'));
  const server = await listen((req: LoggedRequest, res) => {
    // tune:222-227, tune:324: every call carries api_key, a 32-character key.
    if (req.query.get('api_key') !== TUNE_API_KEY) return error(res, 401, 'API key is missing or invalid.'); // tune:209
    if (options.literal && req.path === options.literal.path) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(options.literal.body),
      });
      return res.end(options.literal.body);
    }
    // tune:307-315: /v2/<endpoint path>/<action>.json, lowercase.
    const route = /^\/v2\/([a-z_/]+)\/([a-z_]+)\.json$/.exec(req.path);
    const endpoint = route ? byPath.get(route[1]!) : undefined;
    if (!route || !endpoint) return error(res, 404, 'Invalid endpoint or action.'); // tune:199
    const action = route[2]!;
    if (action !== 'find' && action !== 'count') return error(res, 400, 'Invalid action name.'); // tune:199

    // tune:94-126, tune:298: filter; a field the endpoint does not have makes an invalid query,
    // which fails with an Internal Service Error (tune:48-51).
    let rows = endpoint.rows;
    const filter = req.query.get('filter');
    if (filter !== null && filter.trim() !== '') {
      const parsed = parseFilter(filter);
      if (!parsed) return error(res, 400, 'Valid action provided with parameters containing invalid data.'); // tune:201
      if (parsed.conditions.some((c) => !endpoint.fields.includes(c.field)))
        return error(res, 500, 'Internal Service Error'); // tune:51
      rows = rows.filter((row) => {
        let ok = matches(row, parsed.conditions[0]!);
        parsed.joins.forEach((join, i) => {
          const next = matches(row, parsed.conditions[i + 1]!);
          ok = join === 'AND' ? ok && next : ok || next;
        });
        return ok;
      });
    }
    if (action === 'count') return reply(res, 200, rows.length); // tune:296 "returns total count"

    // tune:127-144 sort=field[:desc],…; an unknown sort field is an ISE (tune:48-51).
    const sort = req.query.get('sort');
    if (sort !== null && sort.trim() !== '') {
      const keys = sort.split(',').map((s) => {
        const [field, direction] = s.trim().split(':');
        return { field: field!, desc: direction?.toLowerCase() === 'desc' };
      });
      if (keys.some((k) => !endpoint.fields.includes(k.field)))
        return error(res, 500, 'Internal Service Error');
      rows = sortedBy(rows, keys);
    }
    if (req.query.get('group')) {
      const group = req.query.get('group')!.split(',');
      if (group.some((g) => !endpoint.fields.includes(g.trim())))
        return error(res, 500, 'Internal Service Error');
    }
    // tune:145-146 limit (default 10) and page; the document does not say where pages start:
    // page 1 is the first (HasOffers/TUNE convention; page 0 is answered as page 1).
    const asked = Number(req.query.get('limit') ?? '10');
    const page = Math.max(1, Number(req.query.get('page') ?? '1'));
    if (!Number.isInteger(asked) || asked < 1 || !Number.isInteger(page))
      return error(res, 400, 'Valid action provided with invalid parameters.');
    const limit = Math.min(asked, options.limitCap ?? asked);
    const slice = rows.slice((page - 1) * limit, page * limit);
    // tune:65-67 fields (CSV); absent: every default field (tune:263). A requested field the
    // endpoint does not have is simply missing from the result (tune:45-47).
    const requested = req.query.get('fields');
    const fields = requested
      ? requested
          .split(',')
          .map((f) => f.trim())
          .filter((f) => endpoint.fields.includes(f))
      : endpoint.fields;
    return reply(
      res,
      200,
      slice.map((row) => ({
        ...Object.fromEntries(fields.map((f) => [f, row[f]])),
        ...(options.extraField ? { [options.extraField]: 'added by the vendor' } : {}),
      })),
    );
  }, faults);
  return { ...server, endpoints };
}
