import { describe, expect, it } from 'vitest';
import { ndjsonPageSink, readNdjsonPage } from '../../functions/engine/staging/ndjson-page-sink.js';
import { MemorySink } from '../support/memory-stores.js';
import { pageMeta } from '../support/page-meta.js';

const meta = pageMeta({ ordinal: 3, rows: 2 });

async function* chunks(text: string) {
  yield new TextEncoder().encode(text);
}

async function read(text: string, page = { slice: 'all', ordinal: 3 }) {
  const rows: unknown[] = [];
  const reader = readNdjsonPage(chunks(text), page);
  let next = await reader.next();
  for (; !next.done; next = await reader.next()) rows.push(...next.value);
  return { rows, meta: next.value };
}

describe('a staged page: one object, its rows and then its meta', () => {
  it('writes the meta as the last line and reads rows and meta back', async () => {
    const sink = new MemorySink();
    const page = ndjsonPageSink(sink);
    await page.write([{ id: 1 }, { id: 2 }]);
    await page.commit(meta);
    expect(sink.closed).toBe(true);
    const text = Buffer.from(sink.bytes()).toString();
    expect(text.trimEnd().split('\n').at(-1)).toBe(JSON.stringify({ pageMeta: meta }));
    expect(await read(text)).toEqual({ rows: [{ id: 1 }, { id: 2 }], meta });
    // A page without rows is its meta alone.
    const empty = { ...meta, rows: 0 };
    expect(await read(`${JSON.stringify({ pageMeta: empty })}\n`)).toEqual({ rows: [], meta: empty });
  });

  it('takes no rows on trust: a page without its meta, with another page’s, or short of rows fails', async () => {
    const rows = '{"id":1}\n{"id":2}\n';
    await expect(read(rows)).rejects.toThrow(/does not end with its meta/);
    await expect(read(`${rows}${JSON.stringify({ pageMeta: { ...meta, ordinal: 4 } })}\n`)).rejects.toThrow(
      /does not end with its meta/,
    );
    await expect(read(`{"id":1}\n${JSON.stringify({ pageMeta: meta })}\n`)).rejects.toThrow(
      /holds 1 rows, its meta says 2/,
    );
  });
});
