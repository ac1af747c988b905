/**
 * Port: a private, append-only file of bytes the commit spills per-row state to (the key hashes
 * of a large partition), so that what it holds in memory does not grow with the partition.
 * Synchronous: it is written from the loop that profiles rows, a few kilobytes at a time.
 * Deployed and locally it is a file on the machine's own disk (`adapters/local/disk-scratch.ts`;
 * a Lambda's /tmp); tests keep it in memory (test/support/memory-stores.ts).
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
