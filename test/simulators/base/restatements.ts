import { Prng } from './prng.js';

/**
 * Restatements per date, as vendors make them after the fact:
 * - `restate(date)` re-draws every metric of the date (same keys, other values): the version is
 *   mixed into the metric generators' seed;
 * - `restateLate(date)` adds a round of late data: some rows' metrics grow (late conversions),
 *   a few rows appear and a few vanish (late or invalidated traffic). The simulator passes its
 *   rows through `lateRows`, which replays every round of the date, so the served pages and the
 *   simulator's truth stay one list.
 */
export class Restatements {
  private readonly versions = new Map<string, number>();
  private readonly lateRounds = new Map<string, number>();

  constructor(private readonly seed = 1) {}

  restate(date: string): void {
    this.versions.set(date, this.version(date) + 1);
  }

  version(date: string): number {
    return this.versions.get(date) ?? 0;
  }

  restateLate(date: string): void {
    this.lateRounds.set(date, this.rounds(date) + 1);
  }

  rounds(date: string): number {
    return this.lateRounds.get(date) ?? 0;
  }

  /** Dates with at least one late round. */
  lateDates(): string[] {
    return [...this.lateRounds.keys()];
  }

  /**
   * The date's rows after its late rounds. Each round, from its own seeded generator: about
   * `LATE.growShare` of the rows grow (`grow`, which must only raise metrics), `LATE.vanish` rows
   * go, and `LATE.appear` rows with keys the date did not have come (`fresh(n)`: the n-th extra
   * row of the date, n counting on over rounds). A list never loses more than half its rows.
   * `scope` separates lists of one date served apart (TrackMaster's medias).
   */
  lateRows<T>(date: string, rows: readonly T[], change: LateChange<T>, scope = ''): T[] {
    let out = [...rows];
    let extra = 0;
    for (let round = 1; round <= this.rounds(date); round++) {
      const rng = Prng.for(this.seed, 'late-restatement', date, scope, round);
      const vanish = Math.min(LATE.vanish, Math.floor(out.length / 2));
      for (let i = 0; i < vanish; i++) out.splice(rng.int(0, out.length - 1), 1);
      // About growShare of the rows, and at least one.
      const grows = out.map(() => rng.chance(LATE.growShare));
      if (out.length > 0 && !grows.includes(true)) grows[rng.int(0, out.length - 1)] = true;
      out = out.map((row, i) => (grows[i] ? change.grow(row, rng) : row));
      for (let i = 0; i < LATE.appear; i++) {
        const row = change.fresh(extra++, rng);
        if (row !== undefined) out.push(row);
      }
    }
    return out;
  }
}

export interface LateChange<T> {
  /** The row with some metrics raised (late conversions); keys unchanged. */
  grow(row: T, rng: Prng): T;
  /**
   * A row with a key the date has not had (`n` counts the date's extra rows from 0), or
   * undefined when the vendor has no such key left (e.g. every campaign already reported).
   */
  fresh(n: number, rng: Prng): T | undefined;
}

/** One late round: rows that vanish, rows that appear, share of rows whose metrics grow. */
export const LATE = { vanish: 2, appear: 3, growShare: 0.2 } as const;
