/** What the CLI's commands share: their streams and environment, and the exit codes they return. */
export const EXIT = { ok: 0, partitionsFailed: 1, usage: 2 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}
