import { execFileSync } from 'node:child_process';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda handler is bundled, as plain esbuild settings: the CDK stack deploys with
 * these and `npm run bench` measures bundles built with these, so the figures are the deployed ones.
 */
export const LAMBDA_BUNDLING = {
  minify: true,
  // Error class names survive minification, so logs say CredentialsError, not "Sf".
  keepNames: true,
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  // The nodejs22.x runtime ships AWS SDK v3; using it keeps each bundle near 250 KB instead of
  // 1 MB (faster cold starts). The calls we make (S3 objects and multipart, SQS batches,
  // Secrets Manager get/put) are stable across v3 minor versions.
  external: ['@aws-sdk/*'],
} as const;

/** esbuild options for one handler with LAMBDA_BUNDLING (the stack's bundles and the bench's). */
export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    minify: LAMBDA_BUNDLING.minify,
    keepNames: LAMBDA_BUNDLING.keepNames,
    target: LAMBDA_BUNDLING.target,
    format: LAMBDA_BUNDLING.format,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    external: [...LAMBDA_BUNDLING.external],
    // Parquet's created_by names the build (functions/engine/writers/created-by.ts).
    define: { 'process.env.REPORT_FETCHER_BUILD': JSON.stringify(buildId()) },
  };
}

/** The git commit being bundled (short hash), or `unknown` outside a git checkout. */
function buildId(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
