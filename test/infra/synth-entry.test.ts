import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/lake.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the app as `cdk synth` runs it: the command of cdk.json's "app", from the project's root,
 * with the context the CDK CLI hands over (CDK_CONTEXT_JSON) and its output directory (CDK_OUTDIR).
 */
async function cdkApp(context: Record<string, string>, outdir: string) {
  const { app } = JSON.parse(await readFile(join(ROOT, 'cdk.json'), 'utf8')) as { app: string };
  const { REPORT_FETCHER_DEBUG: _, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', app], {
      cwd: ROOT,
      env: { ...inherited, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('cdk synth with a config it cannot deploy', () => {
  it('tells the user one line, no stack trace, exits 2 and writes nothing', async () => {
    const dir = await tempDir();
    try {
      const config = join(dir.path, 'bad.json');
      await writeFile(config, JSON.stringify({ sources: [{ name: 'ads', connector: 'nosuch' }] }));
      const outdir = join(dir.path, 'cdk.out');
      const run = await cdkApp({ config }, outdir);
      expect(run.stderr).toBe(
        `report-fetcher (cdk app): error: ${config}: sources[0] ("ads").connector: unknown connector "nosuch" (known: adcloud, trackmaster, tune, mediamath)\n`,
      );
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
      // Not even an empty cloud assembly over the last good one (the app makes the directory).
      expect(await readdir(outdir).catch(() => [])).toEqual([]);
    } finally {
      await dir.cleanup();
    }
  }, 60_000);
});
