import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { RateBudgetStore } from '../../engine/index.js';
import { isConditionFailure, n, num, s } from './dynamo-control-table.js';

/**
 * The shared rate budget of a vendor account: item `rate#<account>` / `slot#<n>` counts the
 * requests of time slot n (expiring by TTL), taken with one conditional `ADD` each; `block`
 * holds the vendor's "not before". No read-modify-write: DynamoDB applies each increment
 * atomically, so a slot never holds more than its cap.
 */
export class DynamoRateBudgetStore implements RateBudgetStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async take(account: string, slot: number, cap: number, expiresAt: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: s(`rate#${account}`), sk: s(`slot#${slot}`) },
          UpdateExpression: 'ADD used :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(used) OR used < :cap',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':one': n(1),
            ':cap': n(cap),
            ':ttl': n(Math.ceil(expiresAt / 1000) + 3600),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async blockedUntil(account: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: s(`rate#${account}`), sk: s('block') },
        ConsistentRead: true,
      }),
    );
    return num(Item, 'until') ?? 0;
  }

  async pushBack(account: string, until: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: s(`rate#${account}`), sk: s('block') },
          UpdateExpression: 'SET #until = :until, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#until) OR #until < :until',
          ExpressionAttributeNames: { '#until': 'until', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':until': n(until), ':ttl': n(Math.ceil(until / 1000) + 86_400) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
