/**
 * Every secret value the process learns (credentials read from config, tokens issued by vendors)
 * is registered here, so that any text leaving the process (log lines, error messages, stored
 * URLs) can be scrubbed by value, not only by the name of the parameter that carried it.
 */
const registered = new Set<string>();

/** Query parameters that carry credentials at one vendor or another. */
export const SECRET_PARAMS = [
  'access_token',
  'api_key',
  'apikey',
  'token',
  'client_secret',
  'password',
  'refresh_token',
  'secret',
] as const;

const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined | null): void {
  // Very short values (e.g. "1") would redact innocent text; real credentials are longer.
  if (value && value.length >= MIN_SECRET_LENGTH) registered.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('[redacted]');
  }
  return out.replace(new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"']*`, 'gi'), '$1[redacted]');
}

/** Removes credential-carrying parameters from a URL so it can be stored in a queue message or log. */
export function sanitizeUrl(url: string | URL): string {
  const parsed = new URL(url.toString());
  for (const name of [...parsed.searchParams.keys()]) {
    if ((SECRET_PARAMS as readonly string[]).includes(name.toLowerCase())) parsed.searchParams.delete(name);
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/** For tests: forget registered secrets between cases. */
export function clearRegisteredSecrets(): void {
  registered.clear();
}
