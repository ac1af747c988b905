import { jsonRecords } from './json-records.js';
import { ndjsonStream } from './ndjson-stream.js';

/**
 * The record decoders a connector picks from. A vendor whose records arrive some other way
 * brings its own `RecordDecoder` (record-decoder.ts) in its connector file.
 */
export const decode = { json: jsonRecords, ndjson: ndjsonStream };
