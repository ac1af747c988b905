import type { Row } from '../schema/table-schema.js';

export type OutputFormat = 'parquet' | 'ndjson';

export const FILE_EXTENSIONS: Record<OutputFormat, string> = { parquet: 'parquet', ndjson: 'ndjson' };

/** Writes one partition's rows as one file, in order, with bounded memory. */
export interface TableWriter {
  write(rows: readonly Row[]): Promise<void>;
  /** Writes the footer (if any) and closes the sink. */
  finish(): Promise<{ rows: number; bytes: number }>;
  abort(): Promise<void>;
}
