import { credentialParams } from '../../functions/engine/auth/auth-spec.js';
import { type ConnectorDefinition, pathPart } from '../../functions/engine/connector-definition.js';
import { decode } from '../../functions/engine/decoding/decoders.js';
import { getPath } from '../../functions/engine/json-path.js';
import { paginate } from '../../functions/engine/pagination/paginators.js';
import { col, tableSchema } from '../../functions/engine/schema/table-schema.js';
import { reauthenticateOn } from '../../functions/engine/vendor/response-rules.js';

/**
 * Ledgerly Events API v1 (ledgerly-api.md): the cursor-paginated vendor that shows what a new
 * vendor takes — this file, its document and its simulator, no engine change. Decisions:
 * - Client-credentials grant (line 1), Bearer header (line 2), replaced on a 401 (line 2).
 * - Pages follow the opaque cursor at `paging.next` (line 4) until it is null; our page size
 *   (`limit`, line 3) goes into every request.
 * - A 409 `day_open` (line 6) is retried under the retry policy; 429 and 503 (line 7) are the
 *   engine's default retries.
 * - Ids, the day, the kind and the amount are required; `note` may be null (line 5).
 */
export const ledgerly: ConnectorDefinition = {
  name: 'ledgerly',
  description: 'Ledgerly events per day (a test connector: cursor pagination from its own files)',
  defaultBaseUrl: 'https://api.ledgerly.example',
  auth: {
    kind: 'token-grant',
    grant: { path: '/oauth/token', encoding: 'json', params: credentialParams('client_id', 'client_secret') },
    assumedTtlSeconds: 3600,
    placement: { scheme: 'Bearer' },
  },
  responses: [
    reauthenticateOn(401),
    { status: 409, body: (json) => getPath(json, 'error.code') === 'day_open', action: { do: 'retry' } },
  ],
  maxConcurrency: 2,
  reports: {
    events: {
      table: 'ledgerly_events',
      description: 'Events booked per day',
      kind: 'daily',
      schema: tableSchema([
        col.bigint('id'),
        col.date('day'),
        col.string('kind'),
        col.double('amount'),
        col.string('note', { nullable: true }),
      ]),
      uniqueKey: ['id'],
      dateColumn: 'day',
      request: ({ date }) => ({ method: 'GET', path: `/v1/days/${pathPart(date)}/events` }),
      paginator: paginate.cursor({
        in: 'query',
        cursorParam: 'after',
        nextCursor: 'paging.next',
        sizeParam: 'limit',
        pageSize: 50,
      }),
      decoder: decode.json({ path: 'events' }),
    },
  },
};
