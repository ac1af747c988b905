import { startAdcloud } from './adcloud/adcloud.js';
import type { SimulatorHandle } from './types.js';

/** The simulators `npm start` runs, keyed by connector name, with demo-sized data. */
export async function startDemoSimulators(): Promise<Record<string, SimulatorHandle>> {
  return {
    adcloud: await startAdcloud({ rowsPerDate: 450, latencyMs: 5 }),
  };
}
