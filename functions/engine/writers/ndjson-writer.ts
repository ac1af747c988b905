import type { Row, TableSchema } from '../schema/table-schema.js';
import type { ByteSink } from './byte-sink.js';
import type { TableWriter } from './table-writer.js';

const FLUSH_BYTES = 1 << 20;

/** One JSON object per line, keys in schema order; Athena reads it with the Hive JSON SerDe (lib/lake-stack.ts). */
export function createNdjsonWriter(schema: TableSchema, sink: ByteSink): TableWriter {
  const names = schema.columns.map((c) => c.name);
  const encoder = new TextEncoder();
  let pending = '';
  let rowCount = 0;
  let byteCount = 0;
  const flush = async () => {
    if (!pending) return;
    const chunk = encoder.encode(pending);
    pending = '';
    byteCount += chunk.byteLength;
    await sink.write(chunk);
  };
  return {
    async write(rows) {
      for (const row of rows) {
        const ordered: Row = {};
        for (const name of names) ordered[name] = row[name] ?? null;
        pending += `${JSON.stringify(ordered)}\n`;
        if (pending.length >= FLUSH_BYTES) await flush();
      }
      rowCount += rows.length;
    },
    async finish() {
      await flush();
      await sink.close();
      return { rows: rowCount, bytes: byteCount };
    },
    async abort() {
      pending = '';
      await sink.abort();
    },
  };
}
