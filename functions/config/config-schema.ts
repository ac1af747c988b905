import * as z from 'zod';
import { DEFAULT_LIMITS, isLoopbackHost, isValidTimezone } from '../engine/index.js';

/** Source names name folders, S3 prefixes and AWS resources: lower snake case, 1-40 characters. */
const NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Names JavaScript objects already carry: never a source, credential or option key. */
export const PROTOTYPE_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__definegetter__',
  '__definesetter__',
  '__lookupgetter__',
  '__lookupsetter__',
  'hasownproperty',
  'isprototypeof',
  'propertyisenumerable',
  'tolocalestring',
  'tostring',
  'valueof',
]);
const SECRET_LOOKING_KEY = /(secret|password|api_?key|token)/i;

/**
 * A URL credentials will be sent to: https, or plain http to loopback only; no user name or
 * password in it (they would be printed and stored with it). Messages never repeat the value.
 */
const credentialUrl = z
  .string()
  .refine((value) => URL.canParse(value), 'must be an absolute URL')
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be https (plain http only to localhost/127.0.0.1/::1): credentials are sent to it')
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'must not carry a user name or password: put credentials in "credentials"')
  .refine((value) => {
    const url = new URL(value);
    return url.search === '' && url.hash === '';
  }, 'must not carry a query or fragment');

const positive = z.number().positive().finite();

/** Budgets on what a vendor controls (engine/limits.ts); every key optional. */
export const limitsSchema = z
  .strictObject(
    Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((key) => [key, positive.optional()])) as Record<
      keyof typeof DEFAULT_LIMITS,
      z.ZodOptional<typeof positive>
    >,
  )
  .superRefine((limits, ctx) => {
    // The fallback wait is a wait like any the vendor names: beyond the budget, every refusal
    // that names no wait would fail at once, as if the vendor had asked for it.
    const fallback = limits.rateLimitWaitSeconds ?? DEFAULT_LIMITS.rateLimitWaitSeconds;
    const budget = limits.maxVendorWaitSeconds ?? DEFAULT_LIMITS.maxVendorWaitSeconds;
    if (fallback > budget)
      ctx.addIssue({
        code: 'custom',
        path: ['rateLimitWaitSeconds'],
        message: `limits.rateLimitWaitSeconds (${fallback}${limits.rateLimitWaitSeconds === undefined ? ', the default' : ''}) is longer than limits.maxVendorWaitSeconds (${budget}${limits.maxVendorWaitSeconds === undefined ? ', the default' : ''}): lower the one or raise the other`,
      });
  });

const safeKey = (what: string) =>
  z
    .string()
    .refine(
      (key) => !PROTOTYPE_NAMES.has(key.toLowerCase()),
      `${what} must not be a JavaScript property name such as __proto__ or constructor`,
    );

export const credentialsSchema = z
  .strictObject({
    /** credential key → environment variable that holds it. */
    env: z
      .record(
        safeKey('a credential key'),
        z
          .string()
          .regex(
            /^[A-Z_][A-Z0-9_]{0,127}$/,
            'must be an environment variable name (the value itself goes in the environment)',
          ),
      )
      .optional(),
    /** A git-ignored JSON file: { "<source>": { "<credential key>": "value" } }. */
    file: z.string().min(1).optional(),
  })
  .refine((c) => !(c.env && c.file), 'give either "env" or "file", not both');

export const sourceSchema = z.strictObject({
  name: z
    .string()
    .regex(NAME, 'must be lower_snake_case, at most 40 characters (it names folders and AWS resources)')
    .refine(
      (name) => !PROTOTYPE_NAMES.has(name),
      'must not be a JavaScript property name such as constructor',
    ),
  connector: z.string(),
  /** Defaults to the vendor's public URL; point it anywhere that speaks the vendor's API. */
  baseUrl: credentialUrl.optional(),
  authUrl: credentialUrl.optional(),
  timezone: z
    .string()
    .refine(isValidTimezone, 'must be an IANA time zone such as Europe/Berlin')
    .default('UTC'),
  /** EventBridge Scheduler expression, evaluated in `timezone`. */
  schedule: z
    .string()
    .regex(/^(cron|rate)\(.+\)$/, 'must be cron(...) or rate(...)')
    .default('cron(0 6 * * ? *)'),
  lookbackDays: z.int().min(0).max(90).default(2),
  reports: z.array(z.string()).min(1).optional(),
  format: z.enum(['parquet', 'ndjson']).default('parquet'),
  credentials: credentialsSchema.optional(),
  options: z
    .record(safeKey('an option name'), z.unknown())
    .refine(
      (o) => !Object.keys(o).some((k) => SECRET_LOOKING_KEY.test(k)),
      'must not hold secrets: use "credentials"',
    )
    .default({}),
  /**
   * What a field the report schema does not know does to a partition: `tolerant` (default) drops
   * it and reports it, so a vendor adding a field never stops a daily run; `strict` fails the
   * partition naming the field. Absent nullable fields become null either way.
   */
  schemaContract: z.enum(['tolerant', 'strict']).default('tolerant'),
  concurrency: z.int().min(1).max(256).optional(),
  rateLimit: z.strictObject({ requests: z.int().min(1), windowSeconds: z.number().positive() }).optional(),
  /** Budgets on what the vendor controls; see docs/guarantees.md §8. */
  limits: limitsSchema.optional(),
  /**
   * Deployed: an alarm fires when a restatement moves one of a partition's metric sums by more
   * than this many percent (docs/guarantees.md § 11); no alarm when absent.
   */
  restatementAlertPercent: z.number().positive().max(1_000_000).optional(),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    sources: z.array(sourceSchema).min(1, 'list at least one source'),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'name'],
          message: `duplicate source name "${source.name}"`,
        });
      seen.add(source.name);
    });
  });

export type SourceConfig = z.infer<typeof sourceSchema>;
export type ReportFetcherConfig = z.infer<typeof configSchema>;

/**
 * A value from the config, quoted for an error message unless it looks like a secret pasted in
 * the wrong place (long, or a long run mixing letters and digits): such a value is never echoed.
 */
export function quoted(value: string): string {
  const shown = hideIfSecret(value);
  return shown === value ? `"${value}"` : shown;
}

/** The value itself, or a placeholder when it looks like a secret (see `quoted`). */
export function hideIfSecret(value: string): string {
  const secretLike =
    value.length > 48 ||
    value.split(/[_\-.:/]/).some((part) => part.length >= 12 && /[a-z]/i.test(part) && /\d/.test(part)) ||
    /[^\x20-\x7e]/.test(value);
  return secretLike ? '(a value that looks like a secret, not shown)' : value;
}
