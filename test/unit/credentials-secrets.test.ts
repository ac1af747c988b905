import {
  CreateSecretCommand,
  ResourceExistsException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import {
  type CustomResourceEvent,
  type CustomResourceResponse,
  createCredentialsSecretsHandler,
} from '../../functions/handlers/credentials-secrets.js';

/** Secrets Manager in memory: CreateSecret only, refusing a name that exists (as AWS does). */
function fakeSecrets(existing: Record<string, string> = {}) {
  const store = new Map(Object.entries(existing));
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof CreateSecretCommand)) throw new Error('unexpected command');
      const { Name, SecretString } = command.input;
      if (store.has(Name!))
        throw new ResourceExistsException({ message: `${Name} already exists`, $metadata: {} });
      store.set(Name!, SecretString!);
      return {};
    },
  } as unknown as SecretsManagerClient;
  return { client, store };
}

const secrets = [
  { name: 'report-fetcher/dev/a/credentials', description: 'a', initialValue: '{"api_key":""}' },
  { name: 'report-fetcher/dev/a/token', description: 'a', initialValue: '{}' },
];

function event(type: CustomResourceEvent['RequestType']): CustomResourceEvent {
  return {
    RequestType: type,
    ResponseURL: 'https://cloudformation-response.invalid/',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'SourceSecrets',
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'SourceSecrets-secrets' }),
    ResourceProperties: { Secrets: secrets },
  };
}

async function run(client: SecretsManagerClient, type: CustomResourceEvent['RequestType']) {
  const responses: CustomResourceResponse[] = [];
  await createCredentialsSecretsHandler(client, async (_url, response) => {
    responses.push(response);
  })(event(type));
  return responses;
}

describe('source secrets custom resource', () => {
  it('creates missing secrets with empty values', async () => {
    const { client, store } = fakeSecrets();
    const [response] = await run(client, 'Create');
    expect(response).toMatchObject({ Status: 'SUCCESS', Data: { Created: '2' } });
    expect(Object.fromEntries(store)).toEqual({
      'report-fetcher/dev/a/credentials': '{"api_key":""}',
      'report-fetcher/dev/a/token': '{}',
    });
  });

  it('never overwrites a secret an operator filled in, on create (redeploy after destroy) or update', async () => {
    const filled = { 'report-fetcher/dev/a/credentials': '{"api_key":"real"}' };
    for (const type of ['Create', 'Update'] as const) {
      const { client, store } = fakeSecrets(filled);
      const [response] = await run(client, type);
      expect(response!.Status).toBe('SUCCESS');
      expect(store.get('report-fetcher/dev/a/credentials')).toBe('{"api_key":"real"}');
      expect(store.get('report-fetcher/dev/a/token')).toBe('{}');
    }
  });

  it('keeps the secrets when the stack is deleted', async () => {
    const { client, store } = fakeSecrets({ 'report-fetcher/dev/a/credentials': '{"api_key":"real"}' });
    const sent: unknown[] = [];
    const spying = { send: async (c: unknown) => sent.push(c) } as unknown as SecretsManagerClient;
    const [response] = await run(spying, 'Delete');
    expect(response!.Status).toBe('SUCCESS');
    expect(sent).toEqual([]);
    expect(store.size).toBe(1);
    void client;
  });

  it('reports any other error to CloudFormation as FAILED', async () => {
    const failing = {
      send: async () => {
        throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
      },
    } as unknown as SecretsManagerClient;
    const [response] = await run(failing, 'Create');
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'AccessDeniedException: not authorized' });
  });
});
