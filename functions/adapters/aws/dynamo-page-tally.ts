import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type CountedBy,
  InternalError,
  type PageTally,
  type PartitionRef,
  type TalliedPage,
  type Tally,
  tallyFullError,
} from '../../engine/index.js';
import { type Item, isConditionFailure, n, num, s, ttlAfter } from './dynamo-control-table.js';

/** As long as the staged pages it counts (the bucket's staging expiry, 7 days by default). */
const TALLY_TTL_MS = 8 * 86_400_000;
const STAGED = 'staged#';
const PAGES = 'pages#';
const COUNTED_BY = 'by#';
/** Room kept for `by#<slice>`: "<ordinal> <stagedAt>", an ISO timestamp of 24 characters (27 past year 9999). */
const COUNTED_BY_BYTES = 10 + 1 + 32;
/** Conditional writes in a row a page may need while other containers change its slice's count. */
const MAX_RECORD_ATTEMPTS = 8;
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
 * ordinals, `pages#<slice>`, its page count once a page told it, and `by#<slice>`, the page whose
 * answer set it ("<ordinal> <stagedAt>"). Recording a page is one conditional update (ADD to a
 * set: a page recorded twice is there once) answering with the whole item, so a fetcher decides
 * completeness from its own write; consistent reads for the committer. Whether the page's answer
 * changes the count (`countAfter`: the newest answer of the page that set it, or a smaller count)
 * is the write's condition, so containers recording pages of one slice at once never lose an
 * answer: a write whose condition no longer holds is made again as the other kind (keep/change).
 * The item grows by up to 5 bytes a page and 3 × the slice key plus about 70 bytes a slice, and DynamoDB refuses an
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
      room -=
        `${STAGED}${slice}`.length +
        `${PAGES}${slice}`.length +
        numberBytes(MAX_DIGITS) +
        `${COUNTED_BY}${slice}`.length +
        COUNTED_BY_BYTES;
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

  /**
   * Records the page and applies `countAfter` in one conditional write, made as "the count stays"
   * or as "the count changes" (set, or cleared when the page that set it now says more pages
   * follow); when its condition fails, as the other. The two conditions are each other's
   * negation, so one of them holds unless another container changed the count in between; then
   * the next try sees it. The likelier one goes first, so a page costs one write: a page that
   * tells no count, or a later page telling the count the first page set, leaves it; a first
   * page telling a count (a one-page slice, or the page that fans out the rest) sets it. Only the
   * last page of a slice followed one page at a time costs a second, refused write.
   */
  private async send(runId: string, partition: PartitionRef, page: TalliedPage) {
    const order = page.pages !== undefined && page.ordinal === 0 ? [true, false] : [false, true];
    for (let attempt = 0; attempt < MAX_RECORD_ATTEMPTS; attempt++) {
      for (const change of order) {
        try {
          return await this.client.send(this.recordCommand(runId, partition, page, change));
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
    }
    throw new InternalError(
      `page ${page.ordinal + 1} of slice ${page.slice} could not be recorded in its page tally: its slice's page count changed under each of ${MAX_RECORD_ATTEMPTS} tries`,
    );
  }

  private recordCommand(runId: string, partition: PartitionRef, page: TalliedPage, change: boolean) {
    // The page set the count: "<ordinal> " starts its `by#` value.
    const own = 'begins_with(#by, :own)';
    const counted = page.pages !== undefined;
    // The count stays when the page did not set it and does not announce a smaller one.
    // (A page past the first that set the count never raises it: `countAfter`.)
    const stays = counted
      ? page.ordinal === 0
        ? `attribute_exists(#pages) AND NOT ${own} AND #pages <= :pages`
        : `attribute_exists(#pages) AND #pages <= :pages AND (NOT ${own} OR #pages < :pages)`
      : `attribute_not_exists(#by) OR NOT ${own}`;
    const by: CountedBy = { ordinal: page.ordinal, ...(page.stagedAt ? { stagedAt: page.stagedAt } : {}) };
    const update = change ? (counted ? ', #pages = :pages, #by = :by' : ' REMOVE #pages, #by') : '';
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key: this.key(runId, partition),
      UpdateExpression: `ADD #staged :ordinal SET #ttl = :ttl${update}`,
      ConditionExpression: change ? `NOT (${stays})` : stays,
      ExpressionAttributeNames: {
        '#staged': `${STAGED}${page.slice}`,
        '#ttl': 'ttl',
        // DynamoDB refuses a name the expressions do not use.
        ...(counted || change ? { '#pages': `${PAGES}${page.slice}` } : {}),
        '#by': `${COUNTED_BY}${page.slice}`,
      },
      ExpressionAttributeValues: {
        ':ordinal': { NS: [String(page.ordinal)] },
        ':ttl': ttlAfter(TALLY_TTL_MS, this.now()),
        ':own': s(`${page.ordinal} `),
        ...(counted ? { ':pages': n(page.pages!) } : {}),
        ...(change && counted ? { ':by': s(countedByValue(by)) } : {}),
      },
      ReturnValues: 'ALL_NEW',
    });
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
    } else if (name.startsWith(COUNTED_BY) && value.S !== undefined) {
      slice(name.slice(COUNTED_BY.length)).countedBy = countedByOf(value.S);
    }
  }
  const slices = num(item, 'slices');
  return { ...(slices !== undefined ? { slices } : {}), bySlice };
}

/** `by#<slice>`: "<ordinal> <stagedAt>" (the stagedAt empty when the page did not give it). */
function countedByValue(by: CountedBy): string {
  return `${by.ordinal} ${by.stagedAt ?? ''}`;
}

function countedByOf(value: string): CountedBy {
  const space = value.indexOf(' ');
  const stagedAt = space < 0 ? '' : value.slice(space + 1);
  return { ordinal: Number(space < 0 ? value : value.slice(0, space)), ...(stagedAt ? { stagedAt } : {}) };
}
