/**
 * 1. Fan-out efficiency: N pages behind the Adcloud simulator (latency L per request, run in its
 * own process so the vendor's CPU is not charged to the engine) fetched by the real local engine
 * (runLocal: plan → pages through the work pool → commit) with concurrency C, against the bound
 * N·L/C, and against the same run with concurrency 1.
 */
import { join } from 'node:path';
import { runLocal } from '../functions/local/local-run.js';
import {
  type Benchmark,
  type BenchRow,
  elapsedSeconds,
  fmt,
  removeDir,
  simulatorConfig,
  tempDir,
} from './lib.js';
import { startSimulatorProcess } from './sim-process.js';

const PAGES = 200;
const PAGE_SIZE = 200; // the Adcloud connector's per_page
const DATE = '2026-11-01';

export interface FanoutRun {
  pages: number;
  latencyMs: number;
  concurrency: number;
  seconds: number;
  dataRequests: number;
  requests: number;
  rows: number;
  /** CPU time of this (engine) process per data request, ms. */
  cpuMsPerPage: number;
  /** CPU per page up to the last page staged (fetch, validate, stage; no commit), ms. */
  fetchCpuMsPerPage: number;
  /** Start → last page staged. */
  fetchSeconds: number;
  /** Last page staged → partition committed. */
  commitSeconds: number;
  /** Pages written to the partition's object before its commit began (the overlapped write). */
  overlapped: number;
}

export async function fanoutRun(concurrency: number, latencyMs: number, pages = PAGES): Promise<FanoutRun> {
  const simulator = await startSimulatorProcess('adcloud', { latencyMs, rowsPerDate: pages * PAGE_SIZE });
  const dir = await tempDir('fanout');
  try {
    const { config, env } = simulatorConfig(
      { name: 'bench_adcloud', connector: 'adcloud', baseUrl: simulator.url, concurrency, format: 'parquet' },
      simulator.credentials,
    );
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let lastPage = 0;
    let fetchCpu = { user: 0, system: 0 };
    const results = await runLocal(
      {
        config,
        configDir: dir,
        outDir: join(dir, 'lake'),
        stateDir: join(dir, 'state'),
        env,
        dates: [DATE],
      },
      {
        onEvent: (event) => {
          if (event.type === 'page') {
            lastPage = elapsedSeconds(started);
            fetchCpu = process.cpuUsage(cpu);
          }
        },
      },
    );
    const seconds = elapsedSeconds(started);
    const used = process.cpuUsage(cpu);
    const failed = results.find((r) => r.status !== 'written');
    if (failed) throw new Error(`fan-out run failed: ${failed.error}`);
    const stats = await simulator.stats();
    return {
      pages,
      latencyMs,
      concurrency,
      seconds,
      dataRequests: stats.dataRequests,
      requests: stats.requests,
      rows: results.reduce((n, r) => n + r.rows, 0),
      cpuMsPerPage: (used.user + used.system) / 1000 / stats.dataRequests,
      fetchCpuMsPerPage: (fetchCpu.user + fetchCpu.system) / 1000 / stats.dataRequests,
      fetchSeconds: lastPage,
      commitSeconds: seconds - lastPage,
      overlapped: results.reduce((n, r) => n + (r.overlapped ?? 0), 0),
    };
  } finally {
    await simulator.close();
    await removeDir(dir);
  }
}

/**
 * The harness's own ceiling: the same pages fetched by a bare loop (fetch + JSON.parse, C at a
 * time, token grant first) from the same simulator setup. What the engine loses beyond this is
 * the engine's; what this loses against N·L/C is the simulator's (one process building pages).
 */
export async function rawFetchRun(concurrency: number, latencyMs: number, pages = PAGES): Promise<number> {
  const simulator = await startSimulatorProcess('adcloud', { latencyMs, rowsPerDate: pages * PAGE_SIZE });
  try {
    const started = process.hrtime.bigint();
    const grant = await fetch(`${simulator.url}/v1/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...simulator.credentials, grant_type: 'none' }).toString(),
    });
    const { access_token: token } = (await grant.json()) as { access_token: string };
    let next = 1;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next <= pages) {
          const page = next++;
          const url = `${simulator.url}/v1/reports/advertiser?filter%5Bdate%5D=${DATE}&page=${page}&per_page=${PAGE_SIZE}`;
          const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
          const body = JSON.parse(await response.text()) as { result: unknown[] };
          if (!response.ok || body.result.length !== PAGE_SIZE)
            throw new Error(`raw fetch of page ${page} failed`);
        }
      }),
    );
    return elapsedSeconds(started);
  } finally {
    await simulator.close();
  }
}

function efficiencyRow(run: FanoutRun, label: string, rawSeconds: number): BenchRow {
  const n = run.dataRequests;
  const bound = (n * run.latencyMs) / 1000 / run.concurrency;
  const efficiency = bound / run.seconds;
  // Adcloud's page 1 carries the total, so the token grant and page 1 necessarily run alone.
  const reachable = bound / ((2 * run.latencyMs) / 1000 + ((n - 1) * run.latencyMs) / 1000 / run.concurrency);
  const pass = efficiency >= 0.85;
  const rounds = n / run.concurrency;
  const roundMs = (run.fetchSeconds / rounds) * 1000;
  const rawRoundMs = (rawSeconds / rounds) * 1000;
  const harness = bound / rawSeconds;
  const phases = `fetch ${fmt(run.fetchSeconds)} s + commit ${fmt(run.commitSeconds)} s after the last page (${run.overlapped} of ${n} pages written while fetching)`;
  return {
    benchmark: `1 fan-out (CLI${label})`,
    metric: `N·L/C ÷ wall, N=${n} pages, L=${run.latencyMs} ms, C=${run.concurrency}`,
    value: `${fmt(efficiency)} (${fmt(run.seconds)} s vs ${fmt(bound)} s)`,
    target: '≥ 0.85',
    pass,
    note: pass
      ? `${phases}; ${run.rows} rows committed to Parquet; engine CPU ${fmt(run.cpuMsPerPage, 1)} ms/page; reachable best ${fmt(reachable)} (token + page 1 run alone); a bare fetch loop on the same simulator reaches ${fmt(harness)}`
      : `${phases} (${run.rows} rows). Harness ceiling: a bare fetch loop on the same simulator reaches ${fmt(harness)} (${fmt(rawSeconds)} s); the engine's fetch phase alone takes ${fmt(run.fetchSeconds / rawSeconds)}× the bare loop. The engine spends ${fmt(run.fetchCpuMsPerPage, 1)} ms CPU per page fetched (parse, validate, digest, stage; ${fmt(run.cpuMsPerPage, 1)} with the commit), ${fmt((100 * run.fetchCpuMsPerPage * n) / 1000 / run.fetchSeconds, 0)} % of one core over the fetch phase. Each page's staging (its files closed and renamed, the completeness check) runs beside its worker's next request, at most C pages staging at once, and each staged page is written to the partition's object while the next pages are fetched (local-runner.ts, overlapped-write.ts). A round of C pages takes ${fmt(roundMs, 0)} ms (bare loop ${fmt(rawRoundMs, 0)}, L ${run.latencyMs}). After the last page: that page, the checks and the publishing (encoding the row group, three fsyncs)`,
  };
}

/** The figure: the engine against a bare fetch loop on the same simulator, same run. */
function engineVsBareRow(run: FanoutRun, rawSeconds: number): BenchRow {
  const ratio = rawSeconds / run.seconds;
  // Even with no cost per page, a one-partition run pays its commit after the last page.
  const withCommitOnly = rawSeconds / (rawSeconds + run.commitSeconds);
  return {
    benchmark: '1 fan-out (CLI)',
    metric: `engine ÷ a bare fetch loop on the same simulator, N=${run.dataRequests} pages, L=${run.latencyMs} ms, C=${run.concurrency} (wall)`,
    value: `${fmt(ratio)} (${fmt(run.seconds)} s vs ${fmt(rawSeconds)} s)`,
    target: '≥ 0.95',
    pass: ratio >= 0.95,
    note: `fetch phase ${fmt(run.fetchSeconds / rawSeconds)}× the bare loop (a worker's vendor slot is freed once its response is read, before the page is staged); ${run.overlapped} of ${run.dataRequests} pages were profiled and handed to the Parquet writer while the next pages were fetched (from the rows each page staged, without parsing it again) (local-runner.ts, overlapped-write.ts), so the commit after the last page took ${fmt(run.commitSeconds)} s for ${run.rows} rows (that page, the completeness and count checks, encoding the row group, three fsyncs), which alone bounds this at ${fmt(withCommitOnly)}`,
  };
}

export const fanout: Benchmark = {
  name: 'fan-out',
  async run() {
    // Warm-up (JIT, module loading, first sockets) so the timed runs compare like with like.
    await fanoutRun(4, 10, 10);
    const parallel = await fanoutRun(4, 100);
    const parallelRaw = await rawFetchRun(4, 100);
    const sequential = await fanoutRun(1, 100);
    const realistic = await fanoutRun(8, 400);
    const realisticRaw = await rawFetchRun(8, 400);
    const speedup = sequential.seconds / parallel.seconds;
    const speedupPass = speedup >= 0.85 * parallel.concurrency;
    const rows: BenchRow[] = [
      engineVsBareRow(parallel, parallelRaw),
      efficiencyRow(parallel, '', parallelRaw),
      {
        benchmark: '1 fan-out (CLI)',
        metric: `speed-up vs concurrency 1 (same ${sequential.dataRequests} pages, L=${sequential.latencyMs} ms)`,
        value: `${fmt(speedup)}× (${fmt(sequential.seconds)} s sequential)`,
        target: `≥ 0.85·C = ${fmt(0.85 * parallel.concurrency, 1)}×`,
        pass: speedupPass,
        note: speedupPass
          ? undefined
          : `sequential is ${fmt(sequential.seconds / ((sequential.dataRequests * sequential.latencyMs) / 1000))} of its own bound; the parallel run loses to latency per page and the commit (see above)`,
      },
      efficiencyRow(realistic, ', slower vendor', realisticRaw),
    ];
    return rows;
  },
};
