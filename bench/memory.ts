/**
 * 4. Memory: peak RSS of a fresh engine process while it streams an N-row MediaMath NDJSON report
 * (streaming mode: one response for the day) into one Parquet partition, for growing N. The
 * vendor simulator runs in its own process; the engine child is bundled with esbuild and run by
 * plain node, as a Lambda would run it (no tsx transpiler in the measured process).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import {
  type Benchmark,
  type BenchRow,
  fmt,
  fmtInt,
  mb,
  REPO_DIR,
  removeDir,
  TMP_DIR,
  tempDir,
} from './lib.js';
import { startSimulatorProcess } from './sim-process.js';

const SIZES = (process.env.BENCH_MEMORY_ROWS ?? '100000,1000000').split(',').map(Number);
const CAPPED_OLD_SPACE_MB = 128;
const LIMIT_BYTES = 256 * 1024 * 1024;
const DATE = '2026-11-01';
const CHILD = join(TMP_DIR, 'memory-child.mjs');

interface ChildResult {
  rows: number;
  requests: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  baselineRss: number;
  maxRss: number;
}

async function bundleChild(): Promise<void> {
  await build({
    entryPoints: [join(REPO_DIR, 'bench', 'memory-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
}

async function measure(rows: number, flags: string[]): Promise<ChildResult> {
  const simulator = await startSimulatorProcess('test/simulators/mediamath/mediamath.js#startMediaMath', {
    rowsPerDay: rows,
  });
  const dir = await tempDir('memory');
  try {
    const input = {
      url: simulator.url,
      credentials: simulator.credentials,
      organizationId: 100_048, // the simulator's default organization
      outDir: dir,
      date: DATE,
    };
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, CHILD, JSON.stringify(input)], {
      cwd: REPO_DIR,
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
  } finally {
    await simulator.close();
    await removeDir(dir);
  }
}

/** Default V8 heap sizing (what the CLI gets), then an old space capped as a small Lambda would want it. */
const PASSES = [
  { label: 'default heap', flags: [] as string[] },
  {
    label: `old space capped at ${CAPPED_OLD_SPACE_MB} MB`,
    flags: [`--max-old-space-size=${CAPPED_OLD_SPACE_MB}`],
  },
];

export const memory: Benchmark = {
  name: 'memory',
  async run() {
    await bundleChild();
    const rows: BenchRow[] = [];
    for (const pass of PASSES) {
      const measured: ChildResult[] = [];
      for (const size of SIZES) measured.push(await measure(size, pass.flags));
      const first = measured[0]!;
      const last = measured[measured.length - 1]!;
      const growth = last.maxRss / first.maxRss;
      const flat = growth <= 1.25;
      const under = measured.every((m) => m.maxRss < LIMIT_BYTES);
      for (const m of measured) {
        if (m.rows !== SIZES[measured.indexOf(m)])
          throw new Error(`expected ${SIZES[measured.indexOf(m)]} rows, got ${m.rows}`);
        rows.push({
          benchmark: `4 memory (${pass.label})`,
          metric: `peak RSS, ${fmtInt(m.rows)}-row MediaMath stream → one Parquet partition`,
          value: `${mb(m.maxRss)} (${fmt(m.seconds, 1)} s, ${fmtInt(m.rows / m.seconds)} rows/s, engine CPU ${fmt(m.cpuSeconds, 1)} s)`,
          target: '< 256 MB',
          pass: m.maxRss < LIMIT_BYTES,
          note:
            m.maxRss < LIMIT_BYTES
              ? `fresh process, ${m.requests} data request(s); RSS after imports ${mb(m.baselineRss)}`
              : `RSS after imports ${mb(m.baselineRss)}; V8 lets garbage pile up towards its default old-space size before collecting (compare the capped pass). Fix: --max-old-space-size (Lambda: NODE_OPTIONS) ≈ half the memory budget`,
        });
      }
      rows.push({
        benchmark: `4 memory (${pass.label})`,
        metric: `flatness: peak at ${fmtInt(last.rows)} ÷ peak at ${fmtInt(first.rows)} rows`,
        value: `${fmt(growth)}×`,
        target: '≤ 1.25×',
        pass: flat,
        note: flat
          ? under
            ? `bounded: the stream is read line by line, staged in batches and committed in row groups; the residual +${mb(last.maxRss - first.maxRss)} is per-row state kept for the whole partition (the unique-key check)`
            : undefined
          : 'grows with N under the default heap: V8 defers collection while it may grow, so garbage, not live data, fills the heap (the capped pass holds the same runs flat). Fix: cap the old space',
      });
    }
    if (!SIZES.includes(3_000_000)) {
      rows.push({
        benchmark: '4 memory',
        metric: '3,000,000 rows',
        value: 'not in the default run',
        target: '< 256 MB',
        note: 'left out to keep `npm run bench` to a few minutes; run BENCH_MEMORY_ROWS=100000,1000000,3000000 npm run bench',
      });
    }
    return rows;
  },
};
