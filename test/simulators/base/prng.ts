/**
 * Seeded pseudo-random numbers. Every generated value is derived from a seed plus a "path"
 * (vendor, date, row index, ...) so any single row can be produced on its own, in any order,
 * without generating the rows before it. That is what makes lazy multi-million-row datasets
 * and random-access pagination possible.
 */

/** Hash any mix of strings and numbers into a 32-bit unsigned seed (FNV-1a + murmur3 finaliser). */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}\u241f`; // unit separator so ('ab','c') and ('a','bc') differ
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return avalanche(hash);
}

/**
 * Combine an already hashed seed with a number (e.g. a row index) without string work: the
 * fast path for per-row seeds in multi-million-row streams.
 */
export function mixSeed(base: number, n: number): number {
  return avalanche(base ^ Math.imul(n + 1, 0x9e3779b1));
}

/** murmur3's 32-bit finaliser: spreads every input bit over the whole output. */
function avalanche(input: number): number {
  let hash = input >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** mulberry32: tiny, fast, good enough for test data. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Shorthand for `new Prng(hashSeed(...parts))`. */
  static for(...parts: ReadonlyArray<string | number>): Prng {
    return new Prng(hashSeed(...parts));
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max) rounded to `decimals` places. */
  decimal(min: number, max: number, decimals: number): number {
    return roundTo(min + this.next() * (max - min), decimals);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick from an empty list');
    return item;
  }

  /** Lower-case hex string of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
