import type { AuthSpec } from '../auth/auth-spec.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { CredentialsError } from '../errors.js';
import type { HttpRequest } from '../http/http-client.js';
import { sanitizeUrl } from '../secrets.js';

/**
 * Attaches the source's credentials to a request already checked against its base URL: the API
 * key in its query parameter (never stored), or the current token in the Authorization header.
 * Returns the token used, so a refusal can reject exactly that one.
 */
export async function authorise(
  request: HttpRequest,
  auth: AuthSpec,
  credentials: Record<string, string>,
  tokens: TokenProvider | undefined,
  source: string,
): Promise<{ url: URL; headers: Record<string, string>; token?: string }> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (auth.kind === 'api-key') {
    const key = credentials[auth.credential];
    if (!key) {
      throw new CredentialsError(`credential "${auth.credential}" is not set`, { source });
    }
    const url = new URL(request.url);
    url.searchParams.set(auth.queryParam, key);
    return { url, headers };
  }
  const token = await tokens!.token();
  headers.authorization = `${auth.placement.scheme} ${token}`;
  // Vendor next-URLs may carry a token; ours goes in the header only.
  return { url: new URL(sanitizeUrl(request.url)), headers, token };
}
