import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { FreshnessStore, TableWatch } from '../../engine/index.js';
import { isConditionFailure, queryAll, s, str } from './dynamo-control-table.js';

/** The reconciler's table watches in the control table: `fresh#<source>`, sort key the table. */
export class DynamoFreshnessStore implements FreshnessStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async watches(source: string): Promise<TableWatch[]> {
    return (await queryAll(this.client, this.tableName, `fresh#${source}`)).map((item) => {
      const lastCommittedAt = str(item, 'lastCommittedAt');
      return {
        source,
        table: str(item, 'sk') ?? '',
        watchedSince: str(item, 'watchedSince') ?? '',
        ...(lastCommittedAt !== undefined ? { lastCommittedAt } : {}),
      };
    });
  }

  async save(watch: TableWatch): Promise<void> {
    const at = watch.lastCommittedAt;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: s(`fresh#${watch.source}`),
            sk: s(watch.table),
            watchedSince: s(watch.watchedSince),
            ...(at !== undefined ? { lastCommittedAt: s(at) } : {}),
          },
          // A watch never loses a newer commit time to a reconciler that read an older one.
          ConditionExpression:
            at === undefined
              ? 'attribute_not_exists(pk)'
              : 'attribute_not_exists(lastCommittedAt) OR lastCommittedAt <= :at',
          ...(at !== undefined ? { ExpressionAttributeValues: { ':at': s(at) } } : {}),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
