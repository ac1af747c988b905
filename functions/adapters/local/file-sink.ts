import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from '../../engine/index.js';

export interface AtomicFileOptions {
  /**
   * fsync before the rename, so the new file survives a power loss, not only a process crash.
   * Lake objects need it; staged pages do not (a run that loses them is simply run again).
   */
  durable?: boolean;
  /** Runs once the new file is in place. */
  afterPublish?: () => Promise<void>;
}

/**
 * Writes to a hidden temporary file beside the target and renames it over the target on close:
 * rename(2) within one directory is atomic, so a reader sees the old file or the new one, never
 * a mix.
 */
export async function atomicFileSink(target: string, options: AtomicFileOptions = {}): Promise<ByteSink> {
  await mkdir(dirname(target), { recursive: true });
  // The process id in the name lets the next run tell a killed writer's leftovers from a live
  // one's (functions/local/housekeeping.ts).
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID()}.tmp`);
  let handle: FileHandle | undefined = await open(temp, 'wx', 0o644);
  return {
    async write(chunk) {
      await handle!.write(chunk);
    },
    async close() {
      if (options.durable) await handle!.sync();
      await handle!.close();
      handle = undefined;
      await rename(temp, target);
      await options.afterPublish?.();
    },
    async abort() {
      await handle?.close().catch(() => undefined);
      handle = undefined;
      await rm(temp, { force: true });
    },
  };
}
