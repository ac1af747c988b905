import { join } from 'node:path';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { tempDir } from '../support/lake.js';
import { type HarnessRun, runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS } from '../support/simulator-suite.js';
import type { GoldenServer } from './golden-server.js';

/** A daily run of the real engine against a golden server (credentials: any value works). */
export async function runGolden(
  server: GoldenServer,
  source: { name: string; connector: string; reports?: string[]; options?: Record<string, unknown> },
  dates: string[],
): Promise<HarnessRun & { cleanup: () => Promise<void> }> {
  const dir = await tempDir('rf-golden-');
  const credentials = Object.fromEntries(
    credentialKeysOf(CONNECTORS[source.connector]!.auth).map((key) => [
      key,
      `golden-${key}-0123456789abcdef`,
    ]),
  );
  const handle = { url: server.url, credentials } as unknown as SimulatorHandle;
  const run = await runAgainst(
    handle,
    { timezone: 'UTC', ...source },
    {
      dir: dir.path,
      dates,
      deps: FAST_FAULTS,
    },
  );
  return { ...run, cleanup: dir.cleanup };
}

export function partitionFile(run: HarnessRun, table: string, source: string, date: string): string {
  return join(run.outDir, partitionObjectKey({ table, source, date }, 'parquet'));
}
