/** Simulator statistics and the redacted request log. */
import type { RequestLogEntry, SimulatorStats } from '../types.js';

/** Query parameters whose values are secrets and never stored in the log. */
const SECRET_PARAMS = new Set(['access_token', 'api_key', 'client_secret', 'password', 'refresh_token']);

export function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    dataRequests: 0,
    authGrants: {},
    refused: 0,
    faultsInjected: 0,
    authFailures: 0,
    requestLog: [],
  };
}

export function redactedQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of params) query[name] = SECRET_PARAMS.has(name) ? '[redacted]' : value;
  return query;
}

export function logEntry(method: string, url: URL, status: number, at: number): RequestLogEntry {
  return { method, path: url.pathname, query: redactedQuery(url.searchParams), status, at };
}
