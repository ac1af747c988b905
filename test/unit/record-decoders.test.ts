import { describe, expect, it } from 'vitest';
import { mediamath } from '../../functions/connectors/mediamath.js';
import type { DecodeContext, RecordDecoder } from '../../functions/engine/decoding/record-decoder.js';
import { DEFAULT_HTTP_OPTIONS, type HttpResponse } from '../../functions/engine/http/http-client.js';
import { RateLimiter } from '../../functions/engine/http/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../functions/engine/http/retry-policy.js';
import { VendorClient } from '../../functions/engine/vendor/vendor-client.js';

/** A 2xx answer whose body is `text`, delivered in two chunks. */
function answer(text: string): HttpResponse {
  const bytes = Buffer.from(text, 'utf8');
  return {
    status: 200,
    headers: new Headers(),
    text: async () => text,
    chunks: async function* () {
      yield bytes.subarray(0, 7);
      yield bytes.subarray(7);
    },
    bytesRead: () => bytes.length,
  };
}

/** The decode context a fetch gives: MediaMath's own response rules judge what arrives in a 2xx. */
function contextFor(): DecodeContext {
  const client = new VendorClient({
    source: 'mm_main',
    baseUrl: 'https://api.example/',
    auth: { kind: 'api-key', queryParam: 'k', credential: 'k' },
    responses: mediamath.responses,
    credentials: { k: 'k-1' },
    tokenCache: undefined as never,
    limiter: new RateLimiter(undefined),
    retry: DEFAULT_RETRY_POLICY,
    http: DEFAULT_HTTP_OPTIONS,
  });
  const request = { method: 'POST' as const, url: new URL('https://api.example/reporting/v2/performance') };
  return {
    request,
    errorContext: { source: 'mm_main', report: 'performance_by_day', date: '2026-01-01' },
    maxLineBytes: 1 << 20,
    judge: (vendorAnswer, phase) => client.judge(vendorAnswer, phase, request, new Headers(), {}),
  };
}

const streaming: RecordDecoder = mediamath.reports.performance_by_day!.variant!(
  { mode: 'streaming', modes: {}, pageSize: 1000 },
  'performance_by_day',
).decoder!;

async function decode(lines: unknown[]) {
  const records: unknown[] = [];
  const page = await streaming.decode(
    answer(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'),
    contextFor(),
    {
      push: (record) => void records.push(record),
    },
  );
  return { page, records };
}

const HEADER = { fields: ['campaign_id'], total_items_count: 2 };

describe('the NDJSON stream decoder under a connector’s response rules', () => {
  it('reads the header, data and metadata lines and checks the count', async () => {
    const { page, records } = await decode([HEADER, { campaign_id: 1 }, { meta: {} }, { campaign_id: 2 }]);
    expect(page).toEqual({ records: 2, totalItems: 2 });
    expect(records).toEqual([{ campaign_id: 1 }, { campaign_id: 2 }]);
    await expect(decode([HEADER, { campaign_id: 1 }])).rejects.toMatchObject({ code: 'COUNT_MISMATCH' });
  });

  it('ends on an error line the rules call a configuration error, never retried, naming the field', async () => {
    const error = { error_code: 400, message: 'field does not exist in this dataset: exchange_name' };
    await expect(decode([HEADER, { campaign_id: 1 }, error])).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      retryable: false,
      message: expect.stringMatching(/no field "exchange_name".*options\.fields of source "mm_main"/),
    });
  });

  it('ends on any other error line as a retryable stream error', async () => {
    await expect(decode([HEADER, { error_code: 500, message: 'internal' }])).rejects.toMatchObject({
      code: 'STREAM_ERROR',
      retryable: true,
    });
  });
});
