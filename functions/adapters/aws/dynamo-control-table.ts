import {
  type AttributeValue,
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
  QueryCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { KEY } from '../../deployment/control-table-keys.js';

/**
 * The control table: everything the planner and the fetcher containers must agree on, in one
 * DynamoDB table (on-demand, point-in-time recovery, TTL on `ttl`; lib/control-table.ts).
 * Items, by partition key:
 *   rate#<account>                 sk "budget"          the shared rate budget (dynamo-rate-budget.ts)
 *   lease#<name>                   sk "lease"           a lease with fencing token (dynamo-lease.ts)
 *   run#<source>                   sk <runId>           a run of the ledger (dynamo-run-ledger.ts)
 *   part#<source>#<runId>          sk <table>#<date>    a planned partition of that run
 *   commit#<source>                sk <table>#<date>    the run that last committed a partition (fence)
 *   fresh#<source>                 sk <table>           when a scheduled run last committed the table (dynamo-freshness.ts)
 *   pages#<source>#<runId>         sk <table>#<date>    which pages of a partition are staged (dynamo-page-tally.ts)
 */
export { KEY };

export type Item = Record<string, AttributeValue>;

export const s = (value: string): AttributeValue => ({ S: value });
export const n = (value: number): AttributeValue => ({ N: String(value) });
export const str = (item: Item | undefined, name: string): string | undefined => item?.[name]?.S;
export const num = (item: Item | undefined, name: string): number | undefined => {
  const value = item?.[name]?.N;
  return value === undefined ? undefined : Number(value);
};

/** Epoch seconds for the TTL attribute. */
export const ttlAfter = (ms: number, now = Date.now()): AttributeValue => n(Math.ceil((now + ms) / 1000));

/** Every item under one partition key, page after page (strongly consistent). */
export async function queryAll(client: DynamoDBClient, tableName: string, pk: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': s(pk) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: string }).name === 'ConditionalCheckFailedException'
  );
}

/** Creates the table as the stack does (tests, local emulators). */
export async function createControlTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: KEY.partition, AttributeType: 'S' },
        { AttributeName: KEY.sort, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: KEY.partition, KeyType: 'HASH' },
        { AttributeName: KEY.sort, KeyType: 'RANGE' },
      ],
    }),
  );
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: KEY.ttl, Enabled: true },
      }),
    )
    .catch(() => undefined); // emulators without TTL support: expiry is only housekeeping
}
