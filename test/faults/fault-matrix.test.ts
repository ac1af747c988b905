import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../simulators/types.js';
import { FAULT_CASES } from '../support/fault-cases.js';
import { allFileContents, expectLakeEqualsTruth, findSecrets, localLake, tempDir } from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS } from '../support/simulator-suite.js';
import { reportByTable, VENDOR_CASES } from '../support/vendor-cases.js';

/**
 * Every connector × every fault, in CLI mode: the engine runs against the vendor's simulator
 * with a seeded share of requests faulted, and every partition must equal the vendor's truth
 * (count, per-column sums, order-independent digest, no duplicate keys). Afterwards, every
 * secret the simulators issued is searched for in everything the runs wrote or reported.
 */
const RATE = 0.2;
const DEPS = { ...FAST_FAULTS, retry: { ...FAST_FAULTS.retry, maxAttempts: 10 } };

const captured: string[] = [];
const secrets: string[] = [];

for (const vendor of VENDOR_CASES) {
  describe(`fault matrix: ${vendor.connector}`, () => {
    let simulator: SimulatorHandle;
    beforeAll(async () => {
      // A one-second rate-limit window: a refusal that waits for the reset waits at most a second.
      simulator = await vendor.start({
        seed: 11,
        latencyMs: 1,
        rateLimit: { limit: 100_000, windowMs: 1_000 },
      });
    });
    afterAll(async () => {
      secrets.push(...simulator.issuedSecrets());
      await simulator.close();
    });

    const faults = FAULT_CASES.filter((f) => !f.vendors || f.vendors.includes(vendor.connector));
    it.each(faults.map((f, i) => ({ ...f, seed: 1000 + i })))(
      '$name (seed $seed)',
      async ({ kinds, seed, options }) => {
        const dir = await tempDir();
        try {
          const faultsBefore = simulator.stats.faultsInjected;
          // Seeded random faults, plus two scripted ones so that every case faults at least twice.
          simulator.setFaults({
            seed,
            rate: RATE,
            kinds,
            scripted: [
              { nth: 1, fault: kinds[0]! },
              { nth: 3, fault: kinds[kinds.length - 1]! },
            ],
          });
          const name = `${vendor.connector}_matrix`;
          const run = await runAgainst(
            simulator,
            { name, connector: vendor.connector, options: { ...vendor.options, ...options }, concurrency: 4 },
            {
              dir: dir.path,
              dates: vendor.dates,
              deps: DEPS,
              keepStaging: true,
            },
          );
          simulator.setFaults({});
          expect(run.results.filter((r) => r.status !== 'written').map((r) => r.error)).toEqual([]);
          // The case is only worth something if its faults actually fired.
          expect(simulator.stats.faultsInjected - faultsBefore).toBeGreaterThan(0);
          await expectLakeEqualsTruth(
            localLake(run.outDir, name, (table) => reportByTable(vendor.connector, table)),
            run.results,
            vendor.truth(simulator),
          );
          captured.push(
            ...(await allFileContents(run.outDir)).map((f) => f.text),
            JSON.stringify(run.events),
            JSON.stringify(run.results),
          );
        } finally {
          await dir.cleanup();
        }
      },
    );
  });
}

describe('leak scan over the whole matrix', () => {
  it('finds no issued token, key or secret in any lake object, staged page, event or error', () => {
    expect(captured.length).toBeGreaterThan(40);
    expect(secrets.length).toBeGreaterThan(10);
    expect(findSecrets(captured, secrets)).toEqual([]);
  });
});
