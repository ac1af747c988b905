import type { TableSchema } from '../schema/table-schema.js';
import type { ByteSink } from './byte-sink.js';
import { createNdjsonWriter } from './ndjson-writer.js';
import { createParquetWriter, DEFAULT_PARQUET_OPTIONS, type ParquetOptions } from './parquet-writer.js';
import type { OutputFormat, TableWriter } from './table-writer.js';

export function createTableWriter(
  format: OutputFormat,
  schema: TableSchema,
  sink: ByteSink,
  parquet: ParquetOptions = DEFAULT_PARQUET_OPTIONS,
): TableWriter {
  return format === 'parquet' ? createParquetWriter(schema, sink, parquet) : createNdjsonWriter(schema, sink);
}
