import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep, type TokenCache, type TokenEntry } from '../../engine/index.js';

const STALE_LOCK_MS = 30_000;

/**
 * Tokens in `<dir>/<source>.json`, mode 0600, in a directory git ignores (default
 * `.report-fetcher/tokens`). The lock is a file created with O_EXCL, so separate CLI processes
 * refreshing the same source take turns; a lock older than 30 s is considered abandoned.
 */
export class FileTokenCache implements TokenCache {
  constructor(readonly dir: string) {}

  private path(source: string, suffix: string): string {
    return join(this.dir, `${source}${suffix}`);
  }

  async read(source: string): Promise<TokenEntry | undefined> {
    try {
      return JSON.parse(await readFile(this.path(source, '.json'), 'utf8')) as TokenEntry;
    } catch {
      return undefined;
    }
  }

  async write(source: string, entry: TokenEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = this.path(source, `.json.${process.pid}.${Date.now()}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(entry));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path(source, '.json'));
  }

  async withLock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const lock = this.path(source, '.lock');
    for (;;) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = await stat(lock).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await rm(lock, { force: true });
        else await sleep(25);
      }
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true });
    }
  }
}
