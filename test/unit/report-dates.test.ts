import { describe, expect, it } from 'vitest';
import { DateRangeError } from '../../functions/engine/errors.js';
import { dateRange, dayBoundsUtc, scheduledDates, todayIn } from '../../functions/engine/run/report-dates.js';

describe('report dates', () => {
  // 23:30 UTC on 1 March is already 2 March in Berlin and still 1 March in Los Angeles.
  const now = new Date('2024-03-01T23:30:00Z');

  it('takes "today" in the source time zone, not the machine', () => {
    expect(todayIn('Europe/Berlin', now)).toBe('2024-03-02');
    expect(todayIn('America/Los_Angeles', now)).toBe('2024-03-01');
    expect(todayIn('UTC', now)).toBe('2024-03-01');
  });

  it('schedules yesterday plus the look-back days, oldest first', () => {
    expect(scheduledDates('Europe/Berlin', 2, now)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(scheduledDates('America/Los_Angeles', 0, now)).toEqual(['2024-02-29']);
  });

  it('validates explicit ranges', () => {
    expect(dateRange('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(() => dateRange('2024-03-02', '2024-03-01')).toThrow(/reversed/);
    expect(() => dateRange('2023-02-29', '2023-03-01')).toThrow(/not a date/);
    expect(() => dateRange('2020-01-01', '2024-01-01')).toThrow(/at most 366/);
  });

  it("names the range's ends, never a CLI flag (a bad Lambda event must not read as a bad --from)", () => {
    const errors = [
      ['2024-13-01', '2024-12-02'],
      ['2024-12-01', 'tomorrow'],
      ['2024-03-02', '2024-03-01'],
      ['2020-01-01', '2024-01-01'],
    ].map(([from, to]) => {
      try {
        dateRange(from!, to!);
      } catch (error) {
        return error;
      }
      throw new Error(`${from}..${to} was accepted`);
    });
    for (const error of errors) {
      expect(error).toBeInstanceOf(DateRangeError);
      expect((error as Error).message).not.toMatch(/--/);
    }
    expect(errors.map((e) => [(e as DateRangeError).problem, (e as DateRangeError).end])).toEqual([
      ['not-a-date', 'from'],
      ['not-a-date', 'to'],
      ['reversed', undefined],
      ['too-long', undefined],
    ]);
    expect((errors[1] as Error).message).toBe(
      'the range\'s last date "tomorrow" is not a date in the form YYYY-MM-DD',
    );
  });

  it('gives a local day as UTC instants, across daylight-saving changes', () => {
    expect(dayBoundsUtc('2024-07-01', 'Europe/Berlin')).toEqual({
      start: '2024-06-30T22:00:00Z',
      end: '2024-07-01T22:00:00Z',
    });
    // 31 March 2024: Berlin springs forward, the day has 23 hours.
    expect(dayBoundsUtc('2024-03-31', 'Europe/Berlin')).toEqual({
      start: '2024-03-30T23:00:00Z',
      end: '2024-03-31T22:00:00Z',
    });
    expect(dayBoundsUtc('2024-11-03', 'America/New_York')).toEqual({
      start: '2024-11-03T04:00:00Z',
      end: '2024-11-04T05:00:00Z',
    });
    expect(dayBoundsUtc('2024-07-01', 'UTC')).toEqual({
      start: '2024-07-01T00:00:00Z',
      end: '2024-07-02T00:00:00Z',
    });
  });
});
