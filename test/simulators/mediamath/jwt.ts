/** Minimal HS256 JSON Web Tokens (RFC 7519), enough to look and verify like the real thing. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class JwtSigner {
  private readonly secret = randomBytes(32);

  sign(claims: JwtClaims): string {
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${unsigned}.${this.signature(unsigned)}`;
  }

  /** The claims of a well-formed token signed by this signer and not past `exp`; else undefined. */
  verify(token: string, nowMs = Date.now()): JwtClaims | undefined {
    const parts = token.split('.');
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || header === undefined || payload === undefined || signature === undefined)
      return undefined;
    const expected = Buffer.from(this.signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
      return typeof claims.exp === 'number' && claims.exp * 1000 > nowMs ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private signature(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
