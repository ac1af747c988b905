/**
 * `npm start`: the whole local job with no setup. Starts the built-in vendor simulators on
 * 127.0.0.1, points the demo sources at them (credentials through environment variables, as a
 * real local run would have them), runs the scheduled window, prints the summary and some SQL.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultEnvName } from '../functions/config/credentials.js';
import { loadConfigFile } from '../functions/config/load-config.js';
import { CONNECTORS } from '../functions/connectors/index.js';
import { credentialKeysOf, InternalError } from '../functions/engine/index.js';
import { queryLake } from '../functions/local/duckdb-lake.js';
import { runLocal } from '../functions/local/local-run.js';
import { simulatorFor, startDemoSimulators } from '../test/simulators/demo-simulators.js';
import { reportFailures, summaryTable } from './cli.js';
import { formatTable, formatValue } from './format-table.js';
import { progressReporter } from './progress.js';

const outDir = resolve(process.argv[2] ?? 'data');
const started = Date.now();
const loaded = await loadConfigFile('config/demo.config.json');
const simulators = await startDemoSimulators();
const env: NodeJS.ProcessEnv = { ...process.env };
try {
  for (const source of loaded.config.sources) {
    const simulator = simulatorFor(simulators, source);
    if (!simulator) throw new InternalError(`no simulator for connector ${source.connector}`);
    source.baseUrl = simulator.url;
    for (const key of credentialKeysOf(CONNECTORS[source.connector]!.auth)) {
      env[defaultEnvName(source.name, key)] = simulator.credentials[key];
    }
  }
  await rm(outDir, { recursive: true, force: true });
  console.log(
    `report-fetcher demo: ${loaded.config.sources.length} sources against local simulators → ${outDir}\n`,
  );
  const results = await runLocal(
    { config: loaded.config, configDir: loaded.dir, outDir, env, stateDir: resolve('.report-fetcher/demo') },
    { onEvent: progressReporter() },
  );
  console.log(`\n${summaryTable(results)}\n`);
  for (const sql of demoQueries(results.map((r) => r.table))) {
    const result = await queryLake(outDir, sql);
    console.log(
      `sql> ${sql}\n${formatTable(
        result.columns,
        result.rows.map((row) => result.columns.map((c) => formatValue(row[c]))),
      )}\n`,
    );
  }
  console.log(
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s. Try: npx report-fetcher query "SELECT * FROM adcloud_advertiser LIMIT 5"`,
  );
  process.exitCode = reportFailures(results, {
    stdout: (t) => process.stdout.write(t),
    stderr: process.stderr,
    env,
  });
} finally {
  await Promise.all(Object.values(simulators).map((s) => s.close()));
}

function demoQueries(tables: string[]): string[] {
  const queries: string[] = [];
  if (tables.includes('adcloud_advertiser')) {
    queries.push(
      'SELECT source, dt, count(*) AS rows, sum(clicks) AS clicks, round(sum(costs), 2) AS costs FROM adcloud_advertiser GROUP BY ALL ORDER BY source, dt',
    );
  }
  if (tables.includes('trackmaster_daily_reports')) {
    queries.push(
      'SELECT r.media_id, r.dt, count(*) AS campaigns, sum(r.imp) AS imp, sum(r.clk) AS clk, count(*) FILTER (WHERE r.uimp IS NULL) AS uimp_null FROM trackmaster_daily_reports r GROUP BY ALL ORDER BY r.media_id, r.dt',
    );
  }
  if (tables.includes('tune_users') && tables.includes('tune_countries')) {
    queries.push(
      'SELECT c.name AS country, count(*) AS users, count(*) FILTER (WHERE u.verified_phone) AS verified_phones FROM tune_users u JOIN tune_countries c ON c.id = u.country_id GROUP BY ALL ORDER BY users DESC, country LIMIT 5',
    );
  }
  if (tables.includes('mediamath_performance_by_hour')) {
    queries.push(
      "SELECT strftime(agg_timestamp, '%H') AS hour, sum(impressions) AS impressions, round(sum(total_spend), 2) AS spend, sum(video_start) AS video_starts FROM mediamath_performance_by_hour GROUP BY ALL ORDER BY hour LIMIT 6",
    );
  }
  return queries;
}
