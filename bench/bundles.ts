/**
 * 5. Lambda cost proxies: each handler in functions/handlers/ bundled as the CDK stack bundles it
 * (esbuild with the stack's settings, lib/lambda-bundling.ts), its size, and the time a fresh Node process
 * takes to import it (a cold-start proxy), next to a bare Node process started the same way.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions, LAMBDA_BUNDLING } from '../lib/lambda-bundling.js';
import { type Benchmark, type BenchRow, fmt, kb, REPO_DIR, removeDir, tempDir } from './lib.js';

const LIMIT_BYTES = 500 * 1024;
const SDK_CLIENTS = [
  '@aws-sdk/client-s3',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-dynamodb',
];
const RUNS = 5;
const HANDLER_EXPORT =
  /export\s+(const|let|async\s+function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b/;

/** Imports a module in a fresh process and prints the milliseconds the import took. */
const IMPORT_PROBE = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

async function timeFreshImport(url: string): Promise<{ importMs: number; processMs: number }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_PROBE, url],
    {
      cwd: REPO_DIR,
      // Lambda-like environment: a region and fake credentials, nothing else from this shell.
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
      },
    },
  );
  return { importMs: Number(stdout), processMs: performance.now() - started };
}

/** The packages (or our own code) contributing most bytes to a bundle, as "name 123 KB, …". */
function largestPackages(inputs: Record<string, { bytesInOutput: number }>): string {
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1]! : '(project code)';
    const group = name.startsWith('@aws-sdk/')
      ? '@aws-sdk/*'
      : name.startsWith('@smithy/')
        ? '@smithy/*'
        : name;
    byPackage.set(group, (byPackage.get(group) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const bundles: Benchmark = {
  name: 'bundles',
  async run() {
    const dir = join(REPO_DIR, 'functions', 'handlers');
    const entries: string[] = [];
    if (existsSync(dir)) {
      for (const name of (await readdir(dir)).sort()) {
        if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
        if (HANDLER_EXPORT.test(await readFile(join(dir, name), 'utf8'))) entries.push(name);
      }
    }
    if (entries.length === 0) {
      return [
        {
          benchmark: '5 lambda bundles',
          metric: 'bundle size / cold import',
          value: 'skipped',
          target: '≤ 500 KB',
          note: 'no handler (a file exporting `handler`) in functions/handlers/ yet',
        },
      ];
    }
    const out = await tempDir('bundles');
    try {
      // A bare module: what a fresh Node process costs before any of our code.
      const emptyPath = join(out, 'empty.mjs');
      await build({
        stdin: { contents: 'export const handler = () => 0;' },
        outfile: emptyPath,
        format: 'esm',
      });
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++)
        bare.push((await timeFreshImport(pathToFileURL(emptyPath).href)).processMs);
      const bareMs = median(bare);

      // The AWS SDK v3 clients the handlers construct, imported alone (from node_modules, as the
      // runtime loads its own copy): the part of a cold import no bundling choice removes while
      // every invocation needs these clients.
      /**
       * Bundles `contents` and times its fresh import: with the SDK external (as deployed) unless
       * `inlineSdk`, which bundles and minifies the SDK into the file instead (the other way to
       * load it, measured so the floor below is not an artefact of loading the runtime's copy).
       */
      const probe = async (
        name: string,
        contents: string,
        inlineSdk = false,
      ): Promise<{ ms: number; bytes: number }> => {
        const path = join(out, `${name}.mjs`);
        await build({
          stdin: { contents, resolveDir: REPO_DIR },
          outfile: path,
          bundle: true,
          platform: 'node',
          format: 'esm',
          ...(inlineSdk
            ? { minify: true, target: LAMBDA_BUNDLING.target, banner: { js: LAMBDA_BUNDLING.banner } }
            : { external: [...LAMBDA_BUNDLING.external] }),
          logLevel: 'silent',
        });
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++)
          times.push((await timeFreshImport(pathToFileURL(path).href)).processMs);
        return { ms: median(times), bytes: (await stat(path)).size };
      };
      const sdkSource = SDK_CLIENTS.map((m, i) => `export * as c${i} from '${m}';`).join('\n');
      const sdkMs = (await probe('sdk-only', sdkSource)).ms;
      // The one client no fetcher invocation can do without (pages are staged to S3): what a
      // fetcher pays at its first invocation even if every other client were loaded on first use.
      const s3Ms = (await probe('s3-only', `export * as s3 from '@aws-sdk/client-s3';`)).ms;
      // The same clients bundled into the file, minified (what AWS suggests for faster cold starts):
      // only the classes a handler uses, so esbuild can drop the rest of each package.
      const inlined = await probe(
        'sdk-inlined',
        `export { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
export { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
export { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
export { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';`,
        true,
      );

      const rows: BenchRow[] = [
        {
          benchmark: '5 lambda bundles',
          metric: `AWS SDK clients alone (${SDK_CLIENTS.map((m) => m.replace('@aws-sdk/client-', '')).join(', ')}): fresh process (median of ${RUNS})`,
          value: `${fmt(sdkMs, 0)} ms = ${fmt(sdkMs / bareMs)}× a bare node (${fmt(bareMs, 0)} ms)`,
          target: '(report)',
          note: 'the floor under any handler that constructs these clients at import; a handler can only beat it by loading a client on first use, which moves the cost into the first invocation rather than removing it',
        },
        {
          benchmark: '5 lambda bundles',
          metric: `the S3 client alone: fresh process (median of ${RUNS})`,
          value: `${fmt(s3Ms, 0)} ms = ${fmt(s3Ms / bareMs)}× a bare node`,
          target: '(report)',
          note: `every fetcher invocation stages its page to S3 (and sends to SQS), so a lazily loaded fetcher still loads at least this before its first page is done: if this alone is above 3×, the fetcher's ≤ 3× is out of reach for a first invocation whatever is deferred`,
        },
        {
          benchmark: '5 lambda bundles',
          metric: `the same four clients bundled and minified into the file instead of loaded from the runtime: fresh process (median of ${RUNS})`,
          value: `${fmt(inlined.ms, 0)} ms = ${fmt(inlined.ms / bareMs)}× a bare node; ${kb(inlined.bytes)}`,
          target: '(report)',
          note: `the other way to load the SDK: ${inlined.ms / bareMs > 3 ? 'still above 3× before any of our code, and' : 'under 3× alone, but'} ${inlined.bytes > LIMIT_BYTES ? `over the ${kb(LIMIT_BYTES)} bundle limit on its own` : 'within the bundle limit'}; the stack keeps the runtime's copy (lib/lambda-bundling.ts)`,
        },
      ];
      for (const entry of entries) {
        const outfile = join(out, entry.replace(/\.ts$/, '.mjs'));
        let top = '';
        try {
          const result = await build({
            ...esbuildOptions(join(dir, entry), outfile),
            logLevel: 'silent',
            metafile: true,
          });
          top = largestPackages(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
        } catch (error) {
          rows.push({
            benchmark: '5 lambda bundles',
            metric: `${entry}: minified bundle`,
            value: 'build failed',
            target: '≤ 500 KB',
            pass: false,
            note: (error instanceof Error ? error.message : String(error)).split('\n')[0],
          });
          continue;
        }
        const size = (await stat(outfile)).size;
        rows.push({
          benchmark: '5 lambda bundles',
          metric: `${entry}: minified ESM bundle (as deployed: node22, AWS SDK from the runtime; source map not counted)`,
          value: kb(size),
          target: '≤ 500 KB',
          pass: size <= LIMIT_BYTES,
          note: size <= LIMIT_BYTES ? `largest: ${top}` : `largest: ${top}. Fix: trim what is imported`,
        });
        try {
          const imports: number[] = [];
          const processes: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const timed = await timeFreshImport(pathToFileURL(outfile).href);
            imports.push(timed.importMs);
            processes.push(timed.processMs);
          }
          const processMs = median(processes);
          const ratio = processMs / bareMs;
          rows.push({
            benchmark: '5 lambda bundles',
            metric: `${entry}: fresh-process import (median of ${RUNS})`,
            value: `${fmt(median(imports), 0)} ms; process ${fmt(processMs, 0)} ms = ${fmt(ratio)}× a bare node (${fmt(bareMs, 0)} ms)`,
            target: '≤ 3×',
            pass: ratio <= 3,
            note:
              ratio <= 3
                ? undefined
                : processMs < sdkMs
                  ? // A handler that needs fewer than the four clients of the row above loads faster than
                    // that floor; subtracting it would print a negative "own code" figure.
                    `loads fewer SDK clients than the four of the row above (${fmt(sdkMs, 0)} ms); its import, the clients it needs and its own code together take ${fmt(processMs - bareMs, 0)} ms over a bare node`
                  : `the AWS SDK clients alone take ${fmt(sdkMs, 0)} ms (${fmt(sdkMs / bareMs)}×, row above), so the handler's own code adds ${fmt(processMs - sdkMs, 0)} ms; ≤ 3× is out of reach while the SDK loads at import`,
          });
        } catch (error) {
          rows.push({
            benchmark: '5 lambda bundles',
            metric: `${entry}: fresh-process import`,
            value: 'import failed',
            target: '(report)',
            pass: false,
            note: ((error as { stderr?: string }).stderr ?? String(error)).trim().split('\n').slice(-1)[0],
          });
        }
      }
      return rows;
    } finally {
      await removeDir(out);
    }
  },
};
