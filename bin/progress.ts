import { printable, type RunEvent } from '../functions/engine/index.js';

/**
 * Progress on stderr: a redrawn bar on a terminal, one JSON line per finished partition
 * otherwise (logs and CI keep a readable, parseable trail).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (event: RunEvent) => void {
  let total = 0;
  let done = 0;
  let rows = 0;
  let failed = 0;
  const tty = stream.isTTY === true;
  const draw = () => {
    const width = 28;
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} partitions  ${rows} rows${failed ? `  ${failed} failed` : ''}   `,
    );
  };
  return (event) => {
    if (event.type === 'planned') {
      total = event.partitions;
      if (tty) draw();
      else stream.write(`${JSON.stringify({ level: 'info', event: 'run-planned', partitions: total })}\n`);
      return;
    }
    if (event.type === 'page') {
      rows += event.rows;
      if (tty) draw();
      return;
    }
    done++;
    if (event.result.status === 'failed') failed++;
    if (tty) {
      draw();
      if (done === total) stream.write('\n');
    } else {
      const { source, table, date, status, rows: partitionRows, pages, retries, error } = event.result;
      stream.write(
        `${JSON.stringify({ level: status === 'failed' ? 'error' : 'info', event: 'partition', source, table, date, status, rows: partitionRows, pages, retries, ...(error ? { error: printable(error) } : {}) })}\n`,
      );
    }
  };
}
