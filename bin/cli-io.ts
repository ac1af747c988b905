import { exitCodeOf, printable, ReportFetcherError } from '../functions/engine/index.js';

/**
 * What the CLI's commands share: their streams and environment, and the exit codes they return.
 * A command stopped by an error exits with its family's code (ERROR_FAMILIES: 2 bad input or
 * configuration, 3 authentication, 4 vendor, 5 drift, 6 budget, 70 internal).
 */
export const EXIT = { ok: 0, partitionsFailed: 1, usage: 2 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/**
 * A command stopped by `error`: one printable line on stderr (`<program>: error: …`, where it
 * happened first), the stack too with REPORT_FETCHER_DEBUG=1; returns the family's exit code.
 */
export function reportFailure(
  program: string,
  error: unknown,
  stderr: { write(text: string): unknown },
  env: NodeJS.ProcessEnv,
): number {
  const message =
    error instanceof ReportFetcherError
      ? error.describe()
      : error instanceof Error
        ? error.message
        : String(error);
  stderr.write(`${program}: error: ${printable(message, { keepNewlines: true })}\n`);
  if (env.REPORT_FETCHER_DEBUG && error instanceof Error)
    stderr.write(`${printable(error.stack ?? '', { keepNewlines: true })}\n`);
  // 2 for what the user typed or configured; the other families have their own (errors/error-family.ts).
  return exitCodeOf(error);
}
