import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { InputError, ReportFetcherError } from '../functions/engine/errors.js';
import type { CliIo } from './cli-io.js';
import { datesFromFlags } from './date-flags.js';

/**
 * Backfill on the deployed pipeline: invokes the planner Lambda with an explicit date range; it
 * plans and enqueues exactly as the daily schedule does. Uses the caller's AWS credentials.
 */
export async function backfillCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      deployed: { type: 'boolean' },
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      date: { type: 'string' },
      function: { type: 'string' },
    },
  });
  if (!values.deployed)
    throw new InputError(
      'backfill runs on the deployed pipeline: pass --deployed (locally, use "run --from D --to D")',
    );
  if (!values.source) throw new InputError('backfill needs --source NAME');
  const dates = datesFromFlags(values);
  if (!dates) throw new InputError('backfill needs --date D or --from D --to D');
  const functionName = values.function ?? 'report-fetcher-planner';
  const client = new LambdaClient({});
  const payload = { source: values.source, from: dates[0], to: dates[dates.length - 1] };
  const response = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  const body = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  if (response.FunctionError) {
    throw new ReportFetcherError('INTERNAL', `planner ${functionName} failed: ${body.slice(0, 500)}`);
  }
  io.stdout(`planned on ${functionName}: ${body}\n`);
  return 0;
}
