import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type PageTally,
  type PartitionRef,
  type TalliedPage,
  type Tally,
  tallyFullError,
} from '../../engine/index.js';
import { type Item, n, num, s, ttlAfter } from './dynamo-control-table.js';

/** As long as the staged pages it counts (the bucket's staging expiry, 7 days by default). */
const TALLY_TTL_MS = 8 * 86_400_000;
const STAGED = 'staged#';
const PAGES = 'pages#';
/** DynamoDB's item size limit, attribute names and values included. */
const MAX_ITEM_BYTES = 400 * 1024;
/** Kept free: DynamoDB publishes its number sizes only approximately. */
const ITEM_MARGIN_BYTES = 1024;
/** Digits of the largest number the item holds (a page count, an epoch second). */
const MAX_DIGITS = 10;
/** A number's stored size, at most: a byte per two significant digits, plus two. */
const numberBytes = (digits: number): number => Math.ceil(digits / 2) + 2;

/**
 * The page tally in the control table: item `pages#<source>#<runId>` / `<table>#<date>`, with
 * `slices` (written by the planner), and per slice a number set `staged#<slice>` of the staged
 * ordinals and `pages#<slice>`, its page count once a page told it. Recording a page is one
 * update (ADD to a set: a page recorded twice is there once) answering with the whole item, so
 * a fetcher decides completeness from its own write; consistent reads for the committer.
 * The item grows by up to 5 bytes a page and 2 × the slice key a slice, and DynamoDB refuses an
 * item over 400 KB: `capacity` bounds what fits (about 80,000 pages in one slice, fewer slices of
 * long keys), planning checks a partition's pages against it before any page is fetched, and a
 * page past it is refused before its write with one clear error (`tallyFullError`), as is a
 * write DynamoDB refuses for the item's size.
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

  capacity(runId: string, partition: PartitionRef, sliceKeys: readonly string[]): number {
    const key = this.key(runId, partition);
    let room =
      MAX_ITEM_BYTES -
      ITEM_MARGIN_BYTES -
      ('pk'.length + key.pk.S!.length) -
      ('sk'.length + key.sk.S!.length) -
      ('slices'.length + numberBytes(MAX_DIGITS)) -
      ('ttl'.length + numberBytes(MAX_DIGITS));
    for (const slice of sliceKeys)
      room -= `${STAGED}${slice}`.length + `${PAGES}${slice}`.length + numberBytes(MAX_DIGITS);
    // Ordinals start at 0 in every slice: all pages in one slice is the costliest way to hold them.
    let pages = 0;
    for (let digits = 1; room > 0 && digits <= MAX_DIGITS; digits++) {
      const band = digits === 1 ? 10 : 9 * 10 ** (digits - 1);
      const fit = Math.min(band, Math.floor(room / numberBytes(digits)));
      pages += fit;
      room -= fit * numberBytes(digits);
      if (fit < band) break;
    }
    return Math.max(0, pages);
  }

  async record(runId: string, partition: PartitionRef, page: TalliedPage): Promise<Tally> {
    // A page past what one slice alone can hold never reaches DynamoDB.
    const capacity = this.capacity(runId, partition, [page.slice]);
    if (page.ordinal >= capacity)
      throw tallyFullError(
        `page ${page.ordinal + 1} of slice ${page.slice} is past the ${capacity} pages its partition's page tally can record`,
      );
    const { Attributes } = await this.sendRecord(runId, partition, page);
    return tallyOf(Attributes);
  }

  /** The recording write; DynamoDB's refusal of an item grown past 400 KB is the tally's error. */
  private async sendRecord(runId: string, partition: PartitionRef, page: TalliedPage) {
    try {
      return await this.send(runId, partition, page);
    } catch (error) {
      if (error instanceof Error && error.name === 'ValidationException' && /item size/i.test(error.message))
        throw tallyFullError(
          `DynamoDB refused to record page ${page.ordinal + 1} of slice ${page.slice}: the partition's page tally would pass its item size limit`,
        );
      throw error;
    }
  }

  private send(runId: string, partition: PartitionRef, page: TalliedPage) {
    return this.client.send(
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
