import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diskScratch } from '../../functions/adapters/local/disk-scratch.js';
import type { ScratchFile } from '../../functions/engine/partitions/scratch-file.js';
import { MemoryScratch } from '../support/memory-stores.js';

const dir = mkdtempSync(join(tmpdir(), 'scratch-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kinds: [string, () => ScratchFile][] = [
  ['memory', () => new MemoryScratch()],
  ['disk', diskScratch(dir)],
];

describe.each(kinds)('%s scratch file', (_, open) => {
  it('reads back any range of what was appended, across appends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (chunks, a, b) => {
          const file = open();
          try {
            const all = Buffer.concat(chunks);
            const offsets = chunks.map((chunk) => file.append(chunk));
            // Each append starts where the previous one ended.
            let at = 0;
            chunks.forEach((chunk, i) => {
              expect(offsets[i]).toBe(at);
              at += chunk.byteLength;
            });
            const from = all.length === 0 ? 0 : a % all.length;
            const length = all.length - from === 0 ? 0 : b % (all.length - from + 1);
            const into = new Uint8Array(length);
            file.read(from, into);
            expect(Buffer.from(into)).toEqual(all.subarray(from, from + length));
            expect(() => file.read(all.length, new Uint8Array(1))).toThrow(RangeError);
          } finally {
            file.close();
          }
        },
      ),
      { numRuns: 100, seed: 6 },
    );
  });

  it('keeps a copy: changing the appended bytes afterwards changes nothing', () => {
    const file = open();
    const bytes = new Uint8Array([1, 2, 3]);
    file.append(bytes);
    bytes[0] = 9;
    const into = new Uint8Array(3);
    file.read(0, into);
    expect([...into]).toEqual([1, 2, 3]);
    file.close();
    file.close(); // idempotent
  });
});

describe('diskScratch', () => {
  it('leaves nothing in the directory, even while the file is open (a crash leaves no file behind)', () => {
    const file = diskScratch(dir)();
    file.append(new Uint8Array(100_000));
    expect(readdirSync(dir)).toEqual([]);
    file.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});
