/**
 * Streaming mode (mediamath-reporting-api-v2.txt, "Streaming response"): newline-delimited JSON,
 * a header {"fields":[{"name":...}],"total_items_count":N} (N = -1 "if the total number of records
 * couldn't be calculated"), then one object per row, with {"meta":{}} metadata lines
 * interspersed (after the second row and after every 1000th). An error line ends the stream.
 */
import type { ServerResponse } from 'node:http';
import type { StreamFault } from '../base/simulator-server.js';
import { StreamWriter } from '../base/stream-writer.js';
import { errorObject } from './mediamath-errors.js';
import type { PerformanceQuery } from './performance-query.js';
import type { PerformanceResult } from './performance-result.js';

const META_LINE = `${JSON.stringify({ meta: {} })}\n`;
const META_EVERY_ROWS = 1000;
const EARLY_META_AFTER_ROWS = 2;
/** Stream faults strike after half the rows, but never later than this row. */
const LATEST_FAULT_ROW = 1000;

export interface StreamOptions {
  unknownTotal: boolean;
  fault: StreamFault | undefined;
}

export async function streamPerformance(
  res: ServerResponse,
  query: PerformanceQuery,
  result: PerformanceResult,
  { unknownTotal, fault }: StreamOptions,
): Promise<void> {
  const writer = new StreamWriter(res);
  const header = {
    fields: query.headerFields.map((name) => ({ name })),
    total_items_count: unknownTotal ? -1 : result.total(),
  };
  await writer.write(`${JSON.stringify(header)}\n`);
  const faultAfterRows =
    fault === undefined
      ? Number.POSITIVE_INFINITY
      : Math.min(Math.ceil(result.total() / 2), LATEST_FAULT_ROW);

  let written = 0;
  for (const row of result.rows()) {
    if (writer.gone) return;
    const line = `${result.jsonLine(row)}\n`;
    if (written === faultAfterRows) return interrupt(writer, fault, line);
    await writer.write(line);
    written += 1;
    if (written === EARLY_META_AFTER_ROWS || written % META_EVERY_ROWS === 0) await writer.write(META_LINE);
  }
  if (written <= faultAfterRows && fault !== undefined) return interrupt(writer, fault, META_LINE);
  await writer.end();
}

/** stream-error: an error line, then a normal end (HTTP 200 already sent). stream-cut: half a line, then hang up. */
async function interrupt(
  writer: StreamWriter,
  fault: StreamFault | undefined,
  nextLine: string,
): Promise<void> {
  if (fault === 'stream-error') {
    await writer.write(`${JSON.stringify(errorObject(500, 'stream aborted'))}\n`);
    await writer.end();
  } else {
    await writer.cut(nextLine.slice(0, Math.max(1, Math.floor(nextLine.length / 2))));
  }
}
