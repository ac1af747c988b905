import { join } from 'node:path';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { defaultEnvName } from '../../functions/config/credentials.js';
import { parseConfig } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import type { PartitionResult, RunEvent } from '../../functions/engine/run/local-runner.js';
import type { EngineDeps } from '../../functions/engine/run/source-runtime.js';
import { runLocal } from '../../functions/local/local-run.js';
import type { SimulatorHandle } from '../simulators/types.js';

export interface HarnessRun {
  results: PartitionResult[];
  events: RunEvent[];
  outDir: string;
}

/**
 * Runs the real local engine against a simulator: a config whose base URL is the simulator and
 * whose credentials arrive through environment variables, as a user's would.
 */
export async function runAgainst(
  simulator: SimulatorHandle,
  source: Partial<SourceConfig> & { name: string; connector: string },
  options: {
    dir: string;
    /** Explicit report dates; the daily window (as a run without --date) when absent. */
    dates?: string[];
    stateDir?: string;
    keepStaging?: boolean;
    deps?: Partial<EngineDeps>;
    /** The run's clock (snapshot dates, run id); the real one by default. */
    now?: Date;
  },
): Promise<HarnessRun> {
  const config = parseConfig({ sources: [{ ...source, baseUrl: simulator.url }] });
  const env: NodeJS.ProcessEnv = {};
  for (const key of credentialKeysOf(CONNECTORS[source.connector]!.auth)) {
    env[defaultEnvName(source.name, key)] = simulator.credentials[key];
  }
  const outDir = join(options.dir, 'lake');
  const events: RunEvent[] = [];
  const results = await runLocal(
    {
      config,
      configDir: options.dir,
      dates: options.dates,
      outDir,
      env,
      stateDir: options.stateDir ?? join(options.dir, 'state'),
      keepStaging: options.keepStaging,
      deps: options.deps,
      ...(options.now ? { now: options.now } : {}),
    },
    { onEvent: (event) => events.push(event) },
  );
  return { results, events, outDir };
}
