import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backfillCommand } from '../../bin/backfill.js';

interface Invocation {
  path: string;
  invocationType: string | undefined;
  payload: string;
}

/**
 * A loopback Lambda Invoke endpoint: records each invocation and answers from `statuses`
 * (one per request; 202 when they run out, what Lambda answers an accepted `Event`).
 */
async function lambdaEndpoint(statuses: number[]) {
  const invocations: Invocation[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    invocations.push({
      path: request.url ?? '',
      invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
      payload: Buffer.concat(chunks).toString('utf8'),
    });
    const status = statuses.shift() ?? 202;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(status >= 500 ? '{"message":"Service unavailable"}' : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, invocations, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const saved = process.env.AWS_ENDPOINT_URL_LAMBDA;
afterEach(() => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_LAMBDA;
  else process.env.AWS_ENDPOINT_URL_LAMBDA = saved;
});

describe('report-fetcher backfill --deployed', () => {
  it('invokes the planner asynchronously, and a retried call carries the same run (same request time and range)', async () => {
    // The first attempt fails as a throttled or unavailable Lambda API does: the SDK retries.
    const lambda = await lambdaEndpoint([503]);
    process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.url;
    const out: string[] = [];
    try {
      const code = await backfillCommand(
        ['--deployed', '--source', 'adcloud_de', '--from', '2025-06-01', '--to', '2025-06-03'],
        { stdout: (text) => out.push(text), stderr: process.stderr, env: process.env },
      );
      expect(code).toBe(0);
    } finally {
      await lambda.close();
    }
    expect(lambda.invocations).toHaveLength(2);
    // Asynchronous: the CLI never waits for the planning (its timeout and retries once started
    // the same backfill again while the first was still planning).
    for (const invocation of lambda.invocations) {
      expect(invocation.invocationType).toBe('Event');
      expect(invocation.path).toContain('/functions/report-fetcher-dev-planner/invocations');
    }
    // The retry is the same run: the planner's ledger plans it once.
    expect(lambda.invocations[1]!.payload).toBe(lambda.invocations[0]!.payload);
    const payload = JSON.parse(lambda.invocations[0]!.payload);
    expect(payload).toMatchObject({ source: 'adcloud_de', from: '2025-06-01', to: '2025-06-03' });
    expect(payload.requestedAt).toEqual(expect.any(String));
    expect(out.join('')).toMatch(/backfill requested on report-fetcher-dev-planner: run \S+ \(3 dates\)/);
  });
});
