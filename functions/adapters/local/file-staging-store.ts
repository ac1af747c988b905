import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ndjsonPageSink,
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  type PartitionRef,
  pageName,
  type Row,
  readNdjsonPage,
  type StagingStore,
  stagingPrefix,
} from '../../engine/index.js';
import { atomicFileSink } from './file-sink.js';

const encoder = new TextEncoder();

/**
 * Staged pages as NDJSON files under `<root>/<run>/…`, one per page with its meta as the last
 * line; each file appears whole or not at all (written aside, then renamed).
 */
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
    return ndjsonPageSink(await atomicFileSink(`${base}.ndjson`));
  }

  async *readPage(
    runId: string,
    partition: PartitionRef,
    slice: string,
    ordinal: number,
  ): AsyncGenerator<Row[], PageMeta> {
    await mkdir(this.dir(runId, partition), { recursive: true });
    const stream = createReadStream(`${join(this.dir(runId, partition), pageName(slice, ordinal))}.ndjson`);
    return yield* readNdjsonPage(stream, { slice, ordinal });
  }
}
