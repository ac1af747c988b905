/**
 * A clock for the deployed handlers (AwsClients.now) that starts at 08:00 UTC on a fixed day and
 * runs with real time: snapshot reports (TUNE's entities, TrackMaster's campaigns) are keyed by
 * that day however late the test runs, so no run of a test straddles a real midnight; `pass`
 * moves it forward (a dead commit claim's 16 minutes, without waiting them).
 */
export function testClock(day = '2024-07-01') {
  const start = Date.parse(`${day}T08:00:00Z`);
  const began = Date.now();
  let skip = 0;
  return {
    day,
    now: () => new Date(start + skip + (Date.now() - began)),
    /** Moves the clock forward, as if that long had passed. */
    pass(ms: number) {
      skip += ms;
    },
  };
}
