import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedStage, synthStage } from './support/synth-stage.js';

/**
 * The logical ID of every resource of the example stage, as the stacks had them before their
 * resources were grouped into constructs (lib/logical-ids.ts). CloudFormation replaces a resource
 * whose logical ID changes: for a fixed-name queue, function, alarm or Glue table the deploy then
 * fails, and the retained lake bucket and control table are orphaned. A refactor of lib/ must
 * keep this list; a change that adds or removes resources on purpose updates it in the same commit.
 */
const EXPECTED: Record<string, string[]> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'logical-ids.json'), 'utf8'),
);

let stage: SynthesizedStage;
beforeAll(async () => {
  stage = await synthStage({ nag: false });
}, 120_000);

describe('logical IDs', () => {
  it('keeps every logical ID a deployed stage has (grouping resources into constructs renames none)', () => {
    const actual = Object.fromEntries(
      Object.entries(stage.templates).map(([file, template]) => [
        file,
        Object.keys(template.Resources).sort(),
      ]),
    );
    expect(Object.keys(actual).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [file, ids] of Object.entries(EXPECTED)) expect(actual[file], file).toEqual(ids);
  });
});
