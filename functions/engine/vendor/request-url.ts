import type { RequestSpec } from '../connector-definition.js';

/** A connector's request path and query under a configured base URL (which may carry a path). */
export function requestUrl(baseUrl: string, spec: Pick<RequestSpec, 'path' | 'query'>): URL {
  const url = new URL(spec.path.replace(/^\//, ''), withSlash(baseUrl));
  for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
  return url;
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
