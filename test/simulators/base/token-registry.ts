/**
 * Access and refresh tokens a simulator has issued, with expiry, revocation and single-use
 * refresh-token rotation. Tokens are random (not seeded) so a token from one simulator instance
 * can never be valid at another one that happens to share the seed.
 */
import { randomBytes } from 'node:crypto';

interface AccessToken {
  expiresAtMs: number;
  revoked: boolean;
}

export class TokenRegistry {
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly liveRefreshTokens = new Set<string>();
  private readonly everIssued: string[] = [];

  constructor(private readonly ttlSeconds: number) {}

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  /** Registers `value` (e.g. a JWT built by the caller) or a fresh random 40-hex token. */
  issueAccessToken(value: string = randomToken()): string {
    this.accessTokens.set(value, { expiresAtMs: Date.now() + this.ttlSeconds * 1000, revoked: false });
    this.everIssued.push(value);
    return value;
  }

  isAccessTokenValid(value: string | undefined): boolean {
    if (value === undefined) return false;
    const token = this.accessTokens.get(value);
    return token !== undefined && !token.revoked && Date.now() < token.expiresAtMs;
  }

  issueRefreshToken(): string {
    const value = randomToken();
    this.liveRefreshTokens.add(value);
    this.everIssued.push(value);
    return value;
  }

  /** True for a refresh token issued and not yet spent (reusable refresh tokens). */
  isRefreshTokenLive(value: string | undefined): boolean {
    return value !== undefined && this.liveRefreshTokens.has(value);
  }

  /** Single use: true (and the token is dead from now on) only for a live refresh token. */
  consumeRefreshToken(value: string | undefined): boolean {
    if (value === undefined) return false;
    return this.liveRefreshTokens.delete(value);
  }

  revokeAllAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.revoked = true;
  }

  expireAllAccessTokens(): void {
    const past = Date.now() - 1;
    for (const token of this.accessTokens.values()) token.expiresAtMs = Math.min(token.expiresAtMs, past);
  }

  issuedValues(): string[] {
    return [...this.everIssued];
  }
}

function randomToken(): string {
  return randomBytes(20).toString('hex');
}

/** Random alphanumeric id, e.g. for MediaMath request_id. */
export function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
