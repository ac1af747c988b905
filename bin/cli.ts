import { parseArgs } from 'node:util';
import { connectorOf, loadConfigFile, reportsOf } from '../functions/config/load-config.js';
import {
  credentialKeysOf,
  describeFields,
  describeRestatement,
  InputError,
  type PartitionResult,
  printable,
} from '../functions/engine/index.js';
import { queryLake } from '../functions/local/duckdb-lake.js';
import { checkOutDir, runLocal } from '../functions/local/local-run.js';
import { type CliIo, EXIT, reportFailure } from './cli-io.js';
import { datesFromFlags } from './date-flags.js';
import { formatTable, formatValue } from './format-table.js';
import { progressReporter } from './progress.js';

const USAGE = `usage:
  report-fetcher run [--config FILE] [--source NAME]... [--date D | --from D --to D] [--out DIR]
  report-fetcher query "SQL" [--out DIR]
  report-fetcher sources [--config FILE]
  report-fetcher schema [TABLE] [--config FILE]
  report-fetcher backfill --deployed --source NAME (--date D | --from D --to D) [--stage STAGE | --function NAME]
  report-fetcher status [--out DIR] | status --deployed --table CONTROL_TABLE [--config FILE]

Without --date/--from/--to, "run" fetches each source's scheduled window: yesterday in the
source's time zone plus its look-back days. Dates are YYYY-MM-DD. Default config:
./report-fetcher.config.json; default output: ./data.`;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: process.stderr,
  env: process.env,
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportFailure('report-fetcher', error, io.stderr, io.env);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest, io);
    case 'query':
      return queryCommand(rest, io);
    case 'sources':
      return sourcesCommand(rest, io);
    case 'schema': {
      const { values, positionals } = parse(rest, { config: { type: 'string' } }, true);
      const { schemaCommand } = await import('./schema.js');
      return schemaCommand(values, positionals, io);
    }
    case 'backfill': {
      const { backfillCommand } = await import('./backfill.js');
      return backfillCommand(rest, io);
    }
    case 'status': {
      const { statusCommand } = await import('./status.js');
      return statusCommand(rest, io);
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new InputError(`unknown command "${command}"\n${USAGE}`);
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
}

async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    config: { type: 'string' },
    source: { type: 'string', multiple: true },
    date: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    'keep-staging': { type: 'boolean' },
  });
  const dates = datesFromFlags(values);
  const loaded = await loadConfigFile(values.config ?? 'report-fetcher.config.json');
  const results = await runLocal(
    {
      config: loaded.config,
      configDir: loaded.dir,
      sources: values.source,
      dates,
      outDir: values.out ?? 'data',
      env: io.env,
      stateDir: io.env.REPORT_FETCHER_STATE_DIR,
      keepStaging: values['keep-staging'],
    },
    { onEvent: progressReporter(io.stderr) },
  );
  io.stdout(`${summaryTable(results)}\n`);
  return reportFailures(results, io);
}

export function reportFailures(results: PartitionResult[], io: CliIo): number {
  for (const r of results) {
    if (r.fields)
      io.stderr.write(
        `report-fetcher: note: ${r.source}/${r.report} ${r.date}: ${describeFields(r.fields)}\n`,
      );
  }
  for (const r of results) {
    if (r.deferred)
      io.stderr.write(
        `report-fetcher: note: ${r.source}/${r.report} ${r.date} deferred: its day in ${r.deferred.zone} ends at ${r.deferred.until}; a run of the daily window (no --date) after that fetches it\n`,
      );
  }
  const failures = results.filter((r) => r.status === 'failed');
  // One line per failure, whatever the vendor put in its text.
  for (const failure of failures)
    io.stderr.write(`report-fetcher: failed: ${printable(failure.error ?? '')}\n`);
  if (failures.length > 0) {
    // A deferred partition was not attempted: it is neither among what failed nor what was tried.
    const deferred = results.filter((r) => r.status === 'deferred').length;
    const attempted = results.length - deferred;
    io.stderr.write(
      `report-fetcher: ${failures.length} of ${attempted} partitions failed; their previous data is untouched${deferred > 0 ? `; ${deferred} more deferred, not attempted` : ''}\n`,
    );
    return EXIT.partitionsFailed;
  }
  return EXIT.ok;
}

export function summaryTable(results: PartitionResult[]): string {
  return formatTable(
    ['source', 'table', 'date', 'status', 'rows', 'pages', 'requests', 'retries', 'seconds', 'restated'],
    results.map((r) => [
      r.source,
      r.table,
      r.date,
      r.status,
      r.rows,
      r.pages,
      r.requests,
      r.retries,
      Number(r.seconds.toFixed(2)),
      r.restatement ? describeRestatement(r.restatement) : '',
    ]),
  );
}

async function queryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new InputError(`query takes exactly one SQL string\n${USAGE}`);
  await checkOutDir(values.out ?? 'data');
  const result = await queryLake(values.out ?? 'data', positionals[0]!);
  io.stdout(
    `${formatTable(
      result.columns,
      result.rows.map((row) => result.columns.map((c) => formatValue(row[c]))),
    )}\n`,
  );
  return EXIT.ok;
}

async function sourcesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { config: { type: 'string' } });
  const loaded = await loadConfigFile(values.config ?? 'report-fetcher.config.json');
  const rows = loaded.config.sources.map((s) => {
    const connector = connectorOf(s);
    return [
      s.name,
      s.connector,
      s.baseUrl ?? connector.defaultBaseUrl,
      s.timezone,
      s.schedule,
      s.lookbackDays,
      s.format,
      reportsOf(s)
        .map((r) => connector.reports[r]!.table)
        .join(','),
      credentialKeysOf(connector.auth).join(','),
    ];
  });
  io.stdout(
    `${formatTable(
      [
        'source',
        'connector',
        'base url',
        'timezone',
        'schedule',
        'lookback',
        'format',
        'tables',
        'credential keys',
      ],
      rows,
    )}\n`,
  );
  return EXIT.ok;
}
