import { ConfigError, VendorError } from '../errors.js';
import { containsSecret, SECRET_PARAMS } from '../secrets.js';

/**
 * Where a source's credentials may go: one origin (scheme, host, port) and a path prefix, fixed
 * by configuration. Every URL a vendor hands us (a Link header, a next URL in a body, a page
 * state that travelled through a queue) is checked against it and reduced to a path and query on
 * that origin; a request carrying credentials is refused anywhere else.
 */
export class PinnedOrigin {
  readonly origin: string;
  /** The configured base URL's path, with a trailing slash: every request path starts with it. */
  readonly pathPrefix: string;

  constructor(
    base: string,
    /** What the origin is for, in error messages: "baseUrl", "authUrl". */
    readonly role: string,
  ) {
    const url = new URL(base);
    assertCredentialSafe(url, role);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  }

  /** True when `url` is on this origin and under its path prefix. */
  contains(url: URL): boolean {
    return (
      url.origin === this.origin &&
      (url.pathname === this.pathPrefix.slice(0, -1) || url.pathname.startsWith(this.pathPrefix)) &&
      url.username === '' &&
      url.password === ''
    );
  }

  /** Throws unless a request with credentials may go to `url`. */
  check(url: URL, what = 'request'): void {
    if (!this.contains(url)) {
      throw new VendorError(
        'UNTRUSTED_URL',
        `refusing to send credentials to ${describeOrigin(url)}: the ${what} is not under the configured ${this.role} ${this.origin}${this.pathPrefix}`,
      );
    }
  }

  /**
   * Reduces a URL the vendor supplied to a page reference: the path and query on this origin,
   * without credential parameters (by name) or any parameter whose value holds a registered
   * secret. Throws when the URL leaves the origin or the path prefix.
   */
  reduce(vendorUrl: string, what: string): string {
    let url: URL;
    try {
      url = new URL(vendorUrl, `${this.origin}${this.pathPrefix}`);
    } catch {
      throw new VendorError('UNTRUSTED_URL', `the vendor's ${what} is not a URL`);
    }
    if (!this.contains(url)) {
      throw new VendorError(
        'UNTRUSTED_URL',
        `the vendor's ${what} points to ${describeOrigin(url)}${url.origin === this.origin ? ' outside the configured path' : ''}; only ${this.origin}${this.pathPrefix} is followed`,
      );
    }
    for (const [name, value] of [...url.searchParams]) {
      if ((SECRET_PARAMS as readonly string[]).includes(name.toLowerCase()) || containsSecret(value))
        url.searchParams.delete(name);
    }
    return `${url.pathname}${url.search}`;
  }
}

/** Loopback hosts: the only ones a credential may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Credentials travel over https only, or plain http to this machine; never in URL userinfo. */
function assertCredentialSafe(url: URL, role: string): void {
  if (url.username || url.password) {
    throw new ConfigError(
      `${role} must not carry a user name or password (put credentials in "credentials")`,
    );
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new ConfigError(
    `${role} ${describeOrigin(url)} is not https: credentials go over https only (plain http only to loopback)`,
  );
}

/** The origin of a URL, safe to print (no userinfo, no path or query). */
export function describeOrigin(url: URL | string): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    if (parsed.origin !== 'null') return parsed.origin;
    return `${parsed.protocol}…`;
  } catch {
    return 'an invalid URL';
  }
}
