import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultEnvName } from '../../functions/config/credentials.js';
import { parseConfig } from '../../functions/config/load-config.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import { credentialKeysOf } from '../../functions/engine/auth/auth-spec.js';
import { runLocal } from '../../functions/local/local-run.js';
import { startAdcloud } from '../simulators/adcloud/adcloud.js';
import { tempDir } from '../support/lake.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the local daily run', () => {
  it('plans every source from one clock reading, even when midnight passes while it starts', async () => {
    const simulator = await startAdcloud({ rowsPerDate: () => 3, seed: 11 });
    const dir = await tempDir('rf-local-clock-');
    try {
      const names = ['ac_first', 'ac_second'];
      const config = parseConfig({
        sources: names.map((name) => ({
          name,
          connector: 'adcloud',
          baseUrl: simulator.url,
          timezone: 'UTC',
          lookbackDays: 0,
        })),
      });
      // Only Date is faked; the clock stands still unless the test moves it.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2025-06-04T23:59:59.900Z'));
      // Midnight passes while the run reads the second source's credentials.
      const env: NodeJS.ProcessEnv = {};
      for (const name of names) {
        for (const key of credentialKeysOf(CONNECTORS.adcloud!.auth)) {
          const value = simulator.credentials[key];
          Object.defineProperty(env, defaultEnvName(name, key), {
            enumerable: true,
            get() {
              if (name === 'ac_second') vi.setSystemTime(new Date('2025-06-05T00:00:00.100Z'));
              return value;
            },
          });
        }
      }
      const results = await runLocal({
        config,
        configDir: dir.path,
        outDir: join(dir.path, 'lake'),
        stateDir: join(dir.path, 'state'),
        env,
      });
      const planned = results.map((r) => `${r.source}/${r.date}`).sort();
      expect(planned).toEqual(['ac_first/2025-06-03', 'ac_second/2025-06-03']);
    } finally {
      vi.useRealTimers();
      await dir.cleanup();
      await simulator.close();
    }
  }, 60_000);
});
