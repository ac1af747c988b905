import * as z from 'zod';
import { isValidTimezone } from '../engine/run/report-dates.js';

const NAME = /^[a-z][a-z0-9_]*$/;
const SECRET_LOOKING_KEY = /(secret|password|api_?key|token)/i;

export const credentialsSchema = z
  .strictObject({
    /** credential key → environment variable that holds it. */
    env: z
      .record(z.string(), z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name'))
      .optional(),
    /** A git-ignored JSON file: { "<source>": { "<credential key>": "value" } }. */
    file: z.string().min(1).optional(),
  })
  .refine((c) => !(c.env && c.file), 'give either "env" or "file", not both');

export const sourceSchema = z.strictObject({
  name: z.string().regex(NAME, 'must be lower_snake_case (it names folders and AWS resources)'),
  connector: z.string(),
  /** Defaults to the vendor's public URL; point it anywhere that speaks the vendor's API. */
  baseUrl: z.url().optional(),
  authUrl: z.url().optional(),
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
    .record(z.string(), z.unknown())
    .refine(
      (o) => !Object.keys(o).some((k) => SECRET_LOOKING_KEY.test(k)),
      'must not hold secrets: use "credentials"',
    )
    .default({}),
  concurrency: z.int().min(1).max(256).optional(),
  rateLimit: z.strictObject({ requests: z.int().min(1), windowSeconds: z.number().positive() }).optional(),
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
