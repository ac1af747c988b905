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
