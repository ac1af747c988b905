import * as z from 'zod';
import { AuthError, CredentialsError, ReportFetcherError } from '../errors.js';
import { registerSecret } from '../secrets.js';
import type { AuthSpec, ParamValue, TokenEndpoint } from './auth-spec.js';
import type { TokenCache, TokenEntry } from './token-cache.js';
import { isCredentialLength, MIN_TOKEN_CHARS } from './token-length.js';

function buildGrantResponse() {
  return z.object({
    access_token: z.string().min(1),
    // AdMaster sends expires_in as a string ("18000"), others as a number.
    expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    refresh_token: z.string().min(1).optional(),
  });
}
let grantResponseSchema: ReturnType<typeof buildGrantResponse> | undefined;

/**
 * The grant response schema, built on first use rather than at import: a schema built at the top
 * of the module is a call the bundler has to keep, and it brings all of zod (~94 KB minified)
 * into every Lambda that imports the engine's index, even one that only needs an error class from
 * it (the alarm re-notifier, the secrets custom resource).
 */
function grantResponse() {
  grantResponseSchema ??= buildGrantResponse();
  return grantResponseSchema;
}

export type GrantKind = 'grant' | 'refresh';

/** Sends one grant request and returns the parsed JSON body; errors are already typed. */
export type GrantTransport = (
  endpoint: TokenEndpoint,
  body: Record<string, string>,
  kind: GrantKind,
) => Promise<unknown>;

export interface TokenProviderOptions {
  source: string;
  spec: Exclude<AuthSpec, { kind: 'api-key' }>;
  credentials: Record<string, string>;
  cache: TokenCache;
  transport: GrantTransport;
  /** Identifies the endpoint + credentials; cached tokens of another issuer are ignored. */
  issuer: string;
  /** A token is replaced this long before it expires. */
  refreshMarginMs?: number;
  now?: () => number;
}

export interface AuthStats {
  grants: number;
  refreshes: number;
  refreshRefusals: number;
}

/**
 * Hands out a valid access token for one source. Tokens are reused from the cache while they
 * have life left, replaced ahead of expiry, and replaced once more when the vendor rejects one.
 * Replacement happens under the cache's lock, re-reading the cache first, so many workers that
 * notice expiry at once cause one grant, and a rotated refresh token is spent only once.
 */
export class TokenProvider {
  readonly stats: AuthStats = { grants: 0, refreshes: 0, refreshRefusals: 0 };
  private current: TokenEntry | undefined;
  private readonly rejected = new Set<string>();
  private inflight: Promise<TokenEntry> | undefined;
  private readonly margin: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A token with at least `minLifeMs` (default: the refresh margin) left. */
  async token(minLifeMs = this.margin): Promise<string> {
    if (this.usable(this.current, minLifeMs)) return this.current!.accessToken;
    this.inflight ??= this.obtain(minLifeMs).finally(() => {
      this.inflight = undefined;
    });
    this.current = await this.inflight;
    return this.current.accessToken;
  }

  /** The vendor refused `token`: never use it again, in this process. */
  reject(token: string): void {
    this.rejected.add(token);
    if (this.current?.accessToken === token) this.current = undefined;
  }

  private usable(entry: TokenEntry | undefined, minLifeMs: number): boolean {
    return (
      !!entry &&
      entry.issuer === this.options.issuer &&
      !this.rejected.has(entry.accessToken) &&
      entry.expiresAt - minLifeMs > this.now()
    );
  }

  private async obtain(minLifeMs: number): Promise<TokenEntry> {
    const { cache, source } = this.options;
    const cached = credible(await cache.read(source));
    if (cached) registerEntry(cached);
    if (this.usable(cached, minLifeMs)) return cached!;
    return cache.withLock(source, async () => {
      // Another worker may have replaced the token while we waited for the lock.
      const latest = credible(await cache.read(source));
      if (latest) registerEntry(latest);
      if (this.usable(latest, minLifeMs)) return latest!;
      const entry = await this.replace(latest);
      await cache.write(source, entry);
      return entry;
    });
  }

  private async replace(latest: TokenEntry | undefined): Promise<TokenEntry> {
    const { spec } = this.options;
    if (spec.kind === 'refresh-grant' && latest?.refreshToken && latest.issuer === this.options.issuer) {
      try {
        this.stats.refreshes++;
        const refreshed = await this.grant(
          spec.refresh,
          { [spec.refresh.refreshTokenParam]: latest.refreshToken },
          'refresh',
        );
        // A refresh answered without a new refresh token (the document shows no refresh
        // response, publisher-api.md:47-56) leaves the old one in use; if the vendor spent it
        // after all, the next refresh is refused and the primary grant recovers, as below.
        return refreshed.refreshToken ? refreshed : { ...refreshed, refreshToken: latest.refreshToken };
      } catch (error) {
        // Refused (already rotated elsewhere, revoked) or lost on the wire after the vendor
        // rotated it: either way that refresh token is spent. The primary grant recovers.
        this.stats.refreshRefusals++;
        if (error instanceof ReportFetcherError && error.code === 'CREDENTIALS_MISSING') throw error;
      }
    }
    return this.grant(spec.grant, {}, 'grant');
  }

  private async grant(
    endpoint: TokenEndpoint,
    extra: Record<string, string>,
    kind: GrantKind,
  ): Promise<TokenEntry> {
    const body = {
      ...resolveParams(endpoint.params, this.options.credentials, this.options.source),
      ...extra,
    };
    const raw = await this.options.transport(endpoint, body, kind);
    this.stats.grants++;
    const parsed = grantResponse().safeParse(raw);
    if (!parsed.success) {
      throw new AuthError(`token endpoint ${endpoint.path} answered without a usable access_token`, {
        context: { source: this.options.source },
      });
    }
    const { access_token, expires_in, refresh_token } = parsed.data;
    // Before it is registered (a one-character secret would be scrubbed from every log line), used or cached.
    for (const [field, token] of [
      ['access_token', access_token],
      ['refresh_token', refresh_token],
    ] as const) {
      if (token !== undefined && !isCredentialLength(token))
        throw new AuthError(
          `token endpoint ${endpoint.path}: the ${field} it answered is shorter than ${MIN_TOKEN_CHARS} characters, too short to be a credential; refused, neither used nor cached`,
          { context: { source: this.options.source } },
        );
    }
    registerSecret(access_token);
    registerSecret(refresh_token);
    const obtainedAt = this.now();
    const ttlSeconds =
      expires_in ?? jwtLifetimeSeconds(access_token, obtainedAt) ?? assumedTtl(this.options.spec);
    return {
      accessToken: access_token,
      ...(refresh_token ? { refreshToken: refresh_token } : {}),
      expiresAt: obtainedAt + ttlSeconds * 1000,
      obtainedAt,
      issuer: this.options.issuer,
    };
  }
}

/**
 * A cached entry whose tokens could be credentials, else none: one too short (written before the
 * grant refused such tokens, or by a tampered cache) is neither registered nor used, and the
 * grant that replaces it overwrites it.
 */
function credible(entry: TokenEntry | undefined): TokenEntry | undefined {
  if (!entry) return undefined;
  const tokens = [entry.accessToken, entry.refreshToken].filter((t) => t !== undefined);
  return tokens.every((t) => typeof t === 'string' && isCredentialLength(t)) ? entry : undefined;
}

function registerEntry(entry: TokenEntry): void {
  registerSecret(entry.accessToken);
  registerSecret(entry.refreshToken);
}

function assumedTtl(spec: TokenProviderOptions['spec']): number {
  return spec.kind === 'jwt-bearer' ? 3600 : spec.assumedTtlSeconds;
}

function resolveParams(
  params: Record<string, ParamValue>,
  credentials: Record<string, string>,
  source: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      out[name] = value;
      continue;
    }
    const secret = credentials[value.credential];
    if (!secret) {
      throw new CredentialsError(`credential "${value.credential}" is not set`, { source });
    }
    out[name] = secret;
  }
  return out;
}

/** Seconds left in a JWT's `exp` claim, if the token is a JWT. Only read, never trusted for auth. */
function jwtLifetimeSeconds(token: string, now: number): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? Math.max(0, Math.floor(payload.exp - now / 1000)) : undefined;
  } catch {
    return undefined;
  }
}
