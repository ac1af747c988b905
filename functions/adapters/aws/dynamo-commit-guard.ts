import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type CommitClaim,
  type CommitGuard,
  type CommittedSummary,
  type PartitionRef,
  runGeneration,
} from '../../engine/index.js';
import { isConditionFailure, n, num, queryAll, s, str } from './dynamo-control-table.js';

/** A claim outlives the longest Lambda invocation (15 min): a crashed commit frees the partition then. */
export const COMMIT_CLAIM_MS = 16 * 60_000;

export interface CommittedPartition extends CommittedSummary {
  table: string;
  date: string;
  runId: string;
}

/**
 * Commit fencing in the control table: item `commit#<source>` / `<table>#<date>` holds the run
 * that last committed the partition and, while a commit runs, its claim. Claiming is one
 * conditional update: refused when a newer run's commit is recorded or another claim is live.
 */
export class DynamoCommitGuard implements CommitGuard {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(partition: PartitionRef) {
    return { pk: s(`commit#${partition.source}`), sk: s(`${partition.table}#${partition.date}`) };
  }

  async claim(partition: PartitionRef, runId: string): Promise<CommitClaim> {
    const owner = randomUUID();
    const generation = runGeneration(runId);
    const now = this.now();
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(partition),
          UpdateExpression: 'SET claimOwner = :owner, claimRun = :run, claimUntil = :until',
          ConditionExpression:
            '(attribute_not_exists(committedGeneration) OR committedGeneration <= :generation) AND (attribute_not_exists(committedRun) OR committedRun <> :run) AND (attribute_not_exists(claimUntil) OR claimUntil <= :now)',
          ExpressionAttributeValues: {
            ':owner': s(owner),
            ':run': s(runId),
            ':until': n(now + COMMIT_CLAIM_MS),
            ':generation': s(generation),
            ':now': n(now),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: this.key(partition), ConsistentRead: true }),
      );
      const committed = str(Item, 'committedGeneration');
      if (committed !== undefined && committed > generation)
        return { granted: false, reason: 'superseded', by: str(Item, 'committedRun') ?? committed };
      if (str(Item, 'committedRun') === runId) return { granted: false, reason: 'committed', by: runId };
      return { granted: false, reason: 'busy', by: str(Item, 'claimRun') ?? 'another commit' };
    }
    return {
      granted: true,
      release: async (committed) => {
        const values = { ':owner': s(owner) };
        try {
          await this.client.send(
            committed
              ? new UpdateItemCommand({
                  TableName: this.tableName,
                  Key: this.key(partition),
                  // restatedAt stays from the last restatement when this commit found none.
                  UpdateExpression: `SET committedRun = :run, committedGeneration = :generation, #rows = :rows, #bytes = :bytes, committedAt = :at${committed.restatedAt ? ', restatedAt = :restated' : ''} REMOVE claimOwner, claimRun, claimUntil`,
                  ConditionExpression: 'claimOwner = :owner',
                  ExpressionAttributeNames: { '#rows': 'rows', '#bytes': 'bytes' },
                  ExpressionAttributeValues: {
                    ...values,
                    ':run': s(runId),
                    ':generation': s(generation),
                    ':rows': n(committed.rows),
                    ':bytes': n(committed.bytes),
                    ':at': s(committed.committedAt),
                    ...(committed.restatedAt ? { ':restated': s(committed.restatedAt) } : {}),
                  },
                })
              : new UpdateItemCommand({
                  TableName: this.tableName,
                  Key: this.key(partition),
                  UpdateExpression: 'REMOVE claimOwner, claimRun, claimUntil',
                  ConditionExpression: 'claimOwner = :owner',
                  ExpressionAttributeValues: values,
                }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      },
    };
  }

  /** Every committed partition of a source (status --deployed). */
  async committed(source: string): Promise<CommittedPartition[]> {
    const out: CommittedPartition[] = [];
    for (const item of await queryAll(this.client, this.tableName, `commit#${source}`)) {
      const runId = str(item, 'committedRun');
      if (!runId) continue;
      const [table = '', date = ''] = (str(item, 'sk') ?? '').split('#');
      out.push({
        table,
        date,
        runId,
        rows: num(item, 'rows') ?? 0,
        bytes: num(item, 'bytes') ?? 0,
        committedAt: str(item, 'committedAt') ?? '',
        ...(str(item, 'restatedAt') ? { restatedAt: str(item, 'restatedAt') } : {}),
      });
    }
    return out;
  }
}
