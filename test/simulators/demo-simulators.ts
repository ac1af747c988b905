import { startAdcloud } from './adcloud/adcloud.js';
import { startMediaMath } from './mediamath/mediamath.js';
import { startTrackMaster } from './trackmaster/trackmaster.js';
import { startTune } from './tune/tune.js';
import type { SimulatorHandle } from './types.js';

/**
 * The simulators `npm start` runs, with demo-sized data: one per connector, plus one per source
 * that stands for a second account of the same vendor (its own data and credentials).
 */
export async function startDemoSimulators(): Promise<Record<string, SimulatorHandle>> {
  return {
    adcloud: await startAdcloud({ rowsPerDate: 450, latencyMs: 5 }),
    adcloud_fr: await startAdcloud({ rowsPerDate: 320, latencyMs: 5, seed: 2 }),
    trackmaster: await startTrackMaster({ medias: { 101: 40, 102: 25 }, latencyMs: 5 }),
    tune: await startTune({ latencyMs: 5 }),
    mediamath: await startMediaMath({ rowsPerDay: 2_400, latencyMs: 5 }),
  };
}

/** The simulator a demo source talks to: its own account's, else its connector's. */
export function simulatorFor(
  simulators: Record<string, SimulatorHandle>,
  source: { name: string; connector: string },
): SimulatorHandle | undefined {
  return simulators[source.name] ?? simulators[source.connector];
}
