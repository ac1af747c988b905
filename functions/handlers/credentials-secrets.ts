import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretToEnsure } from '../deployment/secrets.js';
import { InternalError } from '../engine/index.js';

/**
 * The CloudFormation custom resource behind lib/credentials-secrets.ts: it creates each source's
 * credentials and token secrets when they do not exist yet, with empty values, and does nothing
 * else. A deploy therefore never rewrites a secret an operator filled in (CloudFormation's own
 * secret resource regenerates GenerateSecretString values whenever that template changes), and a
 * destroy, a source rename or a rollback never deletes one: the secrets outlive the stack, and a
 * redeploy after a destroy finds them again by name.
 */

export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: { Secrets?: SecretToEnsure[] };
}

export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data?: Record<string, string>;
}

type Respond = (url: string, response: CustomResourceResponse) => Promise<void>;

/** The CloudFormation response protocol: a PUT of the JSON result to the pre-signed URL. */
const putResponse: Respond = async (url, response) => {
  const body = JSON.stringify(response);
  const answer = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!answer.ok) throw new InternalError(`CloudFormation refused the response: HTTP ${answer.status}`);
};

/** Creates the missing secrets; returns how many it created. An existing secret is left as it is. */
export async function ensureSecrets(
  client: SecretsManagerClient,
  secrets: SecretToEnsure[],
): Promise<number> {
  let created = 0;
  for (const secret of secrets) {
    try {
      await client.send(
        new CreateSecretCommand({
          Name: secret.name,
          Description: secret.description,
          SecretString: secret.initialValue,
        }),
      );
      created++;
    } catch (error) {
      // Already there (filled in by an operator, or kept from an earlier deploy): never touched.
      if ((error as Error).name !== 'ResourceExistsException') throw error;
    }
  }
  return created;
}

export function createCredentialsSecretsHandler(
  client: SecretsManagerClient = new SecretsManagerClient({}),
  respond: Respond = putResponse,
) {
  return async (event: CustomResourceEvent): Promise<void> => {
    const base = {
      PhysicalResourceId: event.PhysicalResourceId ?? `${event.LogicalResourceId}-secrets`,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    };
    try {
      const secrets = event.ResourceProperties.Secrets ?? [];
      // Delete keeps the secrets: they hold what only the operator knows.
      const created = event.RequestType === 'Delete' ? 0 : await ensureSecrets(client, secrets);
      await respond(event.ResponseURL, { ...base, Status: 'SUCCESS', Data: { Created: String(created) } });
    } catch (error) {
      // The reason names the API error only; secret values are never part of this resource.
      const reason = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 500);
      await respond(event.ResponseURL, { ...base, Status: 'FAILED', Reason: reason });
    }
  };
}

export const handler = createCredentialsSecretsHandler();
