import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerServer {
  url: string;
  /** Current value of a secret by name or ARN. */
  value(id: string): string | undefined;
  set(name: string, value: string): string;
  calls: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Just enough of the Secrets Manager JSON 1.1 protocol (X-Amz-Target header) for the pipeline:
 * GetSecretValue and PutSecretValue, by name or by the ARN this server hands out.
 */
export async function startSecretsManager(region = 'eu-west-1'): Promise<SecretsManagerServer> {
  const secrets = new Map<string, { name: string; arn: string; value: string; version: string }>();
  const calls: Record<string, number> = {};
  const find = (id: string) => secrets.get(id) ?? [...secrets.values()].find((s) => s.arn === id);

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, id: string) =>
    reply(res, 400, {
      __type: 'ResourceNotFoundException',
      message: `Secrets Manager can't find the specified secret: ${id}`,
    });

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^secretsmanager\./, '');
    calls[operation] = (calls[operation] ?? 0) + 1;
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      SecretId: string;
      SecretString?: string;
    };
    const secret = find(input.SecretId);
    if (operation === 'GetSecretValue') {
      if (!secret) return notFound(res, input.SecretId);
      return reply(res, 200, {
        ARN: secret.arn,
        Name: secret.name,
        SecretString: secret.value,
        VersionId: secret.version,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.now() / 1000,
      });
    }
    if (operation === 'PutSecretValue') {
      if (!secret) return notFound(res, input.SecretId);
      secret.value = input.SecretString ?? '';
      secret.version = randomUUID();
      return reply(res, 200, {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: secret.version,
        VersionStages: ['AWSCURRENT'],
      });
    }
    reply(res, 400, { __type: 'InvalidRequestException', message: `unsupported operation ${target}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    value: (id) => find(id)?.value,
    set(name, value) {
      const arn = `arn:aws:secretsmanager:${region}:000000000000:secret:${name}-${randomUUID().slice(0, 6)}`;
      secrets.set(name, { name, arn, value, version: randomUUID() });
      return arn;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
