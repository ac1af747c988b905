/**
 * The control table's key schema: the stack creates the table with it (lib/control-table.ts)
 * and the adapters address items with it (functions/adapters/aws/dynamo-control-table.ts).
 */
export const KEY = { partition: 'pk', sort: 'sk', ttl: 'ttl' } as const;
