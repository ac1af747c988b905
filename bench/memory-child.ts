/**
 * Child process of the memory benchmark: one daily run of a MediaMath source in streaming mode
 * (one NDJSON response for the whole day) through the real local engine: runLocal → plan →
 * fetchPage/stageStream (linesWithEnd, row normaliser, 5k-row staging batches) → commit (unique
 * key check, digest, Parquet). Prints the process's peak RSS as JSON. Run fresh per size.
 *
 *   node bench/tmp/memory-child.mjs '<json: { url, credentials, organizationId, outDir }>'
 */

import { join } from 'node:path';
import { configSchema } from '../functions/config/config-schema.js';
import { defaultEnvName } from '../functions/config/credentials.js';
import { MEDIAMATH_CATALOGUE_FIELDS } from '../functions/connectors/mediamath.js';
import { runUnderHeapPolicy } from '../functions/local/heap-policy.js';
import { runLocal } from '../functions/local/local-run.js';

interface ChildInput {
  url: string;
  credentials: Record<string, string>;
  organizationId: number;
  outDir: string;
  date: string;
}

async function main(input: ChildInput): Promise<void> {
  const baselineRss = process.memoryUsage().rss;
  // With --expose-gc: the live heap (after a full collection) sampled every second, which shows
  // what the run retains, as opposed to garbage V8 has not collected yet.
  const gc = (globalThis as { gc?: () => void }).gc;
  let liveHeapMax = 0;
  let heapTotalMax = 0;
  let externalMax = 0;
  const sampler = gc
    ? setInterval(() => {
        const before = process.memoryUsage();
        heapTotalMax = Math.max(heapTotalMax, before.heapTotal);
        externalMax = Math.max(externalMax, before.external);
        gc();
        liveHeapMax = Math.max(liveHeapMax, process.memoryUsage().heapUsed);
      }, 1000)
    : undefined;
  const name = 'bench_mediamath';
  const config = configSchema.parse({
    sources: [
      {
        name,
        connector: 'mediamath',
        baseUrl: input.url,
        authUrl: input.url,
        lookbackDays: 0,
        reports: ['performance_by_day'],
        format: 'parquet',
        // Every catalogued field: the dataset's own grain, one row per generated row.
        options: {
          organizationId: input.organizationId,
          mode: 'streaming',
          fields: MEDIAMATH_CATALOGUE_FIELDS,
        },
      },
    ],
  });
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['client_id', 'client_secret']) env[defaultEnvName(name, key)] = input.credentials[key];
  const started = Date.now();
  const results = await runLocal({
    config,
    configDir: input.outDir,
    outDir: join(input.outDir, 'lake'),
    stateDir: join(input.outDir, 'state'),
    env,
    dates: [input.date],
  });
  if (sampler) clearInterval(sampler);
  const result = results[0]!;
  if (result.status !== 'written') throw new Error(`stream run failed: ${result.error}`);
  process.stdout.write(
    `${JSON.stringify({
      rows: result.rows,
      requests: result.requests,
      bytes: result.bytes,
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      baselineRss,
      liveHeapMax: gc ? liveHeapMax : undefined,
      heapTotalMax: gc ? heapTotalMax : undefined,
      externalMax: gc ? externalMax : undefined,
      maxRss: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
}

// Like the CLI (bin/report-fetcher.ts): started with plain `node`, it re-runs itself under the
// CLI's heap policy; started with heap flags (the capped pass), it runs as is.
const rerun = await runUnderHeapPolicy();
if (rerun === undefined) await main(JSON.parse(process.argv[2]!) as ChildInput);
else process.exitCode = rerun;
