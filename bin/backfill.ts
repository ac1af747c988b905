import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DEFAULT_STAGE, stageNames } from '../functions/deployment/index.js';
import { InputError, InternalError, runIdFor } from '../functions/engine/index.js';
import type { CliIo } from './cli-io.js';
import { datesFromFlags } from './date-flags.js';

/** The flags of `report-fetcher backfill` (docs/deploy.md is checked against them). */
export const BACKFILL_OPTIONS = {
  deployed: { type: 'boolean' },
  source: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  date: { type: 'string' },
  stage: { type: 'string' },
  function: { type: 'string' },
} as const;

/**
 * Backfill on the deployed pipeline: invokes the planner Lambda asynchronously with an explicit
 * date range and the request time; it plans and enqueues exactly as the daily schedule does. The
 * request time and range make the run id, so a retried call (SDK retries, a timeout) is the same
 * run and plans nothing twice. Uses the caller's AWS credentials.
 */
export async function backfillCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: BACKFILL_OPTIONS,
  });
  if (!values.deployed)
    throw new InputError(
      'backfill runs on the deployed pipeline: pass --deployed (locally, use "run --from D --to D")',
    );
  if (!values.source) throw new InputError('backfill needs --source NAME');
  const dates = datesFromFlags(values);
  if (!dates) throw new InputError('backfill needs --date D or --from D --to D');
  // The planner of the stage deployed with `cdk deploy -c stage=<stage>` (default dev).
  const functionName = values.function ?? stageNames(values.stage ?? DEFAULT_STAGE).plannerFunction;
  const client = new LambdaClient({});
  const payload = {
    source: values.source,
    from: dates[0]!,
    to: dates[dates.length - 1]!,
    requestedAt: new Date().toISOString(),
  };
  const response = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  if (response.StatusCode !== 202) {
    throw new InternalError(
      `planner ${functionName} did not accept the backfill (status ${response.StatusCode})`,
    );
  }
  io.stdout(
    `backfill requested on ${functionName}: run ${runIdFor(payload)} (${dates.length} dates); follow it with "report-fetcher status --deployed"\n`,
  );
  return 0;
}
