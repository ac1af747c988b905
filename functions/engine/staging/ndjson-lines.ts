import { BudgetExceededError } from '../errors.js';

/**
 * Splits a byte stream into lines without holding more than one partial line, so a stream of
 * any length is read with bounded memory; a line longer than `maxLineChars` (limits.maxLineBytes:
 * characters, never more than bytes) stops the stream instead of growing without end. A last
 * line without its newline is flagged: in a stream that should end with one, it means the stream
 * was cut.
 */
export async function* linesWithEnd(
  chunks: AsyncIterable<Uint8Array>,
  maxLineChars = Number.POSITIVE_INFINITY,
): AsyncIterable<{ line: string; terminated: boolean }> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', start)) {
      if (end - start > maxLineChars) throw lineTooLong(maxLineChars);
      const line = rest.slice(start, end);
      start = end + 1;
      if (line.trim() !== '') yield { line, terminated: true };
    }
    rest = rest.slice(start);
    if (rest.length > maxLineChars) throw lineTooLong(maxLineChars);
  }
  rest += decoder.decode();
  if (rest.trim() !== '') yield { line: rest, terminated: false };
}

/** Groups parsed rows into batches so writers see arrays, not one call per row. */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The lines of a stream, cut-off last line included. */
export async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  for await (const { line } of linesWithEnd(chunks)) yield line;
}

function lineTooLong(max: number): BudgetExceededError {
  return new BudgetExceededError('maxLineBytes', `a line of the stream is longer than ${max} bytes`);
}
