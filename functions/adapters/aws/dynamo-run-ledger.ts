import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  LedgerDeferral,
  LedgerPartition,
  LedgerRun,
  PartitionRef,
  PartitionState,
  RunLedger,
  RunStart,
} from '../../engine/index.js';
import { type Item, isConditionFailure, n, num, queryAll, s, str, ttlAfter } from './dynamo-control-table.js';

/** Ledger items expire after 90 days (the run manifests in S3 live as long). */
const LEDGER_TTL_MS = 90 * 86_400_000;

/** The run ledger in the control table: runs under `run#<source>`, partitions under `part#<source>#<run>`. */
export class DynamoRunLedger implements RunLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private runKey(source: string, runId: string) {
    return { pk: s(`run#${source}`), sk: s(runId) };
  }
  private partKey(runId: string, partition: PartitionRef) {
    return { pk: s(`part#${partition.source}#${runId}`), sk: s(`${partition.table}#${partition.date}`) };
  }

  async startRun(run: LedgerRun, leaseMs: number): Promise<RunStart> {
    const now = this.now();
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...this.runKey(run.source, run.runId),
            trigger: s(run.trigger),
            dates: s(JSON.stringify(run.dates)),
            state: s('planning'),
            startedAt: s(run.startedAt),
            ...(run.deferred?.length ? { deferred: s(JSON.stringify(run.deferred)) } : {}),
            leaseUntil: n(now + leaseMs),
            ttl: ttlAfter(LEDGER_TTL_MS, now),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { started: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.runKey(run.source, run.runId),
        ConsistentRead: true,
      }),
    );
    const existing = toRun(run.source, Item);
    if (existing.state === 'planned') return { started: false, run: existing, reason: 'planned' };
    const leaseUntil = num(Item, 'leaseUntil') ?? 0;
    if (leaseUntil > now) return { started: false, run: existing, reason: 'planning-elsewhere' };
    // The previous attempt died while planning: take over and plan what it did not record.
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.runKey(run.source, run.runId),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'leaseUntil = :seen AND #state = :planning',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':until': n(now + leaseMs),
            ':seen': n(leaseUntil),
            ':planning': s('planning'),
          },
        }),
      );
      return { started: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { started: false, run: existing, reason: 'planning-elsewhere' };
    }
  }

  async finishPlanning(source: string, runId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.runKey(source, runId),
        UpdateExpression: 'SET #state = :planned REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':planned': s('planned') },
      }),
    );
  }

  async recordPlanned(entry: LedgerPartition): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...this.partKey(entry.runId, entry.partition),
            runId: s(entry.runId),
            report: s(entry.report),
            state: s(entry.state),
            pages: n(entry.pages),
            plannedAt: s(entry.plannedAt),
            updatedAt: s(entry.updatedAt),
            ...(entry.error ? { error: s(entry.error) } : {}),
            ttl: ttlAfter(LEDGER_TTL_MS, this.now()),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async isPlanned(_source: string, runId: string, partition: PartitionRef): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.partKey(runId, partition),
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async settle(
    runId: string,
    partition: PartitionRef,
    outcome: Pick<LedgerPartition, 'state' | 'rows' | 'bytes' | 'error'>,
  ): Promise<void> {
    const values: Item = { ':state': s(outcome.state), ':at': s(new Date(this.now()).toISOString()) };
    const names: Record<string, string> = { '#state': 'state' };
    const sets = ['#state = :state', 'updatedAt = :at'];
    for (const field of ['rows', 'bytes', 'error'] as const) {
      const value = outcome[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = typeof value === 'number' ? n(value) : s(value);
      sets.push(`#${field} = :${field}`);
    }
    // A committed partition stays committed: a late failure of a duplicate cannot undo it.
    if (outcome.state !== 'committed') values[':committed'] = s('committed');
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.partKey(runId, partition),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression:
            outcome.state === 'committed'
              ? 'attribute_exists(pk)'
              : 'attribute_exists(pk) AND #state <> :committed',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async partitions(source: string, runId: string): Promise<LedgerPartition[]> {
    const items = await queryAll(this.client, this.tableName, `part#${source}#${runId}`);
    return items.map((item) => {
      const [table = '', date = ''] = (str(item, 'sk') ?? '').split('#');
      return {
        runId,
        report: str(item, 'report') ?? '',
        partition: { table, source, date },
        state: (str(item, 'state') ?? 'planned') as PartitionState,
        pages: num(item, 'pages') ?? 0,
        rows: num(item, 'rows'),
        bytes: num(item, 'bytes'),
        error: str(item, 'error'),
        plannedAt: str(item, 'plannedAt') ?? '',
        updatedAt: str(item, 'updatedAt') ?? '',
      };
    });
  }

  async runs(source: string): Promise<LedgerRun[]> {
    return (await queryAll(this.client, this.tableName, `run#${source}`)).map((item) => toRun(source, item));
  }
}

function toRun(source: string, item: Item | undefined): LedgerRun {
  const deferred = str(item, 'deferred');
  return {
    source,
    runId: str(item, 'sk') ?? '',
    trigger: (str(item, 'trigger') ?? 'schedule') as LedgerRun['trigger'],
    dates: JSON.parse(str(item, 'dates') ?? '[]') as string[],
    state: (str(item, 'state') ?? 'planning') as LedgerRun['state'],
    startedAt: str(item, 'startedAt') ?? '',
    ...(deferred ? { deferred: JSON.parse(deferred) as LedgerDeferral[] } : {}),
  };
}
