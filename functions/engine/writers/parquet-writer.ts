import type { RowGroup } from 'hyparquet/src/types.js';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { parquetSchema } from '../schema/parquet-schema.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { ByteSink } from './byte-sink.js';
import { parquetCreatedBy } from './created-by.js';
import { type ColumnBuffer, createColumnBuffer, rowExtractor } from './parquet-columns.js';
import type { TableWriter } from './table-writer.js';

export interface ParquetOptions {
  /** Rows buffered per row group: the memory bound of the writer. */
  rowGroupSize: number;
}

export const DEFAULT_PARQUET_OPTIONS: ParquetOptions = { rowGroupSize: 50_000 };

const MAGIC = 0x31524150; // "PAR1"

/**
 * Streaming Parquet (GZIP): each batch of rows goes straight into per-column typed buffers
 * (parquet-columns.ts); a full row group is encoded and its bytes handed to the sink, so memory
 * stays bounded by one row group whatever the partition's size. The footer is written with
 * hyparquet-writer's metadata writer.
 */
export function createParquetWriter(
  schema: TableSchema,
  sink: ByteSink,
  options: ParquetOptions = DEFAULT_PARQUET_OPTIONS,
): TableWriter {
  const elements = parquetSchema(schema);
  const capacity = options.rowGroupSize;
  const buffers: ColumnBuffer[] = schema.columns.map((column, i) =>
    createColumnBuffer(column, elements[i + 1]!, capacity),
  );
  const extract = rowExtractor(buffers);
  /** Nulls per column in the rows just extracted (rowExtractor counts them). */
  const nulls = new Int32Array(buffers.length);
  const out = new ByteWriter(1 << 20);
  const rowGroups: RowGroup[] = [];
  let buffered = 0;
  let rowCount = 0;
  let flushed = 0;

  out.appendUint32(MAGIC);

  /** Hands the bytes encoded so far to the sink; `out.offset` keeps counting file offsets. */
  const flush = async () => {
    if (out.index === 0) return;
    const chunk = new Uint8Array(out.buffer, 0, out.index).slice();
    out.index = 0;
    flushed += chunk.byteLength;
    await sink.write(chunk);
  };

  async function writeGroup() {
    if (buffered === 0) return;
    const start = out.offset;
    const columns = [];
    let uncompressed = 0;
    for (const buffer of buffers) {
      const { chunk, uncompressedBytes } = buffer.encode(out, buffered);
      columns.push(chunk);
      uncompressed += uncompressedBytes;
    }
    rowGroups.push({
      columns,
      num_rows: BigInt(buffered),
      total_byte_size: BigInt(uncompressed),
      total_compressed_size: BigInt(out.offset - start),
      file_offset: BigInt(start),
    });
    buffered = 0;
    await flush();
  }

  return {
    async write(rows) {
      for (let from = 0; from < rows.length; ) {
        const take = Math.min(rows.length - from, capacity - buffered);
        nulls.fill(0);
        extract(rows, from, take, buffered, nulls);
        for (let k = 0; k < buffers.length; k++) buffers[k]!.ingest(buffered, buffered + take, nulls[k]!);
        buffered += take;
        from += take;
        if (buffered >= capacity) await writeGroup();
      }
      rowCount += rows.length;
    },
    async finish() {
      await writeGroup();
      writeMetadata(out, {
        version: 2,
        created_by: parquetCreatedBy(),
        schema: elements,
        num_rows: BigInt(rowCount),
        row_groups: rowGroups,
        metadata_length: 0,
      });
      out.appendUint32(MAGIC);
      await flush();
      await sink.close();
      return { rows: rowCount, bytes: flushed };
    },
    async abort() {
      buffered = 0;
      await sink.abort();
    },
  };
}
