/**
 * Fixed-window rate limiter. The window opens with the first request and lasts `windowMs`;
 * every request counts (auth requests included, see RateLimitOptions), refused ones too, which
 * keeps `remaining` at 0 until the window resets.
 */
import type { RateLimitOptions } from '../types.js';

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  resetAtMs: number;
}

export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(private readonly options: RateLimitOptions) {}

  consume(now = Date.now()): RateLimitState {
    if (this.used === 0 || now >= this.windowStart + this.options.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used += 1;
    return {
      allowed: this.used <= this.options.limit,
      limit: this.options.limit,
      remaining: Math.max(0, this.options.limit - this.used),
      resetAtMs: this.windowStart + this.options.windowMs,
    };
  }
}

/** Seconds until the window resets, as a Retry-After value (at least 1). */
export function retryAfterSeconds(state: RateLimitState | undefined, now = Date.now()): string {
  if (state === undefined) return '1';
  return String(Math.max(1, Math.ceil((state.resetAtMs - now) / 1000)));
}
