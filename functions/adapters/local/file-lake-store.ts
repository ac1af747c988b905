import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CommitRecord,
  InternalError,
  type LakeStore,
  type OutputFormat,
  type PartitionRef,
  partitionObjectKey,
  partitionPrefix,
} from '../../engine/index.js';
import { atomicFileSink } from './file-sink.js';

const FORMATS: OutputFormat[] = ['parquet', 'ndjson'];

/** The lake on the local disk, in the same layout as the S3 bucket. */
export class FileLakeStore implements LakeStore {
  constructor(readonly root: string) {}

  locate(partition: PartitionRef, format: OutputFormat): string {
    return join(this.root, partitionObjectKey(partition, format));
  }

  async openPartition(partition: PartitionRef, format: OutputFormat) {
    // A source that switched format leaves one file per partition, not two.
    const others = FORMATS.filter((f) => f !== format).map((f) => this.locate(partition, f));
    return atomicFileSink(this.locate(partition, format), {
      durable: true,
      afterPublish: async () => {
        for (const other of others) await rm(other, { force: true });
      },
    });
  }

  async recordCommit(record: CommitRecord) {
    const path = join(this.root, '_commits', `${partitionPrefix(record.partition).replaceAll('/', '_')}json`);
    const sink = await atomicFileSink(path, { durable: true });
    await sink.write(new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
    await sink.close();
  }

  openObject(key: string, _contentType: string) {
    return atomicFileSink(this.objectPath(key), { durable: true });
  }

  async readObject(key: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.objectPath(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async deleteObject(key: string) {
    await rm(this.objectPath(key), { force: true });
  }

  /** Keys are built by the engine from checked names; `..` or an absolute key is refused anyway. */
  private objectPath(key: string): string {
    if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.' || part === ''))
      throw new InternalError(`"${key}" is not a lake object key`);
    return join(this.root, key);
  }

  async readCommit(partition: PartitionRef): Promise<CommitRecord | undefined> {
    const path = join(this.root, '_commits', `${partitionPrefix(partition).replaceAll('/', '_')}json`);
    try {
      return JSON.parse(await readFile(path, 'utf8')) as CommitRecord;
    } catch {
      return undefined;
    }
  }
}
