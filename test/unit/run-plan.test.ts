import { describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { planningInstant, runIdFor } from '../../functions/engine/run/run-id.js';
import { partitionsFor } from '../../functions/engine/run/run-plan.js';
import type { SourceSettings } from '../../functions/engine/run/source-runtime.js';

/** A TrackMaster source in Los Angeles: one daily report, one snapshot (the campaign list). */
const settings = {
  name: 'tm_la',
  connector: CONNECTORS.trackmaster!,
  timezone: 'America/Los_Angeles',
  lookbackDays: 2,
  reports: ['daily_reports', 'campaigns'],
} as unknown as SourceSettings;

/** What one delivery of `event` plans when it arrives at `now`, as the planner does. */
function planned(event: Parameters<typeof planningInstant>[0], dates: string[], now: Date): string[] {
  const at = planningInstant(event, now);
  return partitionsFor(settings, dates, runIdFor(event, now), at).map((p) => `${p.report}/${p.date}`);
}

describe('the partitions of a run', () => {
  // 23:59:30 on 4 June in Los Angeles; a retry arrives at 00:20 on 5 June there.
  const requestedAt = '2025-06-05T06:59:30Z';
  const onTime = new Date('2025-06-05T06:59:40Z');
  const late = new Date('2025-06-05T07:20:00Z');

  it('a backfill takes each snapshot once, dated from its request time, so a retry past midnight plans the same partitions', () => {
    const event = { source: 'tm_la', from: '2025-05-01', to: '2025-05-02', requestedAt };
    const dates = ['2025-05-01', '2025-05-02'];
    const first = planned(event, dates, onTime);
    expect(first).toEqual(['daily_reports/2025-05-01', 'daily_reports/2025-05-02', 'campaigns/2025-06-04']);
    expect(planned(event, dates, late)).toEqual(first);
    expect(runIdFor(event, late)).toBe(runIdFor(event, onTime));
  });

  it('a scheduled run dates its snapshot from its scheduled time; a run without a time from the clock', () => {
    const scheduled = { source: 'tm_la', scheduledTime: requestedAt };
    expect(planned(scheduled, ['2025-06-03'], late)).toContain('campaigns/2025-06-04');
    expect(planned({ source: 'tm_la' }, ['2025-06-03'], late)).toContain('campaigns/2025-06-05');
    // A backfill event without a request time (hand-made) has only the clock.
    const bare = { source: 'tm_la', from: '2025-05-01', to: '2025-05-01' };
    expect(planned(bare, ['2025-05-01'], late)).toContain('campaigns/2025-06-05');
  });
});
