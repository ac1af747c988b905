/**
 * 2. Rate-limit use: the Adcloud simulator enforces R requests per fixed window W (every request
 * counts, token grants included); the source's config declares the same `rateLimit`, so the
 * engine's client-side limiter should keep just under it. Measured: the share of the budget the
 * run used between its first and last request, and the requests the vendor refused.
 */
import { join } from 'node:path';
import { runLocal } from '../functions/local/local-run.js';
import { type Benchmark, elapsedSeconds, fmt, removeDir, simulatorConfig, tempDir } from './lib.js';
import { startSimulatorProcess } from './sim-process.js';

// 10 requests/s: well under what the engine can do with 200-row pages on this machine (~25/s at
// C=8), so the limiter, not the CPU, is what is measured.
const LIMIT = 30;
const WINDOW_SECONDS = 3;
const PAGES = 150; // + 1 token grant = 151 requests ≈ 5 windows
const LATENCY_MS = 20;
const CONCURRENCY = 8;

export const rateLimit: Benchmark = {
  name: 'rate-limit',
  async run() {
    const simulator = await startSimulatorProcess('adcloud', {
      latencyMs: LATENCY_MS,
      rowsPerDate: PAGES * 200,
      rateLimit: { limit: LIMIT, windowMs: WINDOW_SECONDS * 1000 },
    });
    const dir = await tempDir('rate');
    try {
      const { config, env } = simulatorConfig(
        {
          name: 'bench_adcloud',
          connector: 'adcloud',
          baseUrl: simulator.url,
          concurrency: CONCURRENCY,
          rateLimit: { requests: LIMIT, windowSeconds: WINDOW_SECONDS },
          format: 'parquet',
        },
        simulator.credentials,
      );
      const started = process.hrtime.bigint();
      const results = await runLocal({
        config,
        configDir: dir,
        outDir: join(dir, 'lake'),
        stateDir: join(dir, 'state'),
        env,
        dates: ['2026-11-01'],
      });
      const seconds = elapsedSeconds(started);
      const failed = results.find((r) => r.status !== 'written');
      if (failed) throw new Error(`rate-limit run failed: ${failed.error}`);
      const stats = await simulator.stats();
      const times = stats.requestLog.map((entry) => entry.at).sort((a, b) => a - b);
      const span = (times[times.length - 1]! - times[0]!) / 1000;
      const n = times.length;
      // The vendor's fixed windows: one opens with the first request after the last one closed.
      const windows: number[] = [];
      let windowEnd = Number.NEGATIVE_INFINITY;
      for (const at of times) {
        if (at >= windowEnd) {
          windows.push(0);
          windowEnd = at + WINDOW_SECONDS * 1000;
        }
        windows[windows.length - 1]!++;
      }
      // n requests need at least ceil(n/R) windows, so the last of them can start no earlier than
      // (ceil(n/R) - 1)·W after the first: that over the time the run took is the budget share.
      const ideal = (Math.ceil(n / LIMIT) - 1) * WINDOW_SECONDS;
      const share = ideal / span;
      const throttled = results.reduce((sum, r) => sum + r.throttled, 0);
      const sharePass = share >= 0.9;
      return [
        {
          benchmark: '2 rate-limit use',
          metric: `budget used: fewest seconds R=${LIMIT} per ${WINDOW_SECONDS} s allows for the run's ${n} requests ÷ seconds taken (C=${CONCURRENCY}, L=${LATENCY_MS} ms)`,
          value: `${fmt(share)} (${fmt(ideal)} s vs ${fmt(span)} s; requests per vendor window ${windows.join('/')})`,
          target: '≥ 0.90',
          pass: sharePass,
          note: sharePass
            ? `every vendor window filled; run ${fmt(seconds)} s incl. commit`
            : 'windows left partly unused (see the per-window counts); a 429 costs a Retry-After pause. Fix: no 429s (below) and a limiter that follows the vendor’s reset time',
        },
        {
          benchmark: '2 rate-limit use',
          metric: 'requests refused by the vendor (429)',
          value: `${stats.refused} (client retries after 429: ${throttled})`,
          target: '0',
          pass: stats.refused === 0,
          note:
            stats.refused === 0
              ? undefined
              : 'the limiter stamps a request when it is granted, not when the vendor counts it; the cold first request (token grant on a new connection) reached the vendor tens of ms after its stamp, so one vendor window held R+1. Fix: stamp grants on completion, or keep a margin (1 request or ~100 ms)',
        },
      ];
    } finally {
      await simulator.close();
      await removeDir(dir);
    }
  },
};
