import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { Lease, LeaseStore } from '../../engine/index.js';
import { isConditionFailure, n, num, s, ttlAfter } from './dynamo-control-table.js';

/**
 * Leases in the control table. Taking one is a conditional update (free or expired) that
 * increments the fence; confirming and releasing are conditional on owner and fence, so a holder
 * whose lease was taken over can neither extend nor end its successor's.
 */
export class DynamoLeaseStore implements LeaseStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(name: string) {
    return { pk: s(`lease#${name}`), sk: s('lease') };
  }

  async tryAcquire(key: string, owner: string, durationMs: number): Promise<Lease | undefined> {
    const now = this.now();
    try {
      const { Attributes } = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(key),
          UpdateExpression: 'SET #owner = :owner, expiresAt = :expires, #ttl = :ttl ADD fence :one',
          ConditionExpression: 'attribute_not_exists(#owner) OR expiresAt <= :now',
          ExpressionAttributeNames: { '#owner': 'owner', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':owner': s(owner),
            ':expires': n(now + durationMs),
            ':ttl': ttlAfter(durationMs + 86_400_000, now),
            ':one': n(1),
            ':now': n(now),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { key, owner, fence: num(Attributes, 'fence') ?? 1, expiresAt: now + durationMs };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async confirm(lease: Lease, durationMs: number): Promise<boolean> {
    const now = this.now();
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(lease.key),
          UpdateExpression: 'SET expiresAt = :expires',
          ConditionExpression: '#owner = :owner AND fence = :fence AND expiresAt > :now',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':owner': s(lease.owner),
            ':fence': n(lease.fence),
            ':expires': n(now + durationMs),
            ':now': n(now),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async release(lease: Lease): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(lease.key),
          UpdateExpression: 'REMOVE #owner, expiresAt',
          ConditionExpression: '#owner = :owner AND fence = :fence',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': s(lease.owner), ':fence': n(lease.fence) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
