/**
 * Port: a private, append-only file of bytes the commit spills per-row state to (the key hashes
 * of a large partition), so that what it holds in memory does not grow with the partition.
 * Synchronous: it is written from the loop that profiles rows, a few kilobytes at a time.
 * Deployed and locally it is a file on the machine's own disk (`adapters/local/disk-scratch.ts`;
 * a Lambda's /tmp); `MemoryScratch` keeps the bytes in memory (tests, and the default).
 */
export interface ScratchFile {
  /** Appends a copy of the bytes; returns the offset they start at. */
  append(bytes: Uint8Array): number;
  /** Fills `into` with the bytes from `offset` on (they must have been appended). */
  read(offset: number, into: Uint8Array): void;
  /** Frees the space. Idempotent; nothing can be read after it. */
  close(): void;
}

/** Opens a new scratch file. */
export type ScratchSpace = () => ScratchFile;

/** A scratch file in memory: the bytes are kept as appended. */
export class MemoryScratch implements ScratchFile {
  private readonly chunks: { at: number; bytes: Uint8Array }[] = [];
  private size = 0;

  append(bytes: Uint8Array): number {
    const at = this.size;
    this.chunks.push({ at, bytes: bytes.slice() });
    this.size += bytes.byteLength;
    return at;
  }

  read(offset: number, into: Uint8Array): void {
    if (offset < 0 || offset + into.byteLength > this.size)
      throw new RangeError('scratch: read past the end');
    // The first chunk holding `offset`, by binary search; then on across chunks.
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.chunks[mid]!.at <= offset) low = mid;
      else high = mid - 1;
    }
    let filled = 0;
    for (let i = low; filled < into.byteLength; i++) {
      const chunk = this.chunks[i]!;
      const from = offset + filled - chunk.at;
      const n = Math.min(chunk.bytes.byteLength - from, into.byteLength - filled);
      into.set(chunk.bytes.subarray(from, from + n), filled);
      filled += n;
    }
  }

  close(): void {
    this.chunks.length = 0;
    this.size = 0;
  }
}
