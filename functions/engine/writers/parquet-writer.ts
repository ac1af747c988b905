import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { parquetSchema, toColumnData } from '../schema/parquet-schema.js';
import type { Row, TableSchema } from '../schema/table-schema.js';
import type { ByteSink } from './byte-sink.js';
import type { TableWriter } from './table-writer.js';

export interface ParquetOptions {
  /** Rows buffered per row group: the memory bound of the writer. */
  rowGroupSize: number;
}

export const DEFAULT_PARQUET_OPTIONS: ParquetOptions = { rowGroupSize: 50_000 };

/**
 * Streaming Parquet (SNAPPY) over hyparquet-writer: rows are buffered up to one row group,
 * encoded, and the encoded bytes handed to the sink after each group, so memory stays bounded by
 * one row group whatever the partition's size.
 */
export function createParquetWriter(
  schema: TableSchema,
  sink: ByteSink,
  options: ParquetOptions = DEFAULT_PARQUET_OPTIONS,
): TableWriter {
  const bytes = new ByteWriter() as ByteWriter & { index: number };
  let flushed = 0;
  let pendingFlush: Promise<void> = Promise.resolve();
  const flush = () => {
    if (bytes.index === 0) return pendingFlush;
    const chunk = new Uint8Array(bytes.buffer, 0, bytes.index).slice();
    bytes.index = 0;
    flushed += chunk.byteLength;
    pendingFlush = pendingFlush.then(() => sink.write(chunk));
    return pendingFlush;
  };
  (bytes as { flush?: () => Promise<void> }).flush = flush;
  const writer = new ParquetWriter({
    writer: bytes,
    schema: parquetSchema(schema),
    codec: 'SNAPPY',
    createdBy: 'report-fetcher',
  });
  let buffer: Row[] = [];
  let rowCount = 0;

  async function writeGroup(rows: Row[]) {
    if (rows.length === 0) return;
    await writer.write({ columnData: toColumnData(schema, rows), rowGroupSize: rows.length });
    await pendingFlush;
  }

  return {
    async write(rows) {
      for (const row of rows) {
        buffer.push(row);
        if (buffer.length >= options.rowGroupSize) {
          const group = buffer;
          buffer = [];
          await writeGroup(group);
        }
      }
      rowCount += rows.length;
    },
    async finish() {
      await writeGroup(buffer);
      buffer = [];
      await writer.finish();
      await flush();
      await sink.close();
      return { rows: rowCount, bytes: flushed };
    },
    async abort() {
      buffer = [];
      await sink.abort();
    },
  };
}
