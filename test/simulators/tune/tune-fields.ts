/**
 * Field lists of the simulated TUNE Management API endpoints (tune-management-api.txt,
 * "Understanding Endpoint and Model Fields"): default fields come back when `fields` is absent;
 * extra fields only when requested by name. The real lists are longer; these are the ones an
 * analyst joins on or reports by. Timestamps are 'YYYY-MM-DD HH:MM:SS' strings in UTC.
 */

export type TuneEntityName =
  | 'advertiser/campaigns'
  | 'advertiser/sites'
  | 'advertiser/publishers'
  | 'account/users'
  | 'advertiser'
  | 'countries';
export type TuneFieldType = 'integer' | 'float' | 'string' | 'datetime' | 'boolean' | 'date';

export interface TuneField {
  name: string;
  type: TuneFieldType;
  nullable: boolean;
}

export interface TuneEntityFields {
  defaultFields: readonly TuneField[];
  extraFields: readonly TuneField[];
}

const field = (name: string, type: TuneFieldType, nullable = false): TuneField => ({ name, type, nullable });
const lifecycle = [field('status', 'string'), field('created', 'datetime'), field('modified', 'datetime')];

export const TUNE_ENTITY_FIELDS: Readonly<Record<TuneEntityName, TuneEntityFields>> = {
  'advertiser/campaigns': {
    defaultFields: [
      field('id', 'integer'),
      field('name', 'string'),
      field('advertiser_id', 'integer'),
      field('site_id', 'integer'),
      field('publisher_id', 'integer'),
      ...lifecycle,
    ],
    extraFields: [
      field('currency', 'string'),
      field('budget', 'float', true),
      field('start_date', 'datetime'),
      field('end_date', 'datetime', true),
      field('cost_model', 'string'),
      field('external_id', 'string', true),
    ],
  },
  'advertiser/sites': {
    defaultFields: [
      field('id', 'integer'),
      field('name', 'string'),
      field('advertiser_id', 'integer'),
      field('package_name', 'string', true),
      field('mobile_app_type', 'string', true),
      field('url', 'string'),
      ...lifecycle,
    ],
    extraFields: [
      field('store_app_id', 'string', true),
      field('timezone', 'string'),
      field('currency', 'string'),
    ],
  },
  'advertiser/publishers': {
    defaultFields: [field('id', 'integer'), field('name', 'string'), ...lifecycle],
    extraFields: [
      field('company', 'string'),
      field('website', 'string', true),
      field('country_code', 'string'),
      field('contact_email', 'string', true),
    ],
  },
  // "Endpoint Action's Return": the document's one record of /account/users/find.json.
  'account/users': {
    defaultFields: [
      field('country_id', 'integer'),
      field('region_id', 'integer'),
      field('id', 'integer'),
      field('type', 'string'),
      field('name', 'string'),
      field('address1', 'string'),
      field('address2', 'string'),
      field('city', 'string'),
      field('zipcode', 'string'),
      field('phone', 'string', true),
      field('website', 'string'),
      field('verified_phone', 'boolean'),
      field('status', 'string'),
    ],
    extraFields: [
      field('first_name', 'string'),
      field('last_name', 'string'),
      field('email', 'string'),
      field('created', 'datetime'),
      field('modified', 'datetime'),
      field('title', 'string', true),
      field('last_login', 'datetime', true),
      field('timezone', 'string'),
    ],
  },
  // "Parameter 'fields'" example 2: the related advertiser has id and name.
  advertiser: {
    defaultFields: [field('id', 'integer'), field('name', 'string'), field('status', 'string')],
    extraFields: [field('created', 'datetime'), field('modified', 'datetime')],
  },
  // A read-only data consumer ("Layout of API Endpoints"); users' country_id (840) refers to it.
  countries: {
    defaultFields: [field('id', 'integer'), field('name', 'string')],
    extraFields: [field('code', 'string')],
  },
};

export const TUNE_ENTITY_NAMES = Object.keys(TUNE_ENTITY_FIELDS) as TuneEntityName[];

export function allFieldsOf(entity: TuneEntityName): TuneField[] {
  const { defaultFields, extraFields } = TUNE_ENTITY_FIELDS[entity];
  return [...defaultFields, ...extraFields];
}
