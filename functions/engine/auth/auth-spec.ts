/**
 * How a vendor authenticates, as data. Grant parameters name credential keys (`{ credential:
 * 'client_id' }`) or literal values, so the connector never sees where credentials come from.
 */
export type ParamValue = string | { credential: string };

export interface TokenEndpoint {
  path: string;
  encoding: 'form' | 'json';
  params: Record<string, ParamValue>;
}

export interface TokenPlacement {
  /** Authorization header scheme: "Bearer" for most, "token" for AdMaster. */
  scheme: string;
}

export type AuthSpec =
  /** A grant that returns an access token only (Adcloud: client credentials, no expires_in). */
  | {
      kind: 'token-grant';
      grant: TokenEndpoint;
      /** Lifetime assumed when the grant does not say (Adcloud documents two hours). */
      assumedTtlSeconds: number;
      placement: TokenPlacement;
    }
  /** A primary grant plus a refresh grant whose refresh tokens may be single-use (rotated). */
  | {
      kind: 'refresh-grant';
      grant: TokenEndpoint;
      refresh: TokenEndpoint & { refreshTokenParam: string };
      assumedTtlSeconds: number;
      placement: TokenPlacement;
    }
  /** A long-lived key sent with every request as a query parameter (TUNE's api_key). */
  | { kind: 'api-key'; queryParam: string; credential: string }
  /** A JWT from a client-credentials grant; its lifetime comes from expires_in or the `exp` claim. */
  | { kind: 'jwt-bearer'; grant: TokenEndpoint; placement: TokenPlacement };

export function credentialKeysOf(spec: AuthSpec): string[] {
  if (spec.kind === 'api-key') return [spec.credential];
  const endpoints = spec.kind === 'refresh-grant' ? [spec.grant, spec.refresh] : [spec.grant];
  const keys = new Set<string>();
  for (const endpoint of endpoints) {
    for (const value of Object.values(endpoint.params))
      if (typeof value !== 'string') keys.add(value.credential);
  }
  return [...keys];
}

/** Grant parameters read from credentials of the same name: `credentialParams('client_id', 'client_secret')`. */
export function credentialParams(...keys: string[]): Record<string, ParamValue> {
  return Object.fromEntries(keys.map((key) => [key, { credential: key }]));
}
