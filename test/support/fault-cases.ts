import type { Fault } from '../simulators/types.js';

/** Stream faults only touch NDJSON responses: every MediaMath report streams in those cases. */
const STREAMING = { mode: 'streaming', modes: {} };

/**
 * The one list of vendor faults both fault matrices inject: test/faults/fault-matrix.test.ts
 * (CLI) runs every case; test/faults/aws-fault-matrix.test.ts (the deployed pipeline) runs the
 * cases with an `aws` entry.
 */
export interface FaultCase {
  name: string;
  kinds: Fault[];
  /** Only these vendors (default: all). */
  vendors?: string[];
  /** Source options the CLI matrix adds (the deployed matrix's MediaMath case already streams by_day). */
  options?: Record<string, unknown>;
  /**
   * The deployed matrix: its runs make few data requests (small days), so each case has a seed
   * whose draws fault at least one request of every vendor it runs on (each case asserts so).
   */
  aws?: { seed: number; vendors?: string[] };
}

export const FAULT_CASES: FaultCase[] = [
  { name: 'HTTP 500', kinds: [{ kind: 'status', status: 500 }], aws: { seed: 2000 } },
  { name: 'HTTP 503', kinds: [{ kind: 'status', status: 503 }] },
  {
    name: '429 with Retry-After: 0',
    kinds: [{ kind: 'status', status: 429, retryAfter: '0' }],
    aws: { seed: 2001 },
  },
  {
    name: '429 without Retry-After',
    kinds: [{ kind: 'status', status: 429 }],
    aws: { seed: 2001, vendors: ['adcloud', 'trackmaster'] },
  },
  { name: "the vendor's rate-limit refusal", kinds: [{ kind: 'rate-limit' }], aws: { seed: 2002 } },
  // No document shows a refusal (test/simulators/types.ts RefusalShape): the shapes the vendor's
  // default is not. Naming no wait, the source waits limits.rateLimitWaitSeconds (FAST_FAULTS: 20 ms).
  {
    name: 'a rate-limit refusal naming no wait (no Retry-After, no X-RateLimit-Reset)',
    kinds: [{ kind: 'rate-limit', retryAfter: false, reset: false }],
  },
  {
    name: "TrackMaster's refusal as 429, with and without Retry-After",
    kinds: [
      { kind: 'rate-limit', status: 429, retryAfter: true },
      { kind: 'rate-limit', status: 429, retryAfter: false, reset: false },
    ],
    vendors: ['trackmaster'],
  },
  // The HTTP idle timeout (FAST_FAULTS: 400 ms) trips before the vendor answers.
  { name: 'timeout', kinds: [{ kind: 'hang', ms: 700 }], aws: { seed: 2000, vendors: ['adcloud', 'tune'] } },
  { name: 'truncated body', kinds: [{ kind: 'truncate' }], aws: { seed: 2003 } },
  { name: 'token revoked mid-run', kinds: [{ kind: 'revoke-tokens' }], aws: { seed: 3004 } },
  {
    name: 'NDJSON error line',
    kinds: [{ kind: 'stream-error' }],
    vendors: ['mediamath'],
    options: STREAMING,
    aws: { seed: 4006 },
  },
  {
    name: 'NDJSON stream cut mid-line',
    kinds: [{ kind: 'stream-cut' }],
    vendors: ['mediamath'],
    options: STREAMING,
    aws: { seed: 2006 },
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
