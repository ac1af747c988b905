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

/** In-process cache: tests and single-process runs. */
export class MemoryTokenCache implements TokenCache {
  private readonly entries = new Map<string, TokenEntry>();
  private readonly locks = new Map<string, Promise<unknown>>();
  writes = 0;

  async read(source: string) {
    const entry = this.entries.get(source);
    return entry ? { ...entry } : undefined;
  }
  async write(source: string, entry: TokenEntry) {
    this.writes++;
    this.entries.set(source, { ...entry });
  }
  withLock<T>(source: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(source) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    this.locks.set(
      source,
      run.catch(() => undefined),
    );
    return run;
  }
}
