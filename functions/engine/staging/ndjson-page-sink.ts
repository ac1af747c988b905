import type { ByteSink } from '../writers/byte-sink.js';
import type { PageMeta, PageSink } from './staging-store.js';

const FLUSH_CHARS = 1 << 20;
const encoder = new TextEncoder();

/**
 * A staged page as NDJSON over any byte sink, buffered to ~1 MB writes. The rows become durable
 * (the sink closes) before the meta is written, so a meta always describes a whole page.
 */
export function ndjsonPageSink(rows: ByteSink, writeMeta: (meta: PageMeta) => Promise<void>): PageSink {
  let pending = '';
  return {
    async write(batch) {
      for (const row of batch) pending += `${JSON.stringify(row)}\n`;
      if (pending.length > FLUSH_CHARS) {
        await rows.write(encoder.encode(pending));
        pending = '';
      }
    },
    async commit(meta) {
      if (pending) await rows.write(encoder.encode(pending));
      pending = '';
      await rows.close();
      await writeMeta(meta);
    },
    async abort() {
      pending = '';
      await rows.abort();
    },
  };
}
