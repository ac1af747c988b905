/** Credential helpers shared by the simulators. */
import type { IncomingHttpHeaders } from 'node:http';
import { Prng } from './prng.js';

/** A deterministic secret-looking hex string, distinct per seed, vendor and credential name. */
export function seededSecret(seed: number, vendor: string, name: string, length = 32): string {
  return Prng.for(seed, vendor, 'credential', name).hex(length);
}

/** The token of an `Authorization: <scheme> <token>` header (scheme compared case-insensitively). */
export function authorizationToken(headers: IncomingHttpHeaders, scheme: string): string | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  const [given, token] = header.trim().split(/\s+/, 2);
  return given?.toLowerCase() === scheme.toLowerCase() && token ? token : undefined;
}
