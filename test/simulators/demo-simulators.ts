import { startAdcloud } from './adcloud/adcloud.js';
import { startMediaMath } from './mediamath/mediamath.js';
import { startTrackMaster } from './trackmaster/trackmaster.js';
import { startTune } from './tune/tune.js';
import type { SimulatorHandle } from './types.js';

/** The simulators `npm start` runs, keyed by connector name, with demo-sized data. */
export async function startDemoSimulators(): Promise<Record<string, SimulatorHandle>> {
  return {
    adcloud: await startAdcloud({ rowsPerDate: 450, latencyMs: 5 }),
    trackmaster: await startTrackMaster({ medias: { 101: 40, 102: 25 }, latencyMs: 5 }),
    tune: await startTune({ latencyMs: 5 }),
    mediamath: await startMediaMath({ rowsPerDay: 2_400, latencyMs: 5 }),
  };
}
