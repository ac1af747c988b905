import { describe, expect, it } from 'vitest';
import { SchemaDriftError, type VendorHttpError } from '../../functions/engine/errors.js';
import { answerError } from '../../functions/engine/vendor/answer-error.js';
import {
  defaultRules,
  matchAnswer,
  type ResponseRule,
  reauthenticateOn,
  statusInBody,
  unknownField,
} from '../../functions/engine/vendor/response-rules.js';

const RULES: ResponseRule[] = [
  reauthenticateOn(401),
  { status: 404, action: { do: 'reauthenticate', stillRefused: 'not-found' } },
  { status: 403, body: /rate limit/i, action: { do: 'rate-limited' } },
  unknownField(/field does not exist in this dataset: ([a-z_]+)/, 'options.fields'),
  { status: 422, body: (json) => (json as { error?: string })?.error === 'schema', action: { do: 'drift' } },
  statusInBody('status_code'),
  ...defaultRules([429, 500, 503]),
];

const answer = (status: number, body: unknown) => ({
  status,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('response rules: one ordered list, first match decides', () => {
  it('matches statuses, body patterns and body predicates in order, defaults last', () => {
    const what = (status: number, body: unknown) =>
      matchAnswer(RULES, answer(status, body), 'response')?.action.do;
    expect(what(401, {})).toBe('reauthenticate');
    expect(what(403, { message: 'API rate limit exceeded' })).toBe('rate-limited');
    expect(what(403, { message: 'forbidden' })).toBe('fail');
    expect(what(400, { message: 'field does not exist in this dataset: exchange_name' })).toBe(
      'config-error',
    );
    expect(what(422, { error: 'schema' })).toBe('drift');
    expect(what(422, { error: 'other' })).toBe('fail');
    expect(what(503, 'busy')).toBe('retry');
    expect(what(418, 'teapot')).toBe('fail');
    // 429 is a rate-limit refusal whatever the body says (no vendor document shows one).
    expect(what(429, 'slow down')).toBe('rate-limited');
    expect(what(429, '')).toBe('rate-limited');
  });

  it('holds the source for the wait a refusal names, else for the fallback wait', () => {
    const refusal = (status: number, headers: Record<string, string>, resetAt?: number) => {
      const blocked: number[] = [];
      const error = answerError(matchAnswer(RULES, answer(status, { message: 'rate limit' }), 'response')!, {
        ...situation(),
        headers: new Headers(headers),
        ...(resetAt !== undefined ? { resetAt } : {}),
        blockUntil: (time) => void blocked.push(time),
      }) as VendorHttpError;
      return [error.code, error.retryable, error.retryAfterMs, blocked];
    };
    // now is 10 000 (situation()).
    expect(refusal(429, {})).toEqual(['VENDOR_RATE_LIMITED', true, 60_000, [70_000]]);
    expect(refusal(429, { 'retry-after': '5' })).toEqual(['VENDOR_RATE_LIMITED', true, 5_000, [15_000]]);
    expect(refusal(429, { 'retry-after': '0' })).toEqual(['VENDOR_RATE_LIMITED', true, 0, [10_000]]);
    expect(refusal(403, {})).toEqual(['VENDOR_RATE_LIMITED', true, 60_000, [70_000]]);
    expect(refusal(403, {}, 40_000)).toEqual(['VENDOR_RATE_LIMITED', true, 30_000, [40_000]]);
    // Both named: the later one.
    expect(refusal(429, { 'retry-after': '50' }, 40_000)).toEqual([
      'VENDOR_RATE_LIMITED',
      true,
      50_000,
      [60_000],
    ]);
  });

  it("captures the pattern's subject from the vendor's message", () => {
    const match = matchAnswer(
      RULES,
      answer(400, { errors: [{ message: 'field does not exist in this dataset: exchange_name' }] }),
      'response',
    )!;
    expect(match.subject).toBe('exchange_name');
    const error = answerError(match, situation());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/no field "exchange_name".*options\.fields of source "src"/);
  });

  it('reads a status echoed in a 2xx body only in the body phase', () => {
    expect(matchAnswer(RULES, answer(200, { status_code: 200, data: [] }), 'body')).toBeUndefined();
    expect(matchAnswer(RULES, answer(200, { status_code: '503' }), 'body')).toMatchObject({
      status: 503,
      action: { do: 'retry' },
    });
    expect(matchAnswer(RULES, answer(200, { status_code: 400 }), 'body')?.action.do).toBe('fail');
    expect(matchAnswer(RULES, answer(200, { status_code: 401 }), 'body')?.action.do).toBe('reauthenticate');
    // The HTTP phase never reads it; the defaults never apply to a 2xx body.
    expect(matchAnswer(RULES, answer(500, { status_code: 200 }), 'response')?.action.do).toBe('retry');
  });

  it('never re-authenticates a refused grant, and reads stream lines by body pattern only', () => {
    expect(matchAnswer(RULES, answer(401, {}), 'grant')?.action.do).toBe('fail');
    expect(matchAnswer(RULES, answer(404, {}), 'grant')?.action.do).toBe('fail');
    const line = answer(200, { error_code: 400, message: 'field does not exist in this dataset: x_y' });
    expect(matchAnswer(RULES, line, 'stream')).toMatchObject({
      action: { do: 'config-error' },
      subject: 'x_y',
    });
    expect(matchAnswer(RULES, answer(200, { error_code: 500, message: 'boom' }), 'stream')).toBeUndefined();
  });

  it('makes each action its typed error', () => {
    const blocked: number[] = [];
    const at = (status: number, body: unknown, reauthenticated = false) =>
      answerError(matchAnswer(RULES, answer(status, body), 'response')!, {
        ...situation(reauthenticated),
        resetAt: 70_000,
        blockUntil: (time) => void blocked.push(time),
      });
    const limited = at(403, { message: 'rate limit' }) as VendorHttpError;
    expect([limited.code, limited.retryable, limited.retryAfterMs, blocked]).toEqual([
      'VENDOR_RATE_LIMITED',
      true,
      60_000,
      [70_000],
    ]);
    // Still 404 with a fresh token: not found, yet retried, since a token revoked again answers the same.
    expect([at(404, {}, true).code, at(404, {}, true).retryable]).toEqual(['VENDOR_NOT_FOUND', true]);
    expect([at(404, {}).code, at(404, {}).retryable]).toEqual(['VENDOR_AUTH', false]);
    expect([at(401, {}, true).code, at(401, {}, true).retryable]).toEqual(['VENDOR_AUTH', true]);
    expect(at(422, { error: 'schema' })).toBeInstanceOf(SchemaDriftError);
    expect(at(503, 'x').retryable).toBe(true);
    expect(at(418, 'x').retryable).toBe(false);
  });
});

function situation(reauthenticated = false) {
  return {
    request: { method: 'GET' as const, url: new URL('https://vendor.test/r?api_key=k') },
    headers: new Headers(),
    source: 'src',
    context: {},
    reauthenticated,
    now: 10_000,
    rateLimitWaitMs: 60_000,
    blockUntil: () => {},
  };
}
