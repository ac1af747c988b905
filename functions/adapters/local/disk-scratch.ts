import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScratchFile, ScratchSpace } from '../../engine/index.js';

/**
 * Scratch files on the machine's own disk (os.tmpdir(): a Lambda's /tmp, or $TMPDIR). Each file
 * is removed from its directory as soon as it is opened, so the space goes back to the system
 * when it is closed or the process ends, whatever happened in between: a crashed commit leaves
 * nothing behind, in a Lambda container that lives on or on a user's machine.
 */
export function diskScratch(dir: string = tmpdir()): ScratchSpace {
  return () => {
    const folder = mkdtempSync(join(dir, 'report-fetcher-scratch-'));
    const path = join(folder, 'spill');
    const fd = openSync(path, 'w+', 0o600);
    rmSync(folder, { recursive: true, force: true });
    return new DiskScratchFile(fd);
  };
}

class DiskScratchFile implements ScratchFile {
  private size = 0;
  private open = true;

  constructor(private readonly fd: number) {}

  append(bytes: Uint8Array): number {
    const at = this.size;
    for (let written = 0; written < bytes.byteLength; ) {
      written += writeSync(this.fd, bytes, written, bytes.byteLength - written, at + written);
    }
    this.size += bytes.byteLength;
    return at;
  }

  read(offset: number, into: Uint8Array): void {
    if (offset < 0 || offset + into.byteLength > this.size)
      throw new RangeError('scratch: read past the end');
    for (let filled = 0; filled < into.byteLength; ) {
      const n = readSync(this.fd, into, filled, into.byteLength - filled, offset + filled);
      if (n === 0) throw new Error('scratch: the file is shorter than what was written to it');
      filled += n;
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}
