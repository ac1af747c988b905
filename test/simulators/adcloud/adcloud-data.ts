/**
 * Deterministic Adcloud advertiser-report rows (adcloud-reports-api.txt, "report_data_item").
 *
 * Row `index` of a date is computed on its own: its grouping key (ad_placement_id, topic_id,
 * booking_id, ad_id, ad_count, ad_position) comes from the index written in mixed radix, each
 * digit shifted by a hash of the lower digits. Every digit mapping is a bijection, so keys are
 * unique per date while still looking varied, and any page can be produced without the pages
 * before it.
 */

import { itemAt } from '../base/arrays.js';
import { dayNumber } from '../base/dates.js';
import { hashSeed, Prng, roundTo } from '../base/prng.js';
import { catchyName } from '../base/words.js';

/** The 42 documented attributes, in the doc's order, with the doc's types. */
export const ADCLOUD_REPORT_FIELDS = [
  ['date', 'date'],
  ['website_id', 'int'],
  ['website', 'varchar'],
  ['topic_id', 'int'],
  ['topic', 'varchar'],
  ['ad_placement_id', 'int'],
  ['position', 'varchar'],
  ['product_id', 'int'],
  ['product', 'varchar'],
  ['ad_id', 'int'],
  ['ad', 'varchar'],
  ['booking_id', 'int'],
  ['booking', 'varchar'],
  ['page_type', 'varchar'],
  ['publisher', 'varchar'],
  ['language', 'varchar'],
  ['country', 'varchar'],
  ['currency', 'varchar'],
  ['design_id', 'int'],
  ['design', 'varchar'],
  ['ad_position', 'int'],
  ['ad_count', 'int'],
  ['ad_impressions', 'int'],
  ['ad_impressions_costs', 'float'],
  ['clicks', 'int'],
  ['clicks_overdelivered', 'int'],
  ['clicks_filtered', 'int'],
  ['clicks_image', 'int'],
  ['clicks_head', 'int'],
  ['clicks_txt', 'int'],
  ['clicks_link', 'int'],
  ['clicks_costs', 'float'],
  ['postclick_conversions', 'int'],
  ['postclick_conversions_overdelivered', 'int'],
  ['postclick_conversions_filtered', 'int'],
  ['postclick_conversions_costs', 'float'],
  ['postview_conversions', 'int'],
  ['postview_conversions_overdelivered', 'int'],
  ['postview_conversions_filtered', 'int'],
  ['postview_conversions_costs', 'float'],
  ['cancellations', 'int'],
  ['costs', 'float'],
] as const satisfies ReadonlyArray<readonly [string, 'date' | 'int' | 'float' | 'varchar']>;

export const ADCLOUD_GROUPING_KEY = [
  'ad_placement_id',
  'topic_id',
  'booking_id',
  'ad_id',
  'ad_count',
  'ad_position',
] as const;

type FieldType<T> = T extends 'int' | 'float' ? number : string;
type FieldList = typeof ADCLOUD_REPORT_FIELDS;
/** A report row; only `publisher` is nullable (our choice, see `publisherOf`). */
export type AdcloudRow = {
  [F in FieldList[number] as F[0]]: F[0] extends 'publisher' ? string | null : FieldType<F[1]>;
};

interface Website {
  id: number;
  name: string;
  publisher: string;
  pageType: string;
  language: string;
  country: string;
  currency: string;
}
interface Placement {
  id: number;
  website: Website;
  position: string;
  design: { id: number; name: string };
  slots: number;
}
interface Named {
  id: number;
  name: string;
}
interface Ad extends Named {
  product: Named;
}

const MARKETS = [
  { language: 'de', country: 'DE', currency: 'EUR' },
  { language: 'de', country: 'AT', currency: 'EUR' },
  { language: 'de', country: 'CH', currency: 'CHF' },
  { language: 'fr', country: 'FR', currency: 'EUR' },
  { language: 'en', country: 'GB', currency: 'GBP' },
] as const;
const PAGE_TYPES = ['Editorial Content', 'Search Engine', 'Community', 'E-Mail Newsletter'] as const;
const POSITIONS = ['top', 'sidebar', 'in-article', 'footer'] as const;
const DESIGNS = [
  'Medium Rectangle',
  'Leaderboard',
  'Skyscraper',
  'Billboard',
  'Half Page',
  'Mobile Banner',
] as const;
const TOPICS = [
  'Politics',
  'Finance',
  'Gaming',
  'Sports',
  'Travel',
  'Automotive',
  'Health',
  'Technology',
  'Fashion',
  'Food',
] as const;

const PLACEMENT_COUNT = 36;
const MAX_AD_POSITION = 4;
const PRODUCT_COUNT = 15;
const AD_COUNT = 48;
/** Bookings per (placement, position, topic, ad) slot before the booking digit grows. */
const BOOKING_SPREAD = 7;

/** The advertiser's seeded world: websites, placements, topics, products and ads. */
export class AdcloudCatalog {
  private readonly placements: Placement[];
  private readonly topics: Named[];
  private readonly ads: Ad[];

  constructor(private readonly seed: number) {
    const rng = Prng.for(seed, 'adcloud-catalog');
    const websites = Array.from(
      { length: 12 },
      (_, k): Website => ({
        id: 1000 + k * 17 + rng.int(0, 9),
        name: `${catchyName(rng).toLowerCase().replace(' ', '-')}-${k}.example`,
        publisher: `${catchyName(rng, 0.2)} Media`,
        pageType: rng.pick(PAGE_TYPES),
        ...rng.pick(MARKETS),
      }),
    );
    this.placements = Array.from({ length: PLACEMENT_COUNT }, (_, k): Placement => {
      const designIndex = rng.int(0, DESIGNS.length - 1);
      return {
        id: 20000 + k * 31 + rng.int(0, 19),
        website: rng.pick(websites),
        position: rng.pick(POSITIONS),
        design: { id: 300 + designIndex, name: DESIGNS[designIndex] ?? 'Unknown' },
        slots: rng.int(1, MAX_AD_POSITION),
      };
    });
    this.topics = TOPICS.map((name, k) => ({ id: 40 + k, name }));
    const products = Array.from({ length: PRODUCT_COUNT }, (_, k) => ({
      id: 5000 + k * 3,
      name: `${catchyName(rng, 0.1)} Product`,
    }));
    this.ads = Array.from({ length: AD_COUNT }, (_, k) => ({
      id: 600000 + k * 101 + rng.int(0, 99),
      name: `Ad ${catchyName(rng)} #${k + 1}`,
      product: rng.pick(products),
    }));
  }

  /** Row `index` (0-based, page order) of `date`; `version` is the restatement version. */
  row(date: string, index: number, version: number): AdcloudRow {
    const key = this.keyOf(date, index);
    const { placement, topic, ad, bookingIndex, adPosition } = key;
    const website = placement.website;
    const bookingId = 70000 + bookingIndex * 11;
    return {
      date,
      website_id: website.id,
      website: website.name,
      topic_id: topic.id,
      topic: topic.name,
      ad_placement_id: placement.id,
      position: placement.position,
      product_id: ad.product.id,
      product: ad.product.name,
      ad_id: ad.id,
      ad: ad.name,
      booking_id: bookingId,
      booking: `Booking ${bookingId} ${website.country}`,
      page_type: website.pageType,
      publisher: publisherOf(website, this.seed, date, index),
      language: website.language,
      country: website.country,
      currency: website.currency,
      design_id: placement.design.id,
      design: placement.design.name,
      ad_position: adPosition,
      ad_count: Math.max(adPosition, placement.slots),
      ...metrics(Prng.for(this.seed, 'adcloud-metrics', date, index, version)),
    };
  }

  private keyOf(date: string, index: number) {
    const shift = (...parts: number[]): number => hashSeed(this.seed, dayNumber(date), ...parts);
    const placementDigit = index % PLACEMENT_COUNT;
    let rest = Math.floor(index / PLACEMENT_COUNT);
    const positionDigit = (rest + shift(placementDigit)) % MAX_AD_POSITION;
    rest = Math.floor(rest / MAX_AD_POSITION);
    const topicDigit = (rest + shift(placementDigit, positionDigit)) % this.topics.length;
    rest = Math.floor(rest / this.topics.length);
    const adDigit = (rest + shift(placementDigit, positionDigit, topicDigit)) % AD_COUNT;
    rest = Math.floor(rest / AD_COUNT);
    const bookingIndex =
      rest * BOOKING_SPREAD + (shift(placementDigit, positionDigit, topicDigit, adDigit) % BOOKING_SPREAD);
    return {
      placement: itemAt(this.placements, placementDigit),
      adPosition: positionDigit + 1,
      topic: itemAt(this.topics, topicDigit),
      ad: itemAt(this.ads, adDigit),
      bookingIndex,
    };
  }
}

/**
 * The doc does not say whether strings can be null. Our choice: every string is non-null except
 * `publisher`, which is null in ~5% of rows (a publisher not yet assigned to the website).
 */
function publisherOf(website: Website, seed: number, date: string, index: number): string | null {
  return Prng.for(seed, 'adcloud-publisher', date, index).chance(0.05) ? null : website.publisher;
}

/** The row with each varchar attribute null in ~5% of rows (AdcloudOptions.nullNames 'any'). */
export function withNullNames(row: AdcloudRow, seed: number, date: string, index: number): AdcloudRow {
  const out: Record<string, unknown> = { ...row };
  for (const [name, type] of ADCLOUD_REPORT_FIELDS) {
    if (type === 'varchar' && Prng.for(seed, 'adcloud-null-name', date, index, name).chance(0.05))
      out[name] = null;
  }
  return out as AdcloudRow;
}

/**
 * The row with, in ~4% of rows, one metric null and, in another ~4%, one metric left out
 * (AdcloudOptions.metricGaps). The attribute table gives each metric a type ("int", "float")
 * without saying whether it is always there.
 */
export function withMetricGaps(row: AdcloudRow, seed: number, date: string, index: number): AdcloudRow {
  const rng = Prng.for(seed, 'adcloud-metric-gap', date, index);
  const gap = rng.next();
  if (gap >= 0.08) return row;
  const metricNames = ADCLOUD_REPORT_FIELDS.map(([name]) => name).filter((name) => ADCLOUD_METRICS.has(name));
  const name = itemAt(metricNames, rng.int(0, metricNames.length - 1));
  const out: Record<string, unknown> = { ...row };
  if (gap < 0.04) out[name] = null;
  else delete out[name];
  return out as AdcloudRow;
}

/** Everything up to ad_count describes the row; the rest are metrics (changed by restatement). */
type DimensionField =
  | 'date'
  | 'website_id'
  | 'website'
  | 'topic_id'
  | 'topic'
  | 'ad_placement_id'
  | 'position'
  | 'product_id'
  | 'product'
  | 'ad_id'
  | 'ad'
  | 'booking_id'
  | 'booking'
  | 'page_type'
  | 'publisher'
  | 'language'
  | 'country'
  | 'currency'
  | 'design_id'
  | 'design'
  | 'ad_position'
  | 'ad_count';
type Metrics = Omit<AdcloudRow, DimensionField>;

/** The metric attributes: those after ad_count in the attribute table. */
export const ADCLOUD_METRICS: ReadonlySet<string> = new Set(
  ADCLOUD_REPORT_FIELDS.slice(ADCLOUD_REPORT_FIELDS.findIndex(([name]) => name === 'ad_count') + 1).map(
    ([name]) => name,
  ),
);

function metrics(rng: Prng): Metrics {
  const impressions = rng.chance(0.04) ? 0 : rng.int(1, 60_000);
  const clicks = Math.floor(impressions * rng.next() * 0.02);
  const clicksImage = rng.int(0, clicks);
  const clicksHead = rng.int(0, clicks - clicksImage);
  const clicksTxt = rng.int(0, clicks - clicksImage - clicksHead);
  const postclick = Math.floor(clicks * rng.next() * 0.1);
  const postview = Math.floor(impressions * rng.next() * 0.0005);
  const impressionCosts = roundTo((impressions / 1000) * rng.decimal(0.2, 4, 2), 2);
  const clickCosts = roundTo(clicks * rng.decimal(0.05, 1.2, 2), 2);
  const postclickCosts = roundTo(postclick * rng.decimal(1, 15, 2), 2);
  const postviewCosts = roundTo(postview * rng.decimal(0.5, 5, 2), 2);
  return {
    ad_impressions: impressions,
    ad_impressions_costs: impressionCosts,
    clicks,
    clicks_overdelivered: Math.floor(clicks * rng.next() * 0.05),
    clicks_filtered: Math.floor(clicks * rng.next() * 0.1),
    clicks_image: clicksImage,
    clicks_head: clicksHead,
    clicks_txt: clicksTxt,
    clicks_link: clicks - clicksImage - clicksHead - clicksTxt,
    clicks_costs: clickCosts,
    postclick_conversions: postclick,
    postclick_conversions_overdelivered: rng.int(0, Math.floor(postclick / 10)),
    postclick_conversions_filtered: rng.int(0, Math.floor(postclick / 5)),
    postclick_conversions_costs: postclickCosts,
    postview_conversions: postview,
    postview_conversions_overdelivered: rng.int(0, Math.floor(postview / 10)),
    postview_conversions_filtered: rng.int(0, Math.floor(postview / 5)),
    postview_conversions_costs: postviewCosts,
    cancellations: rng.int(0, Math.floor(postclick / 4)),
    costs: roundTo(impressionCosts + clickCosts + postclickCosts + postviewCosts, 2),
  };
}
