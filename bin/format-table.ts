import { printable } from '../functions/engine/index.js';

/**
 * A plain-text table with right-aligned numbers, for terminals and logs alike. Cells are vendor
 * data: control characters are shown escaped, never sent to the terminal.
 */
export function formatTable(rawHeaders: string[], rawRows: (string | number)[][]): string {
  const headers = rawHeaders.map((h) => printable(h));
  const rows = rawRows.map((r) =>
    r.map((cell) => (typeof cell === 'number' ? cell : printable(String(cell)))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells: (string | number)[]) =>
    cells
      .map((cell, i) =>
        typeof cell === 'number' ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatValue(value: unknown): string | number {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toFixed(4));
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
