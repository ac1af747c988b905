import { InternalError } from '../errors.js';
import type { Row } from '../schema/table-schema.js';
import type { ByteSink } from '../writers/byte-sink.js';
import { batches, lines } from './ndjson-lines.js';
import type { PageMeta, PageSink } from './staging-store.js';

const FLUSH_CHARS = 1 << 20;
const READ_BATCH = 10_000;
const encoder = new TextEncoder();

/**
 * A staged page as one NDJSON object over any byte sink, buffered to ~1 MB writes: its rows, then
 * its meta as the last line (`{"pageMeta":…}`). The sink is atomic (a rename, a PutObject or a
 * completed multipart upload), so the object appears whole, meta included, or not at all, and
 * the page costs one write and one read.
 */
export function ndjsonPageSink(rows: ByteSink): PageSink {
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
      pending += `${JSON.stringify({ pageMeta: meta })}\n`;
      await rows.write(encoder.encode(pending));
      pending = '';
      await rows.close();
    },
    async abort() {
      pending = '';
      await rows.abort();
    },
  };
}

/**
 * Reads a page written by `ndjsonPageSink`: yields its rows in batches and returns its meta,
 * the last line, which must name the page asked for and count the rows read; anything else
 * (a page without its meta, another page's object) is an error, never rows taken on trust.
 */
export async function* readNdjsonPage(
  bytes: AsyncIterable<Uint8Array>,
  page: { slice: string; ordinal: number },
): AsyncGenerator<Row[], PageMeta> {
  let held: string | undefined;
  let rows = 0;
  async function* parsed() {
    for await (const line of lines(bytes)) {
      if (held !== undefined) {
        rows++;
        yield JSON.parse(held) as Row;
      }
      held = line;
    }
  }
  yield* batches(parsed(), READ_BATCH);
  const meta = held === undefined ? undefined : (JSON.parse(held) as { pageMeta?: PageMeta }).pageMeta;
  const name = `page ${page.ordinal} of slice ${page.slice}`;
  if (!meta || meta.slice !== page.slice || meta.ordinal !== page.ordinal)
    throw new InternalError(`the staged ${name} does not end with its meta`);
  if (meta.rows !== rows)
    throw new InternalError(`the staged ${name} holds ${rows} rows, its meta says ${meta.rows}`);
  return meta;
}
