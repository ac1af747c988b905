import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { HANDLER, handlerCode } from '../../lib/handler-code.js';

/** The S3 key (asset hash) of a function's code in the synthesized template. */
function codeKey(stack: Stack, fn: LambdaFunction): string {
  const template = JSON.parse(
    JSON.stringify(stack.resolve((fn.node.defaultChild as never as { code: unknown }).code)),
  );
  return String(template.s3Key);
}

describe('handler bundles', () => {
  it('bundles each handler once, with the settings file next to it, and never hands one handler another’s bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handler-code-'));
    const settings = join(dir, 'report-fetcher-sources.json');
    writeFileSync(settings, '{"sources":[]}');
    const app = new App({ outdir: join(dir, 'out') });
    const make = (stack: Stack, id: string, entry: string, files: string[]) =>
      new LambdaFunction(stack, id, {
        runtime: Runtime.NODEJS_22_X,
        handler: HANDLER,
        code: handlerCode(entry, files),
      });
    const one = new Stack(app, 'One');
    const two = new Stack(app, 'Two');
    const renotifier = make(one, 'Renotifier', 'alarm-renotifier.ts', []);
    const secrets = make(one, 'Secrets', 'credentials-secrets.ts', [settings]);
    const secretsAgain = make(two, 'Secrets', 'credentials-secrets.ts', [settings]);
    const assembly = app.synth();
    // Same handler and files in two stacks: one asset. Different handlers: different assets.
    expect(codeKey(one, secrets)).toBe(codeKey(two, secretsAgain));
    expect(codeKey(one, renotifier)).not.toBe(codeKey(one, secrets));
    const asset = (fn: LambdaFunction, stack: Stack) =>
      join(assembly.directory, `asset.${codeKey(stack, fn).replace(/\.zip$/, '')}`);
    expect(readFileSync(join(asset(renotifier, one), 'index.mjs'), 'utf8')).toContain('SetAlarmState');
    expect(readFileSync(join(asset(secrets, one), 'index.mjs'), 'utf8')).toContain('CreateSecret');
    expect(existsSync(join(asset(secrets, one), 'report-fetcher-sources.json'))).toBe(true);
    expect(existsSync(join(asset(renotifier, one), 'report-fetcher-sources.json'))).toBe(false);
  });
});
