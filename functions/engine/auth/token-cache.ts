/** A token as cached between runs and between workers. Never logged, never queued. */
export interface TokenEntry {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; the token is not used within the provider's margin of it. */
  expiresAt: number;
  obtainedAt: number;
  /**
   * Hash of the token endpoint and credentials that obtained it: a token is never sent to
   * another server, nor reused after the credentials change.
   */
  issuer?: string;
}

/**
 * Port: where a source's token lives between processes. Local: a 0600 file; AWS: the source's
 * token secret in Secrets Manager.
 */
export interface TokenCache {
  read(source: string): Promise<TokenEntry | undefined>;
  write(source: string, entry: TokenEntry): Promise<void>;
  /**
   * Runs `fn` while holding the source's refresh lock, so concurrent workers refresh one at a
   * time and the later ones find the fresh token instead of spending a single-use refresh token.
   */
  withLock<T>(source: string, fn: () => Promise<T>): Promise<T>;
}
