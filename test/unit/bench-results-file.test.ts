import { describe, expect, it } from 'vitest';
import {
  mergeResults,
  parseResults,
  readmeTable,
  renderResults,
  replaceReadmeTable,
  tableCells,
} from '../../bench/results-file.js';

const ORDER = ['fan-out', 'parquet', 'memory'];

function section(name: string, date: string, rows: string[]): string {
  return [
    `<!-- bench:group ${name} -->`,
    `## ${name}`,
    '',
    '- Code: commit abc1234',
    `- Date: ${date}`,
    '',
    '| # | metric | value | target | result | note |',
    '|---|---|---|---|---|---|',
    ...rows,
    `<!-- /bench:group ${name} -->`,
  ].join('\n');
}

const PREVIOUS = [
  '# Benchmark results',
  '',
  'Preamble kept as it is.',
  '',
  section('fan-out', '2026-11-30T10:00Z', ['| 1 fan-out | ratio | 0.70 | ≥ 0.95 | MISS | old note |']),
  '',
  section('parquet', '2026-11-30T11:00Z', [
    '| 3 parquet | speed | 0.45 (a \\| b) | ≥ 0.50 | MISS | kept note |',
    '| 3 parquet | size | 0.83 | ≤ 1.30 | pass | |',
  ]),
  '',
].join('\n');

describe('bench/results.md merge', () => {
  it('a group run replaces only its own section and keeps the others with their provenance', () => {
    const fresh = parseResults(
      section('fan-out', '2026-12-01T04:00Z', ['| 1 fan-out | ratio | 0.96 | ≥ 0.95 | pass | new note |']),
    ).sections;
    const merged = renderResults(mergeResults(parseResults(PREVIOUS), fresh, ORDER));
    expect(merged).toContain('Preamble kept as it is.');
    expect(merged).toContain('| 1 fan-out | ratio | 0.96 | ≥ 0.95 | pass | new note |');
    expect(merged).not.toContain('old note');
    expect(merged).not.toContain('2026-11-30T10:00Z');
    // parquet was not run: its rows and its own date are kept, byte for byte.
    expect(merged).toContain(parseResults(PREVIOUS).sections[1]!.body);
    expect(merged).toContain('2026-11-30T11:00Z');
    expect(parseResults(merged).sections.map((s) => s.name)).toEqual(['fan-out', 'parquet']);
  });

  it('a group not in the file yet is added in the benchmarks order, and a re-render is stable', () => {
    const fresh = parseResults(
      section('memory', '2026-12-01T04:10Z', ['| 4 memory | rss | 150 MB | < 256 MB | pass | |']),
    ).sections;
    const once = renderResults(mergeResults(parseResults(PREVIOUS), fresh, ORDER));
    expect(parseResults(once).sections.map((s) => s.name)).toEqual(['fan-out', 'parquet', 'memory']);
    expect(renderResults(parseResults(once))).toBe(once);
  });

  it("the README's table holds every section's rows without notes, and each group's date", () => {
    const table = readmeTable(parseResults(PREVIOUS));
    expect(table).toContain('fan-out 2026-11-30T10:00Z; parquet 2026-11-30T11:00Z');
    expect(table).toContain('| 1 fan-out | ratio | 0.70 | ≥ 0.95 | MISS |');
    expect(table).toContain('| 3 parquet | speed | 0.45 (a \\| b) | ≥ 0.50 | MISS |');
    expect(table).not.toContain('old note');
    expect(table).not.toContain('kept note');
    expect(table).not.toContain('| # |');
  });

  it('replaces only what lies between the README markers', () => {
    const readme = 'before\n<!-- bench:table -->\nstale\n<!-- /bench:table -->\nafter\n';
    expect(replaceReadmeTable(readme, 'fresh')).toBe(
      'before\n<!-- bench:table -->\nfresh\n<!-- /bench:table -->\nafter\n',
    );
    expect(replaceReadmeTable('no markers', 'fresh')).toBeUndefined();
  });

  it('splits table cells on unescaped pipes only', () => {
    expect(tableCells('| a | b \\| c | d |')).toEqual(['a', 'b \\| c', 'd']);
  });
});
