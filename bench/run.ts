/**
 * `npm run bench`: every benchmark in sequence, a table on stdout and in bench/results.md.
 * Not part of `npm test`. Each figure is a ratio of two things measured side by side in this run.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- parquet ...  only the named ones (fan-out, pipeline, rate-limit, parquet, memory, bundles, planning, coordination)
 *
 * bench/results.md keeps one section per group: a run replaces the sections of the groups it ran
 * and keeps the others (bench/results-file.ts); the README's table is then derived from the file.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, type as osType, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundles } from './bundles.js';
import { coordination } from './coordination.js';
import { fanout } from './fanout.js';
import { BENCH_DIR, type Benchmark, type BenchRow, fmt, removeDir, TMP_DIR } from './lib.js';
import { memory } from './memory.js';
import { parquet } from './parquet.js';
import { pipeline } from './pipeline.js';
import { planning } from './planning.js';
import { rateLimit } from './rate-limit.js';
import {
  mergeResults,
  parseResults,
  README_TABLE_START,
  type ResultsSection,
  readmeTable,
  renderResults,
  replaceReadmeTable,
} from './results-file.js';

// The AWS SDK warns once about this Node version; it is noise in a benchmark table.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.startsWith('NodeVersionSupportWarning')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const PREAMBLE = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (bench/run.ts). Every figure is a ratio of two things measured side',
  'by side in the same run, so it holds up on a noisy machine; absolute times are for context.',
  "One section per benchmark group: `npm run bench -- <group>` replaces only that group's section,",
  'so each section carries its own commit, machine, load and date.',
].join('\n');

const ALL: Benchmark[] = [fanout, pipeline, rateLimit, parquet, memory, bundles, planning, coordination];

function status(row: BenchRow): string {
  return row.pass === undefined ? '–' : row.pass ? 'pass' : 'MISS';
}

function markdownTable(rows: BenchRow[]): string {
  const cell = (text: string | undefined) => (text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [
    '| # | metric | value | target | result | note |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.benchmark)} | ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.target)} | ${status(r)} | ${cell(r.note)} |`,
    ),
  ];
  return lines.join('\n');
}

function consoleTable(rows: BenchRow[]): string {
  const columns = [
    (r: BenchRow) => r.benchmark,
    (r: BenchRow) => r.metric,
    (r: BenchRow) => r.value,
    (r: BenchRow) => r.target,
    status,
  ];
  const header = ['benchmark', 'metric', 'value', 'target', 'result'];
  const cells = [header, ...rows.map((r) => columns.map((c) => c(r)))];
  const widths = header.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells
    .map((line, n) => {
      const text = line.map((c, i) => c.padEnd(widths[i]!)).join('  ');
      return n === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: BENCH_DIR,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../functions', '../test/simulators'], {
      cwd: BENCH_DIR,
      encoding: 'utf8',
    }).trim();
    return `${head}${dirty ? ' (with uncommitted changes in functions/ or test/simulators/)' : ''}`;
  } catch {
    return 'unknown';
  }
}

function machine(loadBefore: number[], seconds: number): string {
  const cpu = cpus();
  const load = (l: number[]) => l.map((x) => fmt(x, 2)).join(', ');
  return [
    `- Code: commit ${revision()}`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 1024 ** 3, 1)} GB RAM, ${osType()} ${release()}`,
    `- Load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(loadavg())} after`,
    `- Node ${process.version}`,
    `- Date: ${new Date().toISOString()} (${fmt(seconds, 0)} s)`,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected = only.length > 0 ? ALL.filter((b) => only.includes(b.name)) : ALL;
  if (selected.length === 0)
    throw new Error(`unknown benchmark; choose from ${ALL.map((b) => b.name).join(', ')}`);
  const started = Date.now();
  const rows: BenchRow[] = [];
  const sections: ResultsSection[] = [];
  for (const benchmark of selected) {
    const t0 = Date.now();
    const loadBefore = loadavg();
    process.stdout.write(`▶ ${benchmark.name} … `);
    let groupRows: BenchRow[];
    try {
      groupRows = await benchmark.run();
      process.stdout.write(`${fmt((Date.now() - t0) / 1000, 1)} s\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`failed: ${message}\n`);
      groupRows = [
        {
          benchmark: benchmark.name,
          metric: '(whole benchmark)',
          value: 'error',
          target: '',
          pass: false,
          note: message.split('\n')[0],
        },
      ];
    }
    rows.push(...groupRows);
    sections.push({
      name: benchmark.name,
      body: [
        `## ${benchmark.name}`,
        '',
        machine(loadBefore, (Date.now() - t0) / 1000),
        '',
        markdownTable(groupRows),
      ].join('\n'),
    });
  }
  await removeDir(TMP_DIR);
  const total = (Date.now() - started) / 1000;
  console.log(`\n${consoleTable(rows)}\n`);
  for (const row of rows.filter((r) => r.note)) console.log(`${row.benchmark} · ${row.metric}: ${row.note}`);
  const path = join(BENCH_DIR, 'results.md');
  const previous = parseResults(await readFile(path, 'utf8').catch(() => PREAMBLE));
  const merged = mergeResults(
    previous,
    sections,
    ALL.map((b) => b.name),
  );
  await writeFile(path, renderResults(merged));
  const readmePath = join(BENCH_DIR, '..', 'README.md');
  const readme = replaceReadmeTable(await readFile(readmePath, 'utf8'), readmeTable(merged));
  if (readme === undefined)
    console.log(`README.md has no ${README_TABLE_START} marker: its table is not updated`);
  else await writeFile(readmePath, readme);
  console.log(`\nwrote ${path} and README.md's table (${fmt(total, 0)} s)`);
}

await main();
