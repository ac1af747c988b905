/**
 * Writes a long response in batches with backpressure: text is collected into ~64 KiB chunks and
 * every chunk waits for 'drain' when the socket buffer is full. Waiting also ends when the
 * connection closes (client gone or simulator closing), after which `gone` is true and the
 * producer should stop.
 */
import type { ServerResponse } from 'node:http';

const CHUNK_BYTES = 64 * 1024;

export class StreamWriter {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly res: ServerResponse) {}

  get gone(): boolean {
    return connectionClosed(this.res);
  }

  /** Queue text; resolves once it is safe to queue more. */
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.gone) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.res.write(chunk)) await this.drained();
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.gone) await new Promise<void>((resolve) => this.res.end(resolve));
  }

  /** Flush, send `partial` (deliberately incomplete), then kill the connection. */
  async cut(partial: string): Promise<void> {
    await this.write(partial);
    await this.flush();
    if (this.gone) return;
    await new Promise<void>((resolve) => this.res.write('', () => resolve()));
    this.res.socket?.destroy();
    this.res.destroy();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}

/** True once the client can no longer receive anything on this response. */
export function connectionClosed(res: ServerResponse): boolean {
  return res.destroyed || res.socket === null || res.socket.destroyed;
}
