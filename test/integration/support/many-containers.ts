import { performance } from 'node:perf_hooks';
import type { SourceConfig } from '../../../functions/config/config-schema.js';
import { startAdcloud } from '../../simulators/adcloud/adcloud.js';
import type { RequestLogEntry } from '../../simulators/types.js';
import type { AwsHarness } from './aws-harness.js';
import { countMessages, drainQueue } from './lambda-queue-driver.js';

export interface ManyContainersOptions {
  fetchers: number;
  /** The vendor's limit, which the source's config also declares. */
  limit: number;
  windowMs: number;
  dates: string[];
  rowsPerDate: number;
  latencyMs?: number;
}

export interface ManyContainersResult {
  requests: number;
  refused: number;
  grants: number;
  /** Requests per vendor window (the simulator's own fixed windows, replayed from its log). */
  perWindow: number[];
  /** Requests in the complete windows over the budget of those windows. */
  share: number;
  /** Page tasks each fetcher container ran (how evenly the containers shared the budget). */
  perContainer: number[];
  deadLetters: number;
  partitions: number;
  committed: number;
  seconds: number;
  /**
   * CPU seconds this process (every container, the emulators and the simulator share it) spent
   * during the run, and the share of the run its event loop was busy (1: never waiting for I/O,
   * so the process, not the budget, set the pace).
   */
  cpuSeconds: number;
  eventLoopUtilization: number;
}

/**
 * The vendor's windows as its simulator counts them: a window opens with the first request
 * after the previous one ended, and lasts `windowMs` (test/simulators/base/rate-limiter.ts).
 */
export function vendorWindows(log: readonly RequestLogEntry[], windowMs: number): number[] {
  const arrivals = log.map((e) => e.at).sort((a, b) => a - b);
  const counts: number[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (const at of arrivals) {
    if (at >= start + windowMs) {
      start = at;
      counts.push(0);
    }
    counts[counts.length - 1]!++;
  }
  return counts;
}

/**
 * Planner + N fetcher "containers" (each a handler built on its own, with its own memory, as
 * separate Lambda containers would be), all draining one source's queue at once, against an
 * Adcloud simulator that enforces `limit` requests per window; every container spends the
 * shared budget in the control table.
 */
export async function runManyContainers(
  aws: AwsHarness,
  name: string,
  options: ManyContainersOptions,
): Promise<ManyContainersResult> {
  const simulator = await startAdcloud({
    rowsPerDate: options.rowsPerDate,
    seed: 21,
    latencyMs: options.latencyMs ?? 2,
    rateLimit: { limit: options.limit, windowMs: options.windowMs },
  });
  try {
    const resources = await aws.createSourceResources({
      name,
      credentials: simulator.credentials,
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 3,
    });
    const config = {
      name: 'adcloud_many',
      connector: 'adcloud',
      baseUrl: simulator.url,
      timezone: 'UTC',
      concurrency: options.fetchers,
      rateLimit: { requests: options.limit, windowSeconds: options.windowMs / 1000 },
    } as SourceConfig;
    const deployment = await aws.deploy({ bucket: `${name}-lake`, sources: [{ config, ...resources }] });
    const started = Date.now();
    const cpuAtStart = process.cpuUsage();
    const loopAtStart = performance.eventLoopUtilization();
    const planned = await deployment.plan({
      source: 'adcloud_many',
      from: options.dates[0],
      to: options.dates.at(-1),
      requestedAt: '2025-06-10T00:00:00Z',
    });
    const drained = await Promise.all(
      Array.from({ length: options.fetchers }, () =>
        drainQueue({
          sqs: aws.sqs,
          queueUrl: resources.queueUrl,
          queueArn: resources.queueArn,
          handler: deployment.fetcher('adcloud_many'),
          // As deployed (lib/source-pipeline.ts, FETCHER_BATCH_SIZE): five records an invocation,
          // one after another; the driver's default.
          batchSize: 5,
          visibilityTimeoutSeconds: 30,
          deadlineMs: 240_000,
        }),
      ),
    );
    // Then the committer (its own function deployed) commits what the fetchers completed.
    await drainQueue({
      sqs: aws.sqs,
      ...deployment.commitQueue,
      handler: deployment.committer(),
      deadlineMs: 240_000,
    });
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    const loop = performance.eventLoopUtilization(loopAtStart);
    const perWindow = vendorWindows(simulator.stats.requestLog, options.windowMs);
    const complete = perWindow.slice(0, -1);
    const commits = (await aws.listKeys(deployment.bucket, '_commits/')).filter((k) => k.endsWith('json'));
    return {
      requests: simulator.stats.requests,
      refused: simulator.stats.refused,
      grants: Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0),
      perWindow,
      perContainer: drained.map((d) => d.records),
      share:
        complete.length === 0 ? 0 : complete.reduce((a, b) => a + b, 0) / (complete.length * options.limit),
      deadLetters:
        (await countMessages(aws.sqs, resources.deadLetterUrl)) +
        (await countMessages(aws.sqs, deployment.commitQueue.deadLetterUrl)),
      partitions: planned.partitions,
      committed: commits.length,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoopUtilization: loop.utilization,
    };
  } finally {
    await simulator.close();
  }
}
