import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { PageTally, PartitionRef, TalliedPage, Tally } from '../../engine/index.js';
import { type Item, n, num, s, ttlAfter } from './dynamo-control-table.js';

/** As long as the staged pages it counts (the bucket's staging expiry, 7 days by default). */
const TALLY_TTL_MS = 8 * 86_400_000;
const STAGED = 'staged#';
const PAGES = 'pages#';

/**
 * The page tally in the control table: item `pages#<source>#<runId>` / `<table>#<date>`, with
 * `slices` (written by the planner), and per slice a number set `staged#<slice>` of the staged
 * ordinals and `pages#<slice>`, its page count once a page told it. Recording a page is one
 * update (ADD to a set: a page recorded twice is there once) answering with the whole item, so
 * a fetcher decides completeness from its own write; consistent reads for the committer.
 * The item grows by about 4 bytes a page and 2 × the slice key a slice: a partition of 20,000
 * pages is about 80 KB, within DynamoDB's 400 KB item limit.
 */
export class DynamoPageTally implements PageTally {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(runId: string, partition: PartitionRef) {
    return { pk: s(`pages#${partition.source}#${runId}`), sk: s(`${partition.table}#${partition.date}`) };
  }

  async expect(runId: string, partition: PartitionRef, slices: number): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(runId, partition),
        UpdateExpression: 'SET slices = :slices, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':slices': n(slices), ':ttl': ttlAfter(TALLY_TTL_MS, this.now()) },
      }),
    );
  }

  async record(runId: string, partition: PartitionRef, page: TalliedPage): Promise<Tally> {
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(runId, partition),
        UpdateExpression: `ADD #staged :ordinal SET #ttl = :ttl${page.pages !== undefined ? ', #pages = :pages' : ''}`,
        ExpressionAttributeNames: {
          '#staged': `${STAGED}${page.slice}`,
          '#ttl': 'ttl',
          ...(page.pages !== undefined ? { '#pages': `${PAGES}${page.slice}` } : {}),
        },
        ExpressionAttributeValues: {
          ':ordinal': { NS: [String(page.ordinal)] },
          ':ttl': ttlAfter(TALLY_TTL_MS, this.now()),
          ...(page.pages !== undefined ? { ':pages': n(page.pages) } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return tallyOf(Attributes);
  }

  async read(runId: string, partition: PartitionRef): Promise<Tally> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.key(runId, partition),
        ConsistentRead: true,
      }),
    );
    return tallyOf(Item);
  }
}

function tallyOf(item: Item | undefined): Tally {
  const bySlice: Tally['bySlice'] = new Map();
  const slice = (key: string) => {
    let entry = bySlice.get(key);
    if (!entry) {
      entry = { staged: new Set() };
      bySlice.set(key, entry);
    }
    return entry;
  };
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name.startsWith(STAGED)) {
      const entry = slice(name.slice(STAGED.length));
      for (const ordinal of value.NS ?? []) entry.staged.add(Number(ordinal));
    } else if (name.startsWith(PAGES) && value.N !== undefined) {
      slice(name.slice(PAGES.length)).pages = Number(value.N);
    }
  }
  const slices = num(item, 'slices');
  return { ...(slices !== undefined ? { slices } : {}), bySlice };
}
