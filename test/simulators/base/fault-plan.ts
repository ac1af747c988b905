/**
 * Decides which DATA request gets which fault: scripted faults (the nth request, optionally
 * counted only over requests whose target contains a text) fire exactly once; otherwise a seeded
 * PRNG draws a random fault with probability `rate`.
 */
import type { Fault, FaultOptions, ScriptedFault } from '../types.js';
import { Prng } from './prng.js';

interface PendingScript {
  script: ScriptedFault;
  seen: number;
  fired: boolean;
}

export class FaultPlan {
  private readonly scripts: PendingScript[];
  private readonly random: Prng;
  private readonly rate: number;
  private readonly kinds: readonly Fault[];

  constructor(options: FaultOptions = {}) {
    this.scripts = (options.scripted ?? []).map((script) => ({ script, seen: 0, fired: false }));
    this.random = new Prng(options.seed ?? 1);
    this.rate = options.rate ?? 0;
    this.kinds = options.kinds ?? [];
  }

  /**
   * Call once per DATA request with its request target (path + query).
   * When two scripts want the same request, the first one fires and the other one fires on the
   * next request that matches it (`seen >= nth`), so no script is silently lost.
   */
  next(requestTarget: string): Fault | undefined {
    let chosen: Fault | undefined;
    for (const pending of this.scripts) {
      if (pending.fired) continue;
      const { path, nth, fault } = pending.script;
      if (path !== undefined && !requestTarget.includes(path)) continue;
      pending.seen += 1;
      if (chosen === undefined && pending.seen >= nth) {
        pending.fired = true;
        chosen = fault;
      }
    }
    // Draw on every request, even scripted ones, so the random sequence depends only on the
    // number of data requests and not on which of them were scripted.
    const roll = this.random.next();
    const pick = this.random.next();
    if (chosen !== undefined) return chosen;
    if (this.kinds.length > 0 && roll < this.rate) {
      return this.kinds[Math.floor(pick * this.kinds.length)];
    }
    return undefined;
  }
}
