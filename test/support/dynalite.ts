import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createControlTable } from '../../functions/adapters/aws/dynamo-control-table.js';

export interface Dynalite {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a fresh control table (names need at least 3 characters). */
  table(name?: string): Promise<string>;
  stop(): Promise<void>;
}

let tables = 0;

/** DynamoDB in this process (dynalite: LevelDB in memory), loopback only. */
export async function startDynalite(): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    endpoint,
    client,
    async table(name = `control-${++tables}`) {
      await createControlTable(client, name);
      return name;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
