/** Vendor API simulators: real HTTP servers with seeded data and fault switches. */

export type { AdcloudOptions, AdcloudSimulator } from './adcloud/adcloud.js';
export { startAdcloud } from './adcloud/adcloud.js';
export type { AdcloudRow } from './adcloud/adcloud-data.js';
export { ADCLOUD_GROUPING_KEY, ADCLOUD_REPORT_FIELDS } from './adcloud/adcloud-data.js';
export type { MediaMathOptions, MediaMathSimulator } from './mediamath/mediamath.js';
export { startMediaMath } from './mediamath/mediamath.js';
export type { MediaMathField, MediaMathRow, MediaMathValue, Rollup } from './mediamath/mediamath-fields.js';
export {
  AGG_TIMESTAMP,
  MEDIAMATH_PERFORMANCE_FIELDS,
  SUPPORTED_ROLLUPS,
} from './mediamath/mediamath-fields.js';
export type { TrackMasterOptions, TrackMasterSimulator } from './trackmaster/trackmaster.js';
export { startTrackMaster } from './trackmaster/trackmaster.js';
export type {
  TrackMasterCampaign,
  TrackMasterDailyReport,
  TrackMasterDailyRow,
} from './trackmaster/trackmaster-data.js';
export type { TuneOptions, TuneSimulator } from './tune/tune.js';
export { startTune } from './tune/tune.js';
export type { TuneRow, TuneValue } from './tune/tune-data.js';
export { DEFAULT_ENTITY_COUNTS as TUNE_DEFAULT_ENTITY_COUNTS, TUNE_ADVERTISER_ID } from './tune/tune-data.js';
export type { TuneEntityFields, TuneEntityName, TuneField, TuneFieldType } from './tune/tune-fields.js';
export { allFieldsOf as tuneFieldsOf, TUNE_ENTITY_FIELDS, TUNE_ENTITY_NAMES } from './tune/tune-fields.js';
export * from './types.js';
