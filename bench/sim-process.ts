/**
 * Runs one vendor simulator in a child process, so that the vendor's own CPU work (building and
 * serialising pages) does not compete with the engine being measured on the same event loop.
 *
 * Parent side: `startSimulatorProcess('adcloud', options)`; child side: this file run with tsx.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorHandle, SimulatorStats } from '../test/simulators/types.js';

type Starter = (options: Record<string, unknown>) => Promise<SimulatorHandle>;

/** Simulators by name, loaded lazily so a missing or half-written one only fails its own bench. */
const STARTERS: Record<string, () => Promise<Starter>> = {
  adcloud: async () => (await import('../test/simulators/adcloud/adcloud.js')).startAdcloud as Starter,
};

type Request = { id: number; cmd: 'stats' | 'close' };
type Reply = { id: number; stats?: SimulatorStats };
type Ready = { ready: true; url: string; credentials: Record<string, string> } | { error: string };

export interface RemoteSimulator {
  url: string;
  credentials: Record<string, string>;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

/**
 * `module` may be a name in STARTERS or `path#export` (path relative to the repo root, e.g.
 * `test/simulators/mediamath/mediamath.js#startMediaMath`).
 */
export async function startSimulatorProcess(
  module: string,
  options: Record<string, unknown>,
): Promise<RemoteSimulator> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [module, JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${code}`)));
  });
  if ('error' in ready) {
    child.kill();
    throw new Error(`simulator ${module}: ${ready.error}`);
  }
  let nextId = 0;
  const call = (cmd: Request['cmd']) =>
    new Promise<Reply>((resolve) => {
      const id = ++nextId;
      const onMessage = (message: unknown) => {
        if ((message as Reply).id !== id) return;
        child.off('message', onMessage);
        resolve(message as Reply);
      };
      child.on('message', onMessage);
      child.send({ id, cmd } satisfies Request);
    });
  return {
    url: ready.url,
    credentials: ready.credentials,
    stats: async () => (await call('stats')).stats!,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close');
      await exited;
    },
  };
}

async function childMain(module: string, optionsJson: string): Promise<void> {
  const send = (message: Ready | Reply) => process.send!(message);
  let simulator: SimulatorHandle;
  try {
    let start: Starter;
    if (STARTERS[module]) start = await STARTERS[module]();
    else {
      const [path, name] = module.split('#');
      const loaded = (await import(new URL(`../${path}`, import.meta.url).href)) as Record<string, unknown>;
      start = loaded[name!] as Starter;
      if (typeof start !== 'function') throw new Error(`${path} has no export ${name}`);
    }
    simulator = await start(JSON.parse(optionsJson) as Record<string, unknown>);
  } catch (error) {
    send({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  send({ ready: true, url: simulator.url, credentials: simulator.credentials });
  process.on('message', async (message: Request) => {
    if (message.cmd === 'stats') send({ id: message.id, stats: simulator.stats });
    else {
      await simulator.close();
      send({ id: message.id });
      process.disconnect();
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  await childMain(process.argv[2]!, process.argv[3]!);
}
