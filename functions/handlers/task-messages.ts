import * as z from 'zod';
import { isPagePath, type PageState } from '../engine/index.js';

const partitionFields = {
  runId: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  source: z.string(),
  report: z.string(),
  date: z.iso.date(),
  /** How often this task was handed back for a wait (rate budget, vendor reset): not failures. */
  deferrals: z.int().min(0).optional(),
};

/** A queue message: a fetch-page task, state only (never a token or a secret). */
export const fetchPageMessage = z.object({
  type: z.literal('fetch-page'),
  ...partitionFields,
  slice: z.object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    totalItems: z.number().optional(),
  }),
  // Paginator states are the engine's business; only their discriminant is checked here, and a
  // linked state's next page (link-header, next-url) must be a path (the engine resolves it on the
  // configured origin and checks the path prefix again before any credential is attached).
  page: z.object({
    state: z
      .looseObject({ kind: z.string() })
      .refine(
        (s) => !('next' in s) || s.next === null || (typeof s.next === 'string' && isPagePath(s.next)),
        'a linked page state must carry a path on the source (never a URL to another origin)',
      )
      .transform((s) => s as unknown as PageState),
    ordinal: z.int().min(0),
  }),
  fannedOut: z.boolean(),
});

/** A queue message: commit a partition whose pages are all staged (or that has none). */
export const commitPartitionMessage = z.object({ type: z.literal('commit-partition'), ...partitionFields });

export const taskMessage = z.discriminatedUnion('type', [fetchPageMessage, commitPartitionMessage]);
