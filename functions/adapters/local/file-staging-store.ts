import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  batches,
  lines,
  ndjsonPageSink,
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  type PartitionRef,
  pageName,
  type Row,
  type StagingStore,
  stagingPrefix,
} from '../../engine/index.js';
import { atomicFileSink } from './file-sink.js';

const encoder = new TextEncoder();

/** Staged pages as NDJSON files under `<root>/<run>/…`; each file appears whole or not at all. */
export class FileStagingStore implements StagingStore {
  constructor(readonly root: string) {}

  private dir(runId: string, partition: PartitionRef): string {
    return join(this.root, stagingPrefix(runId, partition));
  }

  async writeManifest(manifest: PartitionManifest) {
    const sink = await atomicFileSink(join(this.dir(manifest.runId, manifest.partition), '_manifest.json'));
    await sink.write(encoder.encode(JSON.stringify(manifest)));
    await sink.close();
  }

  async readManifest(runId: string, partition: PartitionRef) {
    try {
      return JSON.parse(
        await readFile(join(this.dir(runId, partition), '_manifest.json'), 'utf8'),
      ) as PartitionManifest;
    } catch {
      return undefined;
    }
  }

  async openPage(runId: string, partition: PartitionRef, slice: string, ordinal: number): Promise<PageSink> {
    const base = join(this.dir(runId, partition), pageName(slice, ordinal));
    const rows = await atomicFileSink(`${base}.ndjson`);
    return ndjsonPageSink(rows, async (meta) => {
      const metaSink = await atomicFileSink(`${base}.meta.json`);
      await metaSink.write(encoder.encode(JSON.stringify(meta)));
      await metaSink.close();
    });
  }

  async countStagedPages(runId: string, partition: PartitionRef, slice: string): Promise<number> {
    try {
      const entries = (await readdir(join(this.dir(runId, partition), slice))) as string[];
      return entries.filter((name) => name.endsWith('.meta.json')).length;
    } catch {
      return 0;
    }
  }

  async listPages(runId: string, partition: PartitionRef): Promise<PageMeta[]> {
    const root = this.dir(runId, partition);
    let entries: string[];
    try {
      entries = (await readdir(root, { recursive: true })) as string[];
    } catch {
      return [];
    }
    const metas = entries.filter((name) => name.endsWith('.meta.json'));
    return Promise.all(
      metas.map(async (name) => JSON.parse(await readFile(join(root, name), 'utf8')) as PageMeta),
    );
  }

  async *readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncIterable<Row[]> {
    await mkdir(this.dir(runId, partition), { recursive: true });
    const stream = createReadStream(`${join(this.dir(runId, partition), pageName(slice, ordinal))}.ndjson`);
    async function* parsed() {
      for await (const line of lines(stream)) yield JSON.parse(line) as Row;
    }
    yield* batches(parsed(), 10_000);
  }
}
