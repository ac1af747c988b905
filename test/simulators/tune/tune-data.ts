/** Deterministic TUNE entities; references (site_id, publisher_id) point at generated rows. */
import { sqlTimestamp } from '../base/dates.js';
import { Prng } from '../base/prng.js';
import { catchyName, FIRST_NAMES, LAST_NAMES } from '../base/words.js';
import type { TuneEntityName } from './tune-fields.js';

export type TuneValue = string | number | boolean | null;
export type TuneRow = Record<string, TuneValue>;

/** The account the API key belongs to; every advertiser_id points at it. */
export const TUNE_ADVERTISER_ID = 877;

export const DEFAULT_ENTITY_COUNTS: Readonly<Record<TuneEntityName, number>> = {
  'advertiser/campaigns': 150,
  'advertiser/sites': 20,
  'advertiser/publishers': 80,
  'account/users': 12,
  advertiser: 1,
  countries: 6,
};

/** ISO 3166 numeric ids, as the document's users example has country_id 840. */
const COUNTRIES: readonly [number, string, string][] = [
  [840, 'United States', 'US'],
  [276, 'Germany', 'DE'],
  [392, 'Japan', 'JP'],
  [826, 'United Kingdom', 'GB'],
  [76, 'Brazil', 'BR'],
  [356, 'India', 'IN'],
];
const CITIES = ['Seattle', 'Berlin', 'Tokyo', 'London', 'São Paulo', 'Bengaluru'] as const;

/**
 * How campaign start_date/end_date are written. The document shows no value of either, so both
 * plausible forms are served: 'datetime' ("YYYY-MM-DD HH:MM:SS", like created/modified) and
 * 'date' ("YYYY-MM-DD", as their names suggest).
 */
export type TuneDateStyle = 'datetime' | 'date';

const EPOCH_2019 = Date.parse('2019-01-01T00:00:00Z');
const FIVE_YEARS_MS = 5 * 365 * 86_400_000;
const TIMEZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'UTC'] as const;
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;

/** created/modified pair: modified is never before created. */
function lifecycle(rng: Prng, statuses: readonly string[]): TuneRow {
  const created = EPOCH_2019 + Math.floor(rng.next() * FIVE_YEARS_MS);
  const modified = created + Math.floor(rng.next() * 200 * 86_400_000);
  return { status: rng.pick(statuses), created: sqlTimestamp(created), modified: sqlTimestamp(modified) };
}

/** Ascending ids with gaps, as a long-lived account accumulates them. */
function ids(rng: Prng, count: number, first: number): number[] {
  let id = first;
  return Array.from({ length: count }, () => (id += rng.int(1, 5)));
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

function sites(seed: number, count: number): TuneRow[] {
  const rng = Prng.for(seed, 'tune-sites');
  return ids(rng, count, 2000).map((id) => {
    const name = catchyName(rng);
    const type = rng.pick(['ios', 'android', 'web'] as const);
    const packageName = type === 'web' ? null : `com.example.${slug(name)}${id}`;
    return {
      id,
      name: `${name} ${type === 'web' ? 'Web' : 'App'}`,
      advertiser_id: TUNE_ADVERTISER_ID,
      package_name: packageName,
      mobile_app_type: type === 'web' ? null : type,
      url: `https://${slug(name)}${id}.example.com`,
      ...lifecycle(rng, ['active', 'active', 'active', 'disabled']),
      store_app_id: type === 'ios' ? String(rng.int(300_000_000, 1_700_000_000)) : packageName,
      timezone: rng.pick(TIMEZONES),
      currency: rng.pick(CURRENCIES),
    };
  });
}

function publishers(seed: number, count: number): TuneRow[] {
  const rng = Prng.for(seed, 'tune-publishers');
  return ids(rng, count, 300).map((id) => {
    const name = `${catchyName(rng, 0.1)} Network`;
    return {
      id,
      name,
      ...lifecycle(rng, ['active', 'active', 'pending', 'rejected']),
      company: `${name} Inc.`,
      website: rng.chance(0.2) ? null : `https://publisher${id}.example.net`,
      country_code: rng.pick(['US', 'DE', 'JP', 'GB', 'BR', 'IN']),
      contact_email: rng.chance(0.3) ? null : `partners+${id}@publisher${id}.example.net`,
    };
  });
}

function campaigns(
  seed: number,
  count: number,
  siteRows: TuneRow[],
  publisherRows: TuneRow[],
  dateStyle: TuneDateStyle,
): TuneRow[] {
  const day = (ms: number) => (dateStyle === 'date' ? sqlTimestamp(ms).slice(0, 10) : sqlTimestamp(ms));
  const rng = Prng.for(seed, 'tune-campaigns');
  return ids(rng, count, 1000).map((id) => {
    const life = lifecycle(rng, ['active', 'active', 'paused', 'archived']);
    const start = Date.parse(`${life.created}Z`) + rng.int(0, 30) * 86_400_000;
    return {
      id,
      name: `${catchyName(rng, 0.1)} ${id}`,
      advertiser_id: TUNE_ADVERTISER_ID,
      site_id: rng.pick(siteRows).id ?? null,
      publisher_id: rng.pick(publisherRows).id ?? null,
      ...life,
      currency: rng.pick(CURRENCIES),
      budget: rng.chance(0.3) ? null : rng.decimal(100, 50_000, 2),
      start_date: day(start),
      end_date: rng.chance(0.4) ? null : day(start + rng.int(7, 365) * 86_400_000),
      cost_model: rng.pick(['cpi', 'cpc', 'cpm', 'cpa']),
      external_id: rng.chance(0.5) ? null : `EXT-${rng.hex(6).toUpperCase()}`,
    };
  });
}

function users(seed: number, count: number): TuneRow[] {
  const rng = Prng.for(seed, 'tune-users');
  return ids(rng, count, 50).map((id) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const life = lifecycle(rng, ['active', 'active', 'active', 'blocked']);
    const place = rng.int(0, COUNTRIES.length - 1);
    return {
      // The document's example record, field for field ("Endpoint Action's Return").
      country_id: COUNTRIES[place]![0],
      region_id: rng.int(1, 60),
      id,
      type: rng.pick(['company', 'person'] as const),
      name: `${first} ${last}`,
      address1: `${rng.int(1, 9999)} Western Ave.`,
      address2: rng.chance(0.7) ? '' : `Suite ${rng.int(100, 999)}`,
      city: CITIES[place]!,
      zipcode: String(rng.int(10000, 99999)),
      website: `http://www.${slug(last)}${id}.example.com/`,
      verified_phone: rng.chance(0.5),
      first_name: first,
      last_name: last,
      email: `${slug(first)}.${slug(last)}${id}@advertiser.example.com`,
      ...life,
      title: rng.chance(0.4) ? null : rng.pick(['Analyst', 'UA Manager', 'Marketing Lead', 'Engineer']),
      phone: rng.chance(0.5) ? null : `+1-206-555-${String(rng.int(0, 9999)).padStart(4, '0')}`,
      last_login: rng.chance(0.2)
        ? null
        : sqlTimestamp(Date.parse(`${life.modified}Z`) + rng.int(0, 90) * 86_400_000),
      timezone: rng.pick(TIMEZONES),
    };
  });
}

function advertiser(seed: number): TuneRow[] {
  const rng = Prng.for(seed, 'tune-advertiser');
  return [{ id: TUNE_ADVERTISER_ID, name: `${catchyName(rng)} Inc.`, ...lifecycle(rng, ['active']) }];
}

function countries(count: number): TuneRow[] {
  return COUNTRIES.slice(0, count)
    .map(([id, name, code]) => ({ id, name, code }))
    .sort((a, b) => a.id - b.id);
}

/** Every entity's full rows (all fields) in id order. */
export function generateTuneEntities(
  seed: number,
  counts: Partial<Record<TuneEntityName, number>>,
  dateStyle: TuneDateStyle = 'datetime',
): Record<TuneEntityName, TuneRow[]> {
  const countOf = (entity: TuneEntityName): number => counts[entity] ?? DEFAULT_ENTITY_COUNTS[entity];
  const siteRows = sites(seed, Math.max(1, countOf('advertiser/sites')));
  const publisherRows = publishers(seed, Math.max(1, countOf('advertiser/publishers')));
  return {
    // At least one site and publisher are generated so campaigns can reference them.
    'advertiser/sites': siteRows.slice(0, countOf('advertiser/sites')),
    'advertiser/publishers': publisherRows.slice(0, countOf('advertiser/publishers')),
    'advertiser/campaigns': campaigns(
      seed,
      countOf('advertiser/campaigns'),
      siteRows,
      publisherRows,
      dateStyle,
    ),
    'account/users': users(seed, countOf('account/users')),
    advertiser: advertiser(seed),
    countries: countries(countOf('countries')),
  };
}
