import type { RateGate } from '../control/rate-gate.js';

/** How a vendor reports its rate limit on every answer (AdMaster's X-RateLimit-*). */
export interface RateLimitHeaders {
  remaining: string;
  reset: string;
  resetIn: 'epoch-seconds' | 'seconds';
}

/** When the vendor says its window resets (epoch ms), if it says so. */
export function resetAtMs(
  spec: RateLimitHeaders | undefined,
  headers: Headers,
  now: number,
): number | undefined {
  const value = spec ? Number(headers.get(spec.reset)) : Number.NaN;
  if (!spec || !Number.isFinite(value) || !headers.has(spec.reset)) return undefined;
  return spec.resetIn === 'epoch-seconds' ? value * 1000 : now + value * 1000;
}

/** Passes what the vendor says of its budget to the rate gate, which can only tighten. */
export function observeRateLimit(
  spec: RateLimitHeaders | undefined,
  headers: Headers,
  gate: RateGate,
  request: number,
  now: number,
): void {
  if (!spec || !headers.has(spec.remaining)) return;
  const remaining = Number(headers.get(spec.remaining));
  if (Number.isFinite(remaining)) gate.observe(remaining, resetAtMs(spec, headers, now), request);
}
