import { createHash } from 'node:crypto';
import type { RateLimit } from '../http/rate-limiter.js';
import type { SourceSettings } from '../run/source-runtime.js';

/**
 * The vendor account a source's requests count against: vendors limit per account, so sources
 * that share an endpoint and credentials share one budget. A hash (never the credentials) names it.
 */
export function rateBudgetAccount(settings: SourceSettings): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        settings.connector.name,
        settings.baseUrl,
        Object.entries(settings.credentials).sort(([a], [b]) => a.localeCompare(b)),
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return `${settings.connector.name}:${digest}`;
}

/** The source's limit: its configured one, else its connector's (the vendor document's). */
export function effectiveRateLimit(settings: SourceSettings): RateLimit | undefined {
  return settings.rateLimit ?? settings.connector.rateLimit;
}
