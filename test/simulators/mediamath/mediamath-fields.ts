/**
 * The simulated `performance` dataset of the MediaMath Reporting API v2
 * (mediamath-reporting-api-v2.txt, "Dataset": "a collection of dimensions and metrics").
 * `fields`, `filters` and `order` may name any of these, plus `agg_timestamp` (present whenever
 * the rollup is not `all`); anything else is a 400 "field does not exist in this dataset".
 */

export type MediaMathFieldType = 'integer' | 'string' | 'float';

export interface MediaMathField {
  name: string;
  kind: 'dimension' | 'metric';
  type: MediaMathFieldType;
  /** Only video metrics are nullable: null for DISPLAY strategies. */
  nullable: boolean;
}

const dimension = (name: string, type: MediaMathFieldType): MediaMathField => ({
  name,
  kind: 'dimension',
  type,
  nullable: false,
});
const metric = (name: string, type: MediaMathFieldType, nullable = false): MediaMathField => ({
  name,
  kind: 'metric',
  type,
  nullable,
});

export const MEDIAMATH_PERFORMANCE_FIELDS: readonly MediaMathField[] = [
  dimension('organization_id', 'integer'),
  dimension('organization_name', 'string'),
  dimension('agency_id', 'integer'),
  dimension('agency_name', 'string'),
  dimension('advertiser_id', 'integer'),
  dimension('advertiser_name', 'string'),
  dimension('campaign_id', 'integer'),
  dimension('campaign_name', 'string'),
  dimension('strategy_id', 'integer'),
  dimension('strategy_name', 'string'),
  dimension('strategy_type', 'string'), // 'DISPLAY' | 'VIDEO'
  dimension('exchange_name', 'string'),
  metric('impressions', 'integer'),
  metric('clicks', 'integer'),
  metric('total_conversions', 'integer'),
  metric('post_click_conversions', 'integer'),
  metric('post_view_conversions', 'integer'),
  metric('media_cost', 'float'),
  metric('total_spend', 'float'),
  metric('video_start', 'integer', true),
  metric('video_complete', 'integer', true),
];

/** "a field agg_timestamp will be included in the response and it will also be available for ordering" */
export const AGG_TIMESTAMP = 'agg_timestamp';

export const MEDIAMATH_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...MEDIAMATH_PERFORMANCE_FIELDS.map((field) => field.name),
  AGG_TIMESTAMP,
]);

export type MediaMathValue = string | number | null;
/** A full row: every dataset field plus agg_timestamp (RFC 3339, truncated per rollup). */
export type MediaMathRow = Record<string, MediaMathValue>;

export type Rollup = 'by_day' | 'by_hour';
export const SUPPORTED_ROLLUPS: readonly Rollup[] = ['by_day', 'by_hour'];
