import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EngineDeps } from '../../functions/engine/run/source-runtime.js';
import type { SimulatorHandle } from '../simulators/types.js';
import { tempDir } from './lake.js';

/**
 * Short backoff, rate-limit fallback wait and idle timeout: injected faults cost milliseconds,
 * not the production waits.
 */
export const FAST_FAULTS: Partial<EngineDeps> = {
  retry: { baseDelayMs: 5, maxDelayMs: 50, rateLimitWaitMs: 20 },
  http: { idleTimeoutMs: 400 },
};

/**
 * One simulator for a test file (started before, closed after) and a fresh temporary directory
 * per test; faults are cleared and the directory removed after each test.
 */
export function simulatorSuite<S extends SimulatorHandle>(start: () => Promise<S>) {
  let simulator: S | undefined;
  let dir: { path: string; cleanup: () => Promise<void> } | undefined;
  beforeAll(async () => {
    simulator = await start();
  });
  afterAll(async () => {
    await simulator?.close();
  });
  afterEach(async () => {
    simulator?.setFaults({});
    await dir?.cleanup();
    dir = undefined;
  });
  return {
    get simulator(): S {
      if (!simulator) throw new Error('the simulator starts in beforeAll');
      return simulator;
    },
    async freshDir(): Promise<string> {
      dir = await tempDir();
      return dir.path;
    },
  };
}
