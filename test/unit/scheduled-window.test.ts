import { describe, expect, it } from 'vitest';
import { addDays, dayBoundsUtc, scheduledDates } from '../../functions/engine/run/report-dates.js';
import { scheduledWindow } from '../../functions/engine/run/scheduled-window.js';

const HOUR_MS = 3_600_000;

/** The instant of `hours` past midnight of `date` in `zone` (a schedule's run time, fixed). */
function at(date: string, zone: string, hours: number): Date {
  return new Date(Date.parse(dayBoundsUtc(date, zone).start) + hours * HOUR_MS);
}

describe("a scheduled run's dates of a report whose days are cut in another zone", () => {
  it("defers the source's yesterday while its UTC day runs (Tokyo, 01:00 on the 2nd: the UTC 1st ends at 09:00), and plans it the next day", () => {
    const first = scheduledWindow('Asia/Tokyo', 'UTC', 0, new Date('2026-12-01T16:00:00Z'));
    expect(first).toEqual({
      dates: ['2026-11-30'],
      deferred: [{ date: '2026-12-01', zone: 'UTC', endsAt: '2026-12-02T00:00:00Z' }],
    });
    const next = scheduledWindow('Asia/Tokyo', 'UTC', 0, new Date('2026-12-02T16:00:00Z'));
    expect(next.dates).toEqual(['2026-12-01']);
    // After 09:00 in Tokyo the UTC 1st has ended: nothing deferred, and the window reaches back one
    // date more, the one a run earlier that day (at 01:00) would have deferred.
    const late = scheduledWindow('Asia/Tokyo', 'UTC', 2, new Date('2026-12-02T01:00:00Z'));
    expect(late).toEqual({ dates: ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'], deferred: [] });
  });

  it("is the source's window when the data zone's days end no later than the source's", () => {
    const instants = ['2024-03-01T23:30:00Z', '2024-03-31T01:30:00Z', '2024-10-27T00:30:00Z'].map(
      (iso) => new Date(iso),
    );
    for (const now of instants)
      for (const [source, data] of [
        ['Europe/Berlin', 'Europe/Berlin'],
        ['UTC', 'UTC'],
        ['America/Los_Angeles', 'UTC'],
        ['America/New_York', 'Asia/Tokyo'],
      ] as const)
        expect(scheduledWindow(source, data, 2, now)).toEqual({
          dates: scheduledDates(source, 2, now),
          deferred: [],
        });
  });

  /**
   * Runs at one local time, through every daylight-saving change of the zones below (March-April
   * and late September to November 2025), with no look-back: every date is planned, none before
   * its day ended in the data zone (a deferred one by a later run). Each pair puts a run near the
   * data zone's midnight on some days of the year.
   */
  const SEASONS: [string, string][] = [
    ['2025-03-01', '2025-04-15'],
    ['2025-09-25', '2025-11-10'],
  ];
  it.each([
    { source: 'Asia/Tokyo', data: 'UTC', hours: [1, 6, 8.5, 9.5] },
    { source: 'Europe/Berlin', data: 'UTC', hours: [0.5, 1.5, 2.5] },
    { source: 'Europe/London', data: 'UTC', hours: [0.5, 1.5] },
    { source: 'Australia/Sydney', data: 'America/New_York', hours: [0.5, 13.5, 15.5, 16.5] },
    { source: 'Pacific/Kiritimati', data: 'Pacific/Pago_Pago', hours: [0.5, 12, 23.5] },
  ])('never skips a date nor plans one unfinished: $source, data cut in $data', ({ source, data, hours }) => {
    for (const [from, to] of SEASONS)
      for (const hour of [...hours, 'every 6 hours' as const]) {
        const runs: Date[] = [];
        for (let day = from; day <= to; day = addDays(day, 1)) {
          if (hour === 'every 6 hours')
            for (const h of [0.25, 6.25, 12.25, 18.25]) runs.push(at(day, source, h));
          else runs.push(at(day, source, hour));
        }
        const planned = new Set<string>();
        for (const now of runs) {
          const window = scheduledWindow(source, data, 0, now);
          for (const date of window.dates) {
            if (Date.parse(dayBoundsUtc(date, data).end) > now.getTime())
              throw new Error(`${date} planned at ${now.toISOString()}, before its day ended in ${data}`);
            planned.add(date);
          }
          for (const { endsAt } of window.deferred) expect(Date.parse(endsAt)).toBeGreaterThan(now.getTime());
        }
        const skipped: string[] = [];
        for (let date = addDays(from, 1); date <= addDays(to, -3); date = addDays(date, 1))
          if (!planned.has(date)) skipped.push(date);
        expect(skipped, `runs at ${hour} in ${source}`).toEqual([]);
      }
  });
});
