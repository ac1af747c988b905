import { afterEach, describe, expect, it } from 'vitest';
import { SecretsManagerTokenCache } from '../../functions/adapters/aws/secrets-manager-token-cache.js';
import { CONNECTORS } from '../../functions/connectors/index.js';
import type { TokenCache, TokenEntry } from '../../functions/engine/auth/token-cache.js';
import { MIN_TOKEN_CHARS } from '../../functions/engine/auth/token-length.js';
import { type GrantTransport, TokenProvider } from '../../functions/engine/auth/token-provider.js';
import { AuthError } from '../../functions/engine/errors.js';
import { clearRegisteredSecrets, redact } from '../../functions/engine/secrets.js';

/** A log line full of ordinary characters, any of which a too-short token could be. */
const LOG_LINE = 'report-fetcher: wrote 3 partitions of mediamath_performance_by_day (Zq7, e, 12345678)';

/** The token cache in memory, counting writes. */
class MemoryTokenCache implements TokenCache {
  writes = 0;
  constructor(public entry?: TokenEntry) {}
  async read() {
    return this.entry;
  }
  async write(_source: string, entry: TokenEntry) {
    this.entry = entry;
    this.writes++;
  }
  withLock<T>(_source: string, fn: () => Promise<T>) {
    return fn();
  }
}

const ISSUER = 'issuer-1';

function provider(cache: TokenCache, answers: Record<string, unknown>[]) {
  let grants = 0;
  const transport: GrantTransport = async () => answers[Math.min(grants++, answers.length - 1)];
  const auth = CONNECTORS.mediamath!.auth;
  if (auth.kind !== 'jwt-bearer') throw new Error('mediamath grants a JWT');
  return {
    tokens: new TokenProvider({
      source: 'mm',
      spec: auth,
      credentials: { client_id: 'client-id-1', client_secret: 'client-secret-1' },
      cache,
      transport,
      issuer: ISSUER,
    }),
    grants: () => grants,
  };
}

afterEach(() => clearRegisteredSecrets());

describe('a vendor token too short to be a credential', () => {
  it.each([
    { field: 'access_token', answer: { access_token: 'Zq7', expires_in: 3600 } },
    { field: 'access_token', answer: { access_token: 'e', expires_in: 3600 } },
    {
      field: 'refresh_token',
      answer: { access_token: 'a-long-enough-access-token', refresh_token: 'Zq7', expires_in: 3600 },
    },
  ])(
    'a grant answering a short $field is refused with one line, never registered, used or cached',
    async ({ field, answer }) => {
      const cache = new MemoryTokenCache();
      const { tokens } = provider(cache, [answer]);
      const error = await tokens.token().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      const message = (error as AuthError).describe();
      expect(message).toContain(`the ${field} it answered is shorter than ${MIN_TOKEN_CHARS} characters`);
      expect(message).not.toContain('Zq7');
      expect(message.split('\n')).toHaveLength(1);
      expect(cache.writes).toBe(0);
      // The redactor is not degraded: ordinary text stays as it was.
      expect(redact(LOG_LINE)).toBe(LOG_LINE);
    },
  );

  it(`takes a token of ${MIN_TOKEN_CHARS} characters and the documents' formats (TrackMaster's 40 hex digits, publisher-api.md:40)`, async () => {
    for (const token of ['12345678', '7a68b4d65ddd6a6191ef0cbf9cadb06528d92d67']) {
      const cache = new MemoryTokenCache();
      const { tokens } = provider(cache, [{ access_token: token, expires_in: 3600 }]);
      expect(await tokens.token()).toBe(token);
      expect(cache.writes).toBe(1);
      expect(redact(`x ${token} y`)).toBe('x [redacted] y');
    }
  });

  it('a cached token that short (an older version wrote it, or the cache was tampered with) is neither registered nor used: a grant replaces it', async () => {
    const now = Date.now();
    const cache = new MemoryTokenCache({
      accessToken: 'e',
      expiresAt: now + 3_600_000,
      obtainedAt: now,
      issuer: ISSUER,
    });
    const { tokens, grants } = provider(cache, [
      { access_token: 'a-fresh-token-from-the-grant', expires_in: 3600 },
    ]);
    expect(await tokens.token()).toBe('a-fresh-token-from-the-grant');
    expect(grants()).toBe(1);
    expect(redact(LOG_LINE)).toBe(LOG_LINE);
  });

  it('the deployed token cache reads a short cached token as no token, without registering it', async () => {
    const now = Date.now();
    const secrets = {
      send: async () => ({
        SecretString: JSON.stringify({
          accessToken: 'e',
          expiresAt: now + 3_600_000,
          obtainedAt: now,
          issuer: ISSUER,
        }),
      }),
    };
    const cache = new SecretsManagerTokenCache({
      secrets: secrets as never,
      leases: {} as never,
      tokenSecrets: { mm: 'report-fetcher/dev/mm/token' },
    });
    expect(await cache.read('mm')).toBeUndefined();
    expect(redact(LOG_LINE)).toBe(LOG_LINE);
  });
});
