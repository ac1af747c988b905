/**
 * `npm run bench`: every benchmark in sequence, a table on stdout and in bench/results.md.
 * Not part of `npm test`. Each figure is a ratio of two things measured side by side in this run.
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- parquet ...  only the named ones (fan-out, pipeline, rate-limit, parquet, memory, bundles, planning, coordination)
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, type as osType, release, totalmem } from 'node:os';
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

// The AWS SDK warns once about this Node version; it is noise in a benchmark table.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.startsWith('NodeVersionSupportWarning')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

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

/** The README's table: no notes (they are in bench/results.md), one line per figure. */
function readmeTable(rows: BenchRow[]): string {
  const cell = (text: string | undefined) => (text ?? '').replaceAll('|', '\\|');
  return [
    '| benchmark | metric | value | target | result |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.benchmark)} | ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.target)} | ${status(r)} |`,
    ),
  ].join('\n');
}

const TABLE_START = '<!-- bench:table -->';
const TABLE_END = '<!-- /bench:table -->';

/** Replaces the table between the markers of bench/README-section.md, leaving the prose alone. */
async function updateReadmeSection(rows: BenchRow[], header: string): Promise<void> {
  const path = join(BENCH_DIR, 'README-section.md');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return;
  }
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start === -1 || end < start) return;
  const table = `${TABLE_START}\n${header}\n\n${readmeTable(rows)}\n${TABLE_END}`;
  await writeFile(path, text.slice(0, start) + table + text.slice(end + TABLE_END.length));
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

function machine(): string {
  const cpu = cpus();
  return [
    `- Code: commit ${revision()}`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(totalmem() / 1024 ** 3, 1)} GB RAM, ${osType()} ${release()}`,
    `- Node ${process.version}`,
    `- Date: ${new Date().toISOString()}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected = only.length > 0 ? ALL.filter((b) => only.includes(b.name)) : ALL;
  if (selected.length === 0)
    throw new Error(`unknown benchmark; choose from ${ALL.map((b) => b.name).join(', ')}`);
  const started = Date.now();
  const rows: BenchRow[] = [];
  for (const benchmark of selected) {
    const t0 = Date.now();
    process.stdout.write(`▶ ${benchmark.name} … `);
    try {
      rows.push(...(await benchmark.run()));
      process.stdout.write(`${fmt((Date.now() - t0) / 1000, 1)} s\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`failed: ${message}\n`);
      rows.push({
        benchmark: benchmark.name,
        metric: '(whole benchmark)',
        value: 'error',
        target: '',
        pass: false,
        note: message.split('\n')[0],
      });
    }
  }
  await removeDir(TMP_DIR);
  const total = (Date.now() - started) / 1000;
  console.log(`\n${consoleTable(rows)}\n`);
  for (const row of rows.filter((r) => r.note)) console.log(`${row.benchmark} · ${row.metric}: ${row.note}`);
  const markdown = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Every figure is a ratio of two things measured side',
    'by side in the same run, so it holds up on a noisy machine; absolute times are for context.',
    '',
    machine(),
    `- Benchmarks: ${selected.map((b) => b.name).join(', ')} (${fmt(total, 0)} s in all)`,
    '',
    markdownTable(rows),
    '',
  ].join('\n');
  const path = join(BENCH_DIR, 'results.md');
  await writeFile(path, markdown);
  if (selected.length === ALL.length) {
    const cpu = cpus();
    await updateReadmeSection(
      rows,
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${fmt(totalmem() / 1024 ** 3, 0)} GB, Node ${process.version}, commit ${revision()}; ${fmt(total / 60, 1)} min in all. Notes on every figure: [bench/results.md](bench/results.md).`,
    );
  }
  console.log(`\nwrote ${path} (${fmt(total, 0)} s)`);
}

await main();
