import { copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, type BundlingOptions, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { esbuildOptions } from './lambda-bundling.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundled handler's file and export, for `Function.handler`. */
export const HANDLER = 'index.handler';

const bundlings = new Map<string, BundlingOptions>();

/**
 * A handler under functions/handlers/ bundled by esbuild in this process (no Docker), with the
 * settings in lib/lambda-bundling.ts (the same ones `npm run bench` measures), plus extra files
 * copied next to it (the deployment settings). The bundling options are built once per handler
 * and file set, so CDK's asset cache bundles each handler once per synth, however many functions
 * (one per source) run it.
 */
export function handlerCode(entry: string, extraFiles: string[] = []): Code {
  const key = JSON.stringify([entry, extraFiles]);
  let bundling = bundlings.get(key);
  if (!bundling) {
    bundling = {
      // Never used: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
      // CDK caches bundles by the serializable part of these options: name what is bundled here,
      // or every handler would get the first one's bundle.
      environment: { REPORT_FETCHER_ENTRY: entry, REPORT_FETCHER_FILES: extraFiles.join(':') },
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({
            ...esbuildOptions(join(ROOT, 'functions', 'handlers', entry), join(outputDir, 'index.mjs')),
            sourcemap: true,
            sourcesContent: false,
            logLevel: 'warning',
          });
          for (const file of extraFiles) copyFileSync(file, join(outputDir, basename(file)));
          return true;
        },
      },
    };
    bundlings.set(key, bundling);
  }
  return Code.fromAsset(join(ROOT, 'functions'), { assetHashType: AssetHashType.OUTPUT, bundling });
}
