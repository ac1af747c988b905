import { describe, expect, it } from 'vitest';
import {
  AuthError,
  BudgetExceededError,
  ConfigError,
  CredentialsError,
  DeadlineError,
  DriftError,
  ERROR_FAMILIES,
  type ErrorFamily,
  exitCodeOf,
  FAMILY_OF_CODE,
  failureMetricOf,
  GaveUpError,
  InputError,
  InternalError,
  ReportFetcherError,
  SchemaDriftError,
  toReportFetcherError,
  VendorError,
  VendorHttpError,
} from '../../functions/engine/errors.js';

describe('error families', () => {
  const byFamily: [ErrorFamily, Error][] = [
    ['input', new InputError('bad flag')],
    ['config', new ConfigError('bad key')],
    ['config', new CredentialsError('missing credential')],
    ['auth', new AuthError('refused')],
    [
      'auth',
      new VendorHttpError('VENDOR_AUTH', {
        status: 401,
        vendorMessage: '',
        method: 'GET',
        url: 'https://v/x',
        retryable: false,
      }),
    ],
    ['vendor', new VendorError('NETWORK', 'reset')],
    [
      'vendor',
      new VendorHttpError('VENDOR_HTTP', {
        status: 500,
        vendorMessage: 'oops',
        method: 'GET',
        url: 'https://v/x',
        retryable: true,
      }),
    ],
    ['drift', new DriftError('COUNT_MISMATCH', 'short')],
    ['drift', new SchemaDriftError('field x missing')],
    ['budget', new BudgetExceededError('maxPages', 'too many pages')],
    ['budget', new DeadlineError({ deadline: 'd', resumeAt: 0, message: 'late' })],
    ['internal', new InternalError('bug')],
    ['internal', new Error('not ours')],
    ['budget', new GaveUpError('gave up', new BudgetExceededError('maxPages', 'too many pages'))],
    ['auth', new GaveUpError('gave up', new AuthError('refused'))],
  ];

  it.each(byFamily)('a %s error has its family, exit code and metric', (family, error) => {
    expect(exitCodeOf(error)).toBe(ERROR_FAMILIES[family].exitCode);
    expect(failureMetricOf(error)).toBe(ERROR_FAMILIES[family].metric);
  });

  it('exits 2 only for bad input and configuration; every other family has a code of its own', () => {
    const codes = Object.entries(ERROR_FAMILIES).map(([family, traits]) => [family, traits.exitCode]);
    expect(codes.filter(([, code]) => code === 2).map(([family]) => family)).toEqual(['input', 'config']);
    const others = codes.filter(([, code]) => code !== 2).map(([, code]) => code);
    expect(new Set(others).size).toBe(others.length);
    // 0 is success and 1 "the run finished, some partitions failed": no family may take them.
    expect(others).not.toContain(0);
    expect(others).not.toContain(1);
  });

  it('raises only the family classes: the common base is abstract, what is not ours is internal', () => {
    // Compiled, never run: tsc refuses to construct the base (the @ts-expect-error holds).
    // @ts-expect-error ReportFetcherError is abstract and its constructor protected
    const construct = () => new ReportFetcherError('INTERNAL', 'raised directly');
    expect(construct).toBeTypeOf('function');
    const wrapped = toReportFetcherError(new TypeError('x is undefined'), { source: 's' });
    expect(wrapped).toBeInstanceOf(InternalError);
    expect(wrapped).toMatchObject({ code: 'INTERNAL', name: 'InternalError', context: { source: 's' } });
  });

  it('puts every code in a family', () => {
    for (const family of Object.values(FAMILY_OF_CODE)) expect(ERROR_FAMILIES[family]).toBeDefined();
  });
});
