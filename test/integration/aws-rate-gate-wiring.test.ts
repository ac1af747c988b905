import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRateBudgetStore } from '../../functions/adapters/aws/dynamo-rate-budget.js';
import { DEPLOYMENT_ENV, type DeploymentInput } from '../../functions/deployment/index.js';
import { DeadlineError, rateBudgetAccount, SharedRateGate } from '../../functions/engine/index.js';
import { AwsContext } from '../../functions/handlers/aws-context.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

const SOURCE = 'tm_wait';
const RUN = '20250602T060000Z-r1';
/** The source's vendor-wait budget: well under the default (65 min), so the default cannot pass. */
const MAX_WAIT_SECONDS = 120;
const TEN_YEARS_MS = 10 * 365 * 86_400_000;

let dynamo: Dynalite;
let controlTable: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  controlTable = await dynamo.table();
});

afterAll(async () => {
  await dynamo?.stop();
});

/** A container's context, built as the handlers build theirs: from the deployment's environment. */
function container(): AwsContext {
  const input: DeploymentInput = {
    bucket: 'rf-wait',
    controlTable,
    commitQueueUrl: 'http://127.0.0.1:1/000000000000/commit',
    sources: [
      {
        config: {
          name: SOURCE,
          connector: 'trackmaster',
          options: { mediaIds: [1] },
          rateLimit: { requests: 60, windowSeconds: 60 },
          limits: { maxVendorWaitSeconds: MAX_WAIT_SECONDS },
        } as never,
        queueUrl: 'http://127.0.0.1:1/000000000000/tm',
        credentialsSecret: 'report-fetcher/tm_wait/credentials',
        tokenSecret: 'report-fetcher/tm_wait/token',
      },
    ],
  };
  return new AwsContext(
    { ...process.env, [DEPLOYMENT_ENV]: JSON.stringify(input) },
    { dynamo: dynamo.client },
  );
}

describe('deployed, a vendor reset far away blocks the shared rate gate for at most limits.maxVendorWaitSeconds', () => {
  it("is the source's budget: the block the account's containers share ends within it, and another container resumes by then", async () => {
    // The committer's way to a runtime reads no secret; the rate gate is built the same way.
    const runtime = await container().runtime(SOURCE, RUN, { withCredentials: false });
    const gate = runtime.limiter;
    expect(gate).toBeInstanceOf(SharedRateGate);
    // What the vendor client does with "0 left, resets in ten years" (X-RateLimit-Reset).
    const before = Date.now();
    gate.observe(0, before + TEN_YEARS_MS);
    await (gate as SharedRateGate).pending;
    const after = Date.now();

    const account = rateBudgetAccount(runtime.settings);
    const block = await new DynamoRateBudgetStore(dynamo.client, controlTable).blockedUntil(account);
    // Blocked (the vendor's refusal is shared), but only for the budget.
    expect(block).toBeGreaterThanOrEqual(before + MAX_WAIT_SECONDS * 1000);
    expect(block).toBeLessThanOrEqual(after + MAX_WAIT_SECONDS * 1000);

    // Another container of the account waits out the block instead of failing, and no longer.
    const other = (await container().runtime(SOURCE, RUN, { withCredentials: false })).limiter;
    const deadline = { at: Date.now() + 1_000, name: 'the invocation' };
    const waited = await other.acquire(deadline).catch((error: unknown) => error);
    expect(waited).toBeInstanceOf(DeadlineError);
    const slotMs = (other as SharedRateGate).plan.slotMs;
    expect((waited as DeadlineError).resumeAt).toBeGreaterThanOrEqual(block);
    expect((waited as DeadlineError).resumeAt).toBeLessThanOrEqual(block + slotMs);
  });
});
