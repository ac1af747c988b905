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
      // A perfect client sends R at once, then R more every W: the first burst is free, the rest
      // of the requests need (n - R) / R windows. Share = budget those requests needed ÷ time taken.
      const share = ((n - LIMIT) * WINDOW_SECONDS) / LIMIT / span;
      const throttled = results.reduce((sum, r) => sum + r.throttled, 0);
      const sharePass = share >= 0.9;
      return [
        {
          benchmark: '2 rate-limit use',
          metric: `budget used, R=${LIMIT} per ${WINDOW_SECONDS} s, ${n} requests (C=${CONCURRENCY}, L=${LATENCY_MS} ms)`,
          value: `${fmt(share)} (${n} requests in ${fmt(span)} s; ideal ${fmt(((n - LIMIT) * WINDOW_SECONDS) / LIMIT)} s)`,
          target: '≥ 0.90',
          pass: sharePass,
          note: sharePass
            ? `run ${fmt(seconds)} s incl. commit`
            : 'each 429 costs a Retry-After pause (≥ 1 s), and the sliding log replays the first window’s slow start (page 1 alone, then a CPU-bound ramp) in every later window. Fix: no 429s (below) and a limiter that tracks the vendor’s fixed window / reset time',
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
