import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from '../../engine/writers/byte-sink.js';

/**
 * Writes to a hidden temporary file beside the target and renames it over the target on close:
 * rename(2) within one directory is atomic, so a reader sees the old file or the new one, never
 * a mix. `afterPublish` runs once the new file is in place.
 */
export async function atomicFileSink(target: string, afterPublish?: () => Promise<void>): Promise<ByteSink> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  let handle: FileHandle | undefined = await open(temp, 'wx', 0o644);
  return {
    async write(chunk) {
      await handle!.write(chunk);
    },
    async close() {
      await handle!.sync();
      await handle!.close();
      handle = undefined;
      await rename(temp, target);
      await afterPublish?.();
    },
    async abort() {
      await handle?.close().catch(() => undefined);
      handle = undefined;
      await rm(temp, { force: true });
    },
  };
}
