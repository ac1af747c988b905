import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCommitGuard } from '../functions/adapters/aws/dynamo-commit-guard.js';
import { DynamoRunLedger } from '../functions/adapters/aws/dynamo-run-ledger.js';
import { loadConfigFile } from '../functions/config/load-config.js';
import {
  type CommitRecord,
  InputError,
  RESTATEMENTS_TABLE,
  type RunLedger,
} from '../functions/engine/index.js';
import type { CliIo } from './cli-io.js';

/** One line of `report-fetcher status`: a (source, table) and how current it is. */
export interface TableStatus {
  source: string;
  table: string;
  lastDate: string;
  rows: number;
  committedAt: string;
  /** Partitions of recent runs that failed or were planned and never committed (deployed only). */
  failures: number;
  notCommitted: number;
  /**
   * Dates a recent scheduled run deferred (their day had not ended in the zone the report's data
   * is cut in) that no later run has planned yet (deployed only): waiting, neither failed nor due.
   */
  deferred: number;
  /**
   * Partitions of the table restated in the last 7 days (a partition restated twice counts once):
   * locally from the restatement records, deployed from the commit fences' `restatedAt`.
   */
  restated: number;
}

/** The window of the `restated 7d` column, locally and deployed (the ledger's look-back is apart). */
const RESTATED_DAYS = 7;

function restatedSince(now: Date): Date {
  return new Date(now.getTime() - RESTATED_DAYS * 86_400_000);
}

/** What the local lake says: its commit records (`<out>/_commits/*.json`). */
export async function localStatus(outDir: string, now: Date = new Date()): Promise<TableStatus[]> {
  let files: string[];
  try {
    files = (await readdir(join(outDir, '_commits'))).filter((f) => f.endsWith('json'));
  } catch {
    return [];
  }
  const records: CommitRecord[] = [];
  for (const file of files) {
    try {
      records.push(JSON.parse(await readFile(join(outDir, '_commits', file), 'utf8')) as CommitRecord);
    } catch {
      // A half-written record cannot exist (they are renamed into place); skip foreign files.
    }
  }
  const lines = latestPerTable(
    records.map((r) => ({
      source: r.partition.source,
      table: r.partition.table,
      date: r.partition.date,
      rows: r.rows,
      committedAt: r.committedAt,
    })),
  );
  const restated = await recentRestatements(outDir, now);
  for (const line of lines) line.restated = restated.get(`${line.source}\u0000${line.table}`) ?? 0;
  return lines;
}

/**
 * Partitions restated in the last 7 days, per source and table, from the names of their records
 * (`restatements/source=<s>/dt=<d>/<table>-<run id>.parquet`; a run id starts with its UTC time).
 */
async function recentRestatements(outDir: string, now: Date): Promise<Map<string, number>> {
  const since = restatedSince(now).toISOString().replace(/[-:]/g, '').slice(0, 15);
  const partitions = new Map<string, Set<string>>();
  let files: string[];
  try {
    files = (await readdir(join(outDir, RESTATEMENTS_TABLE), { recursive: true })) as string[];
  } catch {
    return new Map();
  }
  for (const file of files) {
    const match =
      /^source=([a-z][a-z0-9_]*)[\\/]dt=([0-9-]+)[\\/]([a-z][a-z0-9_]*)-(\d{8}T\d{6})[^/\\]*\.parquet$/.exec(
        file,
      );
    if (!match || match[4]! < since) continue;
    const key = `${match[1]}\u0000${match[3]}`;
    partitions.set(key, (partitions.get(key) ?? new Set()).add(match[2]!));
  }
  return new Map([...partitions].map(([key, dates]) => [key, dates.size]));
}

/**
 * What the control table says: each partition's last commit (the commit fences) and, from the
 * ledger's runs of the last `days` days, the partitions that failed or are still not committed.
 */
export async function deployedStatus(options: {
  client: DynamoDBClient;
  tableName: string;
  sources: readonly string[];
  days?: number;
  now?: Date;
}): Promise<TableStatus[]> {
  const guard = new DynamoCommitGuard(options.client, options.tableName);
  const ledger: RunLedger = new DynamoRunLedger(options.client, options.tableName);
  const restatedFrom = restatedSince(options.now ?? new Date()).getTime();
  const sinceAt = new Date((options.now ?? new Date()).getTime() - (options.days ?? 7) * 86_400_000);
  const since = sinceAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const out: TableStatus[] = [];
  for (const source of options.sources) {
    const fences = await guard.committed(source);
    const lines = latestPerTable(
      fences.map((c) => ({
        source,
        table: c.table,
        date: c.date,
        rows: c.rows,
        committedAt: c.committedAt,
      })),
    );
    for (const line of lines)
      line.restated = fences.filter(
        (c) =>
          c.table === line.table && c.restatedAt !== undefined && Date.parse(c.restatedAt) >= restatedFrom,
      ).length;
    const open = new Map<string, { failures: number; notCommitted: number; deferred: number }>();
    const countsOf = (table: string) => {
      const counts = open.get(table) ?? { failures: 0, notCommitted: 0, deferred: 0 };
      open.set(table, counts);
      return counts;
    };
    const runs = (await ledger.runs(source)).filter((run) => run.runId.slice(0, 16) >= since);
    /** The last run (run ids sort by their time) that planned each table's date. */
    const lastPlannedBy = new Map<string, string>();
    for (const run of runs) {
      for (const p of await ledger.partitions(source, run.runId)) {
        const counts = countsOf(p.partition.table);
        if (p.state === 'failed') counts.failures++;
        else if (p.state === 'planned') counts.notCommitted++;
        const key = `${p.partition.table}\u0000${p.partition.date}`;
        if ((lastPlannedBy.get(key) ?? '') < run.runId) lastPlannedBy.set(key, run.runId);
      }
    }
    // A deferred date stops waiting once a later run plans it (then it counts as that run's partition).
    const waiting = new Set<string>();
    for (const run of runs)
      for (const d of run.deferred ?? []) {
        const key = `${d.table}\u0000${d.date}`;
        if ((lastPlannedBy.get(key) ?? '') <= run.runId) waiting.add(key);
      }
    for (const key of waiting) countsOf(key.split('\u0000')[0]!).deferred++;
    for (const [table, counts] of open) {
      const line = lines.find((l) => l.table === table);
      if (line) Object.assign(line, counts);
      else lines.push({ source, table, lastDate: '-', rows: 0, committedAt: '', restated: 0, ...counts });
    }
    out.push(...lines);
  }
  return out;
}

function latestPerTable(
  commits: { source: string; table: string; date: string; rows: number; committedAt: string }[],
): TableStatus[] {
  const latest = new Map<string, TableStatus>();
  for (const c of commits) {
    const key = `${c.source}\u0000${c.table}`;
    const seen = latest.get(key);
    if (!seen || c.date > seen.lastDate) {
      latest.set(key, {
        source: c.source,
        table: c.table,
        lastDate: c.date,
        rows: c.rows,
        committedAt: c.committedAt,
        failures: 0,
        notCommitted: 0,
        deferred: 0,
        restated: 0,
      });
    }
  }
  return [...latest.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || a.table.localeCompare(b.table),
  );
}

function age(committedAt: string, now: Date): string {
  if (!committedAt) return '-';
  const hours = (now.getTime() - Date.parse(committedAt)) / 3_600_000;
  return hours < 48 ? `${Math.max(0, Math.round(hours))}h` : `${Math.round(hours / 24)}d`;
}

export function formatStatus(lines: TableStatus[], now: Date, deployed: boolean): string {
  if (lines.length === 0) return 'nothing committed yet\n';
  const header = [
    'source',
    'table',
    'last date',
    'rows',
    'age',
    `restated ${RESTATED_DAYS}d`,
    ...(deployed ? ['failed', 'not committed', 'deferred'] : []),
  ];
  const rows = lines.map((l) => [
    l.source,
    l.table,
    l.lastDate,
    String(l.rows),
    age(l.committedAt, now),
    String(l.restated),
    ...(deployed ? [String(l.failures), String(l.notCommitted), String(l.deferred)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return `${[header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/**
 * `report-fetcher status [--deployed --table NAME] [--out DIR] [--config FILE]`: per source and
 * table, the last committed date, its rows and age; deployed also the failed and never-committed
 * partitions of the last week's runs (from the run ledger) and the dates they deferred that no
 * later run has planned yet (not a failure: the exit code stays 0 for them).
 */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      deployed: { type: 'boolean' },
      table: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
    },
  });
  const now = new Date();
  if (!values.deployed) {
    io.stdout(formatStatus(await localStatus(values.out ?? 'data', now), now, false));
    return 0;
  }
  if (!values.table)
    throw new InputError('status --deployed needs --table NAME (the stack output ControlTableName)');
  const { config } = await loadConfigFile(values.config ?? 'report-fetcher.config.json');
  const lines = await deployedStatus({
    client: new DynamoDBClient({}),
    tableName: values.table,
    sources: config.sources.map((s) => s.name),
    now,
  });
  io.stdout(formatStatus(lines, now, true));
  return lines.some((l) => l.failures > 0 || l.notCommitted > 0) ? 1 : 0;
}
