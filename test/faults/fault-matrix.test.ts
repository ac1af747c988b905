import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { Fault, SimulatorHandle } from '../simulators/types.js';
import {
  allFileContents,
  duplicatesBy,
  findSecrets,
  fingerprint,
  readPartition,
  tempDir,
} from '../support/lake.js';
import { runAgainst } from '../support/local-harness.js';
import { FAST_FAULTS } from '../support/simulator-suite.js';
import { reportByTable, VENDOR_CASES } from '../support/vendor-cases.js';

/**
 * Every connector × every fault, in CLI mode: the engine runs against the vendor's simulator
 * with a seeded share of requests faulted, and every partition must equal the vendor's truth
 * (count, per-column sums, order-independent digest, no duplicate keys). Afterwards, every
 * secret the simulators issued is searched for in everything the runs wrote or reported.
 */
/** Stream faults only touch NDJSON responses: every MediaMath report streams in those cases. */
const STREAMING = { mode: 'streaming', modes: {} };
const FAULTS: { name: string; kinds: Fault[]; vendors?: string[]; options?: Record<string, unknown> }[] = [
  { name: 'HTTP 500', kinds: [{ kind: 'status', status: 500 }] },
  { name: 'HTTP 503', kinds: [{ kind: 'status', status: 503 }] },
  { name: '429 with Retry-After: 0', kinds: [{ kind: 'status', status: 429, retryAfter: '0' }] },
  { name: '429 without Retry-After', kinds: [{ kind: 'status', status: 429 }] },
  { name: "the vendor's rate-limit refusal", kinds: [{ kind: 'rate-limit' }] },
  { name: 'timeout', kinds: [{ kind: 'hang', ms: 700 }] },
  { name: 'truncated body', kinds: [{ kind: 'truncate' }] },
  { name: 'token revoked mid-run', kinds: [{ kind: 'revoke-tokens' }] },
  {
    name: 'NDJSON error line',
    kinds: [{ kind: 'stream-error' }],
    vendors: ['mediamath'],
    options: STREAMING,
  },
  {
    name: 'NDJSON stream cut mid-line',
    kinds: [{ kind: 'stream-cut' }],
    vendors: ['mediamath'],
    options: STREAMING,
  },
  {
    name: 'everything at once',
    kinds: [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfter: '0' },
      { kind: 'truncate' },
      { kind: 'revoke-tokens' },
      { kind: 'stream-error' },
      { kind: 'stream-cut' },
    ],
  },
];
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

    const faults = FAULTS.filter((f) => !f.vendors || f.vendors.includes(vendor.connector));
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
          for (const result of run.results) {
            const report = reportByTable(vendor.connector, result.table);
            const file = join(
              run.outDir,
              partitionObjectKey({ table: report.table, source: name, date: result.date }, 'parquet'),
            );
            const rows = await readPartition(file, report.schema);
            const truth = vendor.truth(simulator, report, result.date);
            expect(fingerprint(rows, report.schema), `${result.table} ${result.date}`).toEqual(
              fingerprint(truth, report.schema),
            );
            expect(duplicatesBy(rows, report.uniqueKey)).toBe(0);
          }
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
