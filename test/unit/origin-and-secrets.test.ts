import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, PinnedOrigin } from '../../functions/engine/http/origin.js';
import { clearRegisteredSecrets, printable, redact, registerSecret } from '../../functions/engine/secrets.js';

afterEach(() => clearRegisteredSecrets());

describe('PinnedOrigin', () => {
  const origin = new PinnedOrigin('https://api.vendor.test/v2', 'baseUrl');

  it('reduces a URL on the origin and under the path to a path and query', () => {
    expect(origin.reduce('https://api.vendor.test/v2/c?page=2', 'Link')).toBe('/v2/c?page=2');
    expect(origin.reduce('/v2/c?page=3', 'Link')).toBe('/v2/c?page=3');
  });

  it.each([
    ['another host', 'https://evil.test/v2/c?page=2'],
    ['another port', 'https://api.vendor.test:8443/v2/c'],
    ['another scheme', 'http://api.vendor.test/v2/c'],
    ['userinfo', 'https://u:p@api.vendor.test/v2/c'],
    ['a protocol-relative URL', '//evil.test/v2/c'],
    ['a path outside the prefix', 'https://api.vendor.test/admin?x=1'],
    ['a dot-dot escape', 'https://api.vendor.test/v2/../admin'],
    ['a prefix look-alike', 'https://api.vendor.test/v2evil/c'],
  ])('refuses %s', (_what, url) => {
    expect(() => origin.reduce(url, 'Link rel="next"')).toThrow(/Link rel="next"/);
    expect(() => origin.check(new URL(url, 'https://api.vendor.test'))).toThrow(
      /refusing to send credentials/,
    );
  });

  it('drops credential parameters by name and any parameter holding a registered secret', () => {
    registerSecret('tok-9f8e7d');
    expect(origin.reduce('/v2/c?page=2&access_token=x&sig=tok-9f8e7d&q=1', 'Link')).toBe('/v2/c?page=2&q=1');
  });

  it('allows plain http only to loopback and never userinfo', () => {
    expect(() => new PinnedOrigin('http://127.0.0.1:9/', 'baseUrl')).not.toThrow();
    expect(() => new PinnedOrigin('http://[::1]:9/', 'baseUrl')).not.toThrow();
    expect(() => new PinnedOrigin('http://vendor.test/', 'baseUrl')).toThrow(/https only/);
    expect(() => new PinnedOrigin('ftp://vendor.test/', 'baseUrl')).toThrow(/https only/);
    expect(() => new PinnedOrigin('https://u:hunter2@vendor.test/', 'baseUrl')).toThrow(
      /user name or password/,
    );
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.test')).toBe(false);
  });
});

describe('redaction', () => {
  it('scrubs a secret in every encoding it travels in, whatever its length', () => {
    const secret = 'p"a\\s s&w/rd+é';
    registerSecret(secret);
    const basic = Buffer.from(`client-id:${secret}`).toString('base64');
    const texts = [
      `raw ${secret} end`,
      `json ${JSON.stringify({ message: `bad ${secret}` })}`,
      `url ?x=${encodeURIComponent(secret)}`,
      `form ${new URLSearchParams({ password: secret }).toString()}`,
      `basic Authorization: Basic ${basic}`,
    ];
    for (const text of texts) {
      const out = redact(text);
      expect(out).toContain('[redacted]');
      expect(out).not.toContain(secret);
      expect(out).not.toContain(encodeURIComponent(secret));
    }
    const short = 'ab1';
    registerSecret(short);
    expect(redact('token ab1 here')).toBe('token [redacted] here');
  });

  it('shows control characters and bidi overrides escaped, never raw', () => {
    const out = printable('\u001b[2J\u001b]0;title\u0007ok\r\nreport-fetcher: done\u202e');
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('\\x1b[2J');
    expect(printable('a\nb', { keepNewlines: true })).toBe('a\nb');
  });
});
