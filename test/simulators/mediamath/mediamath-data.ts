/**
 * Deterministic, lazily generated rows of the MediaMath performance dataset.
 *
 * A day has `rowsPerDay(date)` rows. Row `index` of a day is (strategy, exchange) =
 * (index / EXCHANGES, index % EXCHANGES), so rows come out ordered by strategy_id, then
 * exchange_name, and any row can be produced on its own: a three-million-row stream never
 * exists in memory. Strategies are generated on demand from their index; their campaign,
 * advertiser and agency come from a small seeded catalog.
 *
 * by_hour uses the same rows as by_day (same keys, same metric values: sums agree across
 * rollups); the day's rows are split into 24 consecutive blocks, block h stamped hour h. So in
 * both rollups the natural order is agg_timestamp, strategy_id, exchange_name.
 */
import { itemAt } from '../base/arrays.js';
import { dateToEpochMs, epochMsToDate, isoSeconds, MS_PER_DAY, MS_PER_HOUR } from '../base/dates.js';
import { hashSeed, mixSeed, Prng, roundTo } from '../base/prng.js';
import type { Restatements } from '../base/restatements.js';
import { catchyName } from '../base/words.js';
import { hourStartRow, type RunningDay, rowsSoFar } from './day-so-far.js';
import type { MediaMathRow, Rollup } from './mediamath-fields.js';

/** Sorted, so that index order within a strategy is exchange_name order. */
const EXCHANGES = [
  'AppNexus',
  'Google AdX',
  'Index Exchange',
  'Magnite',
  'MediaMath Direct',
  'OpenX',
  'PubMatic',
  'Sharethrough',
  'Sovrn',
  'TripleLift',
  'Xandr Curate',
  'Yieldmo',
] as const;
const HOURS_PER_DAY = 24;

/** Rows [from, to) of one date: the unit the range, pagination and streaming work on. */
export interface Segment {
  date: string;
  from: number;
  to: number;
}

interface Named {
  id: number;
  name: string;
}
interface Campaign extends Named {
  advertiser: Named;
  agency: Named;
}
interface Strategy extends Named {
  type: 'DISPLAY' | 'VIDEO';
  campaign: Campaign;
}

export class MediaMathDataset {
  private readonly organizationName: string;
  private readonly campaigns: Campaign[];
  private cachedStrategy: { index: number; strategy: Strategy } | undefined;
  /** Per-date values reused by every row of the date (rows are generated date by date). */
  private cachedLate: { date: string; rounds: number; entries: { base: number; late: number }[] } | undefined;
  private cachedDate: { date: string; version: number; metricSeed: number; hourStamps: string[] } | undefined;

  constructor(
    private readonly seed: number,
    private readonly organizationId: number,
    private readonly rowsPerDay: (date: string) => number,
    private readonly restatements: Restatements,
    /** The bucketing zone's offset from UTC (MediaMathOptions.bucketUtcOffsetHours): days are its days. */
    private readonly offsetMs = 0,
    /** What a day still running serves (MediaMathOptions.runningDay, day-so-far.ts). */
    private readonly runningDay: RunningDay = 'ended-hours',
  ) {
    const rng = Prng.for(seed, 'mediamath-catalog');
    this.organizationName = `${catchyName(rng)} Trading Desk`;
    const agencies = Array.from({ length: 3 }, (_, k) => ({
      id: 10_100 + k * 7,
      name: `${catchyName(rng)} Agency`,
    }));
    const advertisers = Array.from({ length: 8 }, (_, k) => ({
      id: 120_000 + k * 13 + rng.int(0, 9),
      name: `${catchyName(rng, 0.15)} Brands`,
      agency: rng.pick(agencies),
    }));
    this.campaigns = Array.from({ length: 40 }, (_, k) => {
      const advertiser = rng.pick(advertisers);
      return {
        id: 700_000 + k * 29 + rng.int(0, 19),
        name: `${catchyName(rng, 0.1)} Q${rng.int(1, 4)}`,
        advertiser: { id: advertiser.id, name: advertiser.name },
        agency: advertiser.agency,
      };
    });
  }

  rowCount(date: string): number {
    return this.lateEntries(date)?.length ?? this.rowsPerDay(date);
  }

  /**
   * A date with late rounds (base/restatements.ts) serves, at each position, the row of another
   * base index (rows vanished, new strategy × exchange rows appended) with late conversions added.
   * The hour of a by_hour row follows its position, as for every date.
   */
  private lateEntries(date: string): { base: number; late: number }[] | undefined {
    const rounds = this.restatements.rounds(date);
    if (rounds === 0) return undefined;
    if (this.cachedLate?.date === date && this.cachedLate.rounds === rounds) return this.cachedLate.entries;
    const count = this.rowsPerDay(date);
    const entries = this.restatements.lateRows(
      date,
      Array.from({ length: count }, (_, base) => ({ base, late: 0 })),
      {
        grow: (entry, rng) => ({ ...entry, late: entry.late + rng.int(1, 5) }),
        fresh: (n) => ({ base: count + n, late: 0 }),
      },
    );
    this.cachedLate = { date, rounds, entries };
    return entries;
  }

  /** Full row `index` of `date` under `rollup`. */
  row(date: string, index: number, rollup: Rollup): MediaMathRow {
    const entry = this.lateEntries(date)?.[index];
    if (entry === undefined) return this.baseRow(date, index, index, rollup);
    const row = this.baseRow(date, entry.base, index, rollup);
    // Late post-click conversions: the conversion counts grow, nothing else.
    return {
      ...row,
      post_click_conversions: (row.post_click_conversions as number) + entry.late,
      total_conversions: (row.total_conversions as number) + entry.late,
    };
  }

  private baseRow(date: string, base: number, position: number, rollup: Rollup): MediaMathRow {
    const index = base;
    const strategy = this.strategy(Math.floor(index / EXCHANGES.length));
    const { campaign } = strategy;
    const day = this.dateContext(date);
    const hour = rollup === 'by_hour' ? Math.floor((position * HOURS_PER_DAY) / this.rowCount(date)) : 0;
    return {
      organization_id: this.organizationId,
      organization_name: this.organizationName,
      agency_id: campaign.agency.id,
      agency_name: campaign.agency.name,
      advertiser_id: campaign.advertiser.id,
      advertiser_name: campaign.advertiser.name,
      campaign_id: campaign.id,
      campaign_name: campaign.name,
      strategy_id: strategy.id,
      strategy_name: strategy.name,
      strategy_type: strategy.type,
      exchange_name: itemAt(EXCHANGES, index % EXCHANGES.length),
      ...metrics(new Prng(mixSeed(day.metricSeed, index)), strategy.type === 'VIDEO'),
      agg_timestamp: itemAt(day.hourStamps, hour),
    };
  }

  /**
   * The segments whose rows fall in [startMs, endMs), in chronological order. A slot (day or
   * hour) is in range when its truncated start is >= the truncated start_time and < end_time.
   * Asked at `asOfMs` (the simulator's clock, when it has one), a day that has not ended yields
   * only the rows that have happened by then (day-so-far.ts); without it every day is whole.
   */
  segments(rollup: Rollup, utcStartMs: number, utcEndMs: number, asOfMs?: number): Segment[] {
    // Slots are cut in the bucketing zone's wall time.
    const startMs = utcStartMs + this.offsetMs;
    const endMs = utcEndMs + this.offsetMs;
    const asOf = asOfMs === undefined ? undefined : asOfMs + this.offsetMs;
    const slotMs = rollup === 'by_day' ? MS_PER_DAY : MS_PER_HOUR;
    const firstSlot = Math.floor(startMs / slotMs) * slotMs;
    const result: Segment[] = [];
    for (
      let dayStart = Math.floor(firstSlot / MS_PER_DAY) * MS_PER_DAY;
      dayStart < endMs;
      dayStart += MS_PER_DAY
    ) {
      const date = epochMsToDate(dayStart);
      const count = this.rowCount(date);
      const happened = asOf === undefined ? count : rowsSoFar(count, asOf - dayStart, this.runningDay);
      if (rollup === 'by_day') {
        result.push({ date, from: 0, to: happened });
        continue;
      }
      const firstHour = Math.max(0, (firstSlot - dayStart) / MS_PER_HOUR);
      const lastHour = Math.min(HOURS_PER_DAY - 1, Math.ceil((endMs - dayStart) / MS_PER_HOUR) - 1);
      result.push({
        date,
        from: hourStartRow(firstHour, count),
        to: Math.min(hourStartRow(lastHour + 1, count), happened),
      });
    }
    return result.filter((segment) => segment.to > segment.from);
  }

  /** Rows of the segments in order, lazily, skipping the first `skip`. */
  *rows(segments: readonly Segment[], rollup: Rollup, skip = 0): Generator<MediaMathRow> {
    let toSkip = skip;
    for (const { date, from, to } of segments) {
      if (toSkip >= to - from) {
        toSkip -= to - from;
        continue;
      }
      for (let index = from + toSkip; index < to; index++) yield this.row(date, index, rollup);
      toSkip = 0;
    }
  }

  private strategy(index: number): Strategy {
    if (this.cachedStrategy?.index === index) return this.cachedStrategy.strategy;
    const rng = Prng.for(this.seed, 'mediamath-strategy', index);
    const type = rng.chance(0.3) ? 'VIDEO' : 'DISPLAY';
    const strategy: Strategy = {
      id: 800_000 + index,
      name: `${type === 'VIDEO' ? 'Video' : 'Display'} ${catchyName(rng)} #${index}`,
      type,
      campaign: rng.pick(this.campaigns),
    };
    this.cachedStrategy = { index, strategy };
    return strategy;
  }

  private dateContext(date: string): { metricSeed: number; hourStamps: string[] } {
    const version = this.restatements.version(date);
    if (this.cachedDate?.date !== date || this.cachedDate.version !== version) {
      const dayMs = dateToEpochMs(date);
      this.cachedDate = {
        date,
        version,
        metricSeed: hashSeed(this.seed, 'mediamath-metrics', date, version),
        hourStamps: Array.from({ length: HOURS_PER_DAY }, (_, hour) =>
          isoSeconds(dayMs - this.offsetMs + hour * MS_PER_HOUR),
        ),
      };
    }
    return this.cachedDate;
  }
}

/** Metric values of one row; video metrics only for VIDEO strategies. */
function metrics(rng: Prng, video: boolean): MediaMathRow {
  const impressions = rng.int(0, 100_000);
  const clicks = Math.floor(impressions * rng.next() * 0.01);
  const postClick = Math.floor(clicks * rng.next() * 0.05);
  const postView = Math.floor(impressions * rng.next() * 0.0002);
  const mediaCost = roundTo((impressions / 1000) * rng.decimal(0.5, 8, 4), 4);
  const videoStart = video ? Math.floor(impressions * (0.6 + rng.next() * 0.35)) : null;
  return {
    impressions,
    clicks,
    total_conversions: postClick + postView,
    post_click_conversions: postClick,
    post_view_conversions: postView,
    media_cost: mediaCost,
    total_spend: roundTo(mediaCost * (1.1 + rng.next() * 0.4), 4),
    video_start: videoStart,
    video_complete: videoStart === null ? null : Math.floor(videoStart * rng.next()),
  };
}
