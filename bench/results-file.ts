/**
 * bench/results.md as one section per benchmark group, so that `npm run bench -- <group>` replaces
 * only the sections of the groups it ran and keeps every other group's rows with their own
 * provenance (commit, machine, date). The README's table is derived from the merged file, never
 * written by hand: README and results.md cannot disagree.
 *
 * A section is delimited by `<!-- bench:group NAME -->` … `<!-- /bench:group NAME -->`; what lies
 * outside the sections (the title and the file's preamble) is kept as it is.
 */

/** One group's section: its name (as on the command line) and its markdown, markers excluded. */
export interface ResultsSection {
  name: string;
  body: string;
}

export interface ResultsFile {
  /** Text before the first section. */
  preamble: string;
  sections: ResultsSection[];
}

const open = (name: string) => `<!-- bench:group ${name} -->`;
const close = (name: string) => `<!-- /bench:group ${name} -->`;
const SECTION = /<!-- bench:group ([\w-]+) -->\n([\s\S]*?)\n<!-- \/bench:group \1 -->/g;

export function parseResults(text: string): ResultsFile {
  const sections: ResultsSection[] = [];
  let first = -1;
  for (const match of text.matchAll(SECTION)) {
    if (first === -1) first = match.index;
    sections.push({ name: match[1]!, body: match[2]! });
  }
  return { preamble: first === -1 ? text.trimEnd() : text.slice(0, first).trimEnd(), sections };
}

export function renderResults(file: ResultsFile): string {
  const parts = [file.preamble, ...file.sections.map((s) => `${open(s.name)}\n${s.body}\n${close(s.name)}`)];
  return `${parts.join('\n\n')}\n`;
}

/**
 * The previous file with the sections of the groups just run replaced (or added), every other
 * section kept unchanged; sections in `order` (the order of the benchmarks), unknown names last.
 */
export function mergeResults(previous: ResultsFile, fresh: ResultsSection[], order: string[]): ResultsFile {
  const byName = new Map(previous.sections.map((s) => [s.name, s]));
  for (const section of fresh) byName.set(section.name, section);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  const sections = [...byName.values()].sort((a, b) => rank(a.name) - rank(b.name));
  return { preamble: previous.preamble, sections };
}

/** Splits a markdown table row into its cells, honouring `\|` inside a cell. */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** The data rows of every table in a section (header and separator lines excluded). */
export function tableRows(body: string): string[][] {
  const rows: string[][] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('|')) continue;
    if (/^\|[-|: ]+\|$/.test(line)) continue;
    if (lines[i + 1] !== undefined && /^\|[-|: ]+\|$/.test(lines[i + 1]!)) continue; // a header
    rows.push(tableCells(line));
  }
  return rows;
}

/** The `- Date:` line of a section, for the README's provenance line. */
export function sectionDate(body: string): string | undefined {
  return /^- Date: (.+)$/m.exec(body)?.[1]?.trim();
}

/**
 * The README's table (no notes: they are in bench/results.md) from every section of the merged
 * results, with one line saying when each group was measured.
 */
export function readmeTable(file: ResultsFile): string {
  const dates = file.sections.map((s) => `${s.name} ${sectionDate(s.body) ?? '(no date)'}`).join('; ');
  const rows = file.sections.flatMap((s) => tableRows(s.body));
  return [
    `Each group is measured on its own run (\`npm run bench -- <group>\`); the commit, machine, load and date of each are in [bench/results.md](bench/results.md) with a note on every figure. Dates: ${dates}.`,
    '',
    '| benchmark | metric | value | target | result |',
    '|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.slice(0, 5).join(' | ')} |`),
  ].join('\n');
}

export const README_TABLE_START = '<!-- bench:table -->';
export const README_TABLE_END = '<!-- /bench:table -->';

/** README text with the table between its markers replaced; undefined when the markers are missing. */
export function replaceReadmeTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start === -1 || end < start) return undefined;
  return `${readme.slice(0, start)}${README_TABLE_START}\n${table}\n${readme.slice(end)}`;
}
