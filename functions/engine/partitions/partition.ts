import { InputError } from '../errors.js';
import { isCalendarDate } from '../schema/row-normaliser.js';
import { FILE_EXTENSIONS, type OutputFormat } from '../writers/table-writer.js';

/** One (table, source, report date) partition: the unit that is replaced atomically. */
export interface PartitionRef {
  table: string;
  source: string;
  date: string;
}

const SAFE_NAME = /^[a-z][a-z0-9_]*$/;

/** Hive layout shared by the local lake and S3: `<table>/source=<name>/dt=<date>/`. */
export function partitionPrefix(partition: PartitionRef): string {
  if (!SAFE_NAME.test(partition.table) || !SAFE_NAME.test(partition.source)) {
    throw new InputError(
      `table "${partition.table}" and source "${partition.source}" must be lower_snake names`,
    );
  }
  if (!isCalendarDate(partition.date)) throw new InputError(`"${partition.date}" is not a date YYYY-MM-DD`);
  return `${partition.table}/source=${partition.source}/dt=${partition.date}/`;
}

/** The single object that holds the partition. */
export function partitionObjectKey(partition: PartitionRef, format: OutputFormat): string {
  return `${partitionPrefix(partition)}data.${FILE_EXTENSIONS[format]}`;
}
