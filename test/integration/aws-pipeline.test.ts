import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../functions/config/config-schema.js';
import { adcloud } from '../../functions/connectors/adcloud.js';
import { runManifestKey } from '../../functions/deployment/index.js';
import { partitionObjectKey } from '../../functions/engine/partitions/partition.js';
import type { Row } from '../../functions/engine/schema/table-schema.js';
import type { PartitionManifest } from '../../functions/engine/staging/staging-store.js';
import type { AwsClients } from '../../functions/handlers/aws-context.js';
import type { PlannerResult, RunManifest } from '../../functions/handlers/planner.js';
import { type AdcloudSimulator, startAdcloud } from '../simulators/adcloud/adcloud.js';
import { expectLakeEqualsTruth, readPartition } from '../support/lake.js';
import { adcloudTruth } from '../support/truth.js';
import { type AwsHarness, type DrainOptions, startAwsHarness } from './support/aws-harness.js';
import { countMessages, type DriverStats, type SqsHandler, sendBody } from './support/lambda-queue-driver.js';

const report = adcloud.reports.advertiser!;
const SOURCE = 'adcloud_it';
/** Around the 200-row page: an empty day, one page, a partial last page, a six-page fan-out. */
const ROWS: Record<string, number> = {
  '2025-06-01': 0,
  '2025-06-02': 200,
  '2025-06-03': 450,
  '2025-06-04': 1001,
};
const DATES = Object.keys(ROWS);
/** A date of 30 pages at Adcloud's 200 rows a page: all fanned out at once after the first. */
const MANY_PAGES: Record<string, number> = { '2025-07-01': 6000 };
/** A date whose rows a test changes while a run is under way (the vendor's data shrinks). */
const CHANGING_DATE = '2025-08-01';
let changingRows = 0;
/** A date whose rows a test grows while a run is under way. */
const GROWING_DATE = '2025-08-11';
let growingRows = 0;
const MAX_RECEIVE_COUNT = 3;

let aws: AwsHarness;
let simulator: AdcloudSimulator;
let deployments = 0;

beforeAll(async () => {
  aws = await startAwsHarness({ logLevel: 'DEBUG' });
  simulator = await startAdcloud({
    rowsPerDate: (date) =>
      date === CHANGING_DATE
        ? changingRows
        : date === GROWING_DATE
          ? growingRows
          : (ROWS[date] ?? MANY_PAGES[date] ?? 10),
    seed: 11,
  });
});

afterAll(async () => {
  await simulator?.close();
  await aws?.stop();
});

afterEach(() => {
  simulator.setFaults({});
});

interface TestDeployment {
  bucket: string;
  queueUrl: string;
  queueArn: string;
  deadLetterUrl: string;
  commitQueueUrl: string;
  commitDeadLetterUrl: string;
  credentialsSecret: string;
  tokenSecret: string;
  planner: (event: unknown) => Promise<PlannerResult>;
  fetcher: (clients?: AwsClients) => SqsHandler;
  drain: (options?: DrainOptions) => Promise<DriverStats>;
}

/** What the CDK stacks create, made in the emulators: bucket, queue + DLQ, two secrets. */
async function deploy(options: { credentials?: Record<string, string> } = {}): Promise<TestDeployment> {
  const n = ++deployments;
  const resources = await aws.createSourceResources({
    name: `rf-tasks-${n}`,
    credentials: options.credentials ?? simulator.credentials,
    maxReceiveCount: MAX_RECEIVE_COUNT,
  });
  const config = {
    name: SOURCE,
    connector: 'adcloud',
    baseUrl: simulator.url,
    timezone: 'UTC',
  } as SourceConfig;
  const deployment = await aws.deploy({ bucket: `rf-lake-${n}`, sources: [{ config, ...resources }] });
  return {
    ...resources,
    bucket: deployment.bucket,
    commitQueueUrl: deployment.commitQueue.queueUrl,
    commitDeadLetterUrl: deployment.commitQueue.deadLetterUrl,
    planner: (event) => deployment.plan(event),
    fetcher: (clients) => deployment.fetcher(SOURCE, clients),
    drain: (options) => deployment.drain(SOURCE, options),
  };
}

const getText = (bucket: string, key: string) => aws.getText(bucket, key);
const getBytes = (bucket: string, key: string) => aws.getBytes(bucket, key);
const listKeys = (bucket: string, prefix: string) => aws.listKeys(bucket, prefix);

const partitionKey = (date: string) =>
  partitionObjectKey({ table: report.table, source: SOURCE, date }, 'parquet');

/** The committed partition, downloaded and read back with DuckDB. */
async function lakeRows(bucket: string, date: string): Promise<Row[]> {
  return readPartition(await aws.download(bucket, partitionKey(date)), report.schema);
}

/** The simulator's rows for a date, as stored. */
const truth = (date: string): Row[] => adcloudTruth(simulator)(report.table, date);

const byKey = (rows: Row[]) =>
  [...rows].sort((a, b) =>
    JSON.stringify(report.uniqueKey.map((k) => a[k])).localeCompare(
      JSON.stringify(report.uniqueKey.map((k) => b[k])),
    ),
  );

async function expectLakeEqualsSimulator(bucket: string, dates: readonly string[]) {
  for (const date of dates) {
    const [checked] = await expectLakeEqualsTruth(
      { file: () => aws.download(bucket, partitionKey(date)), report: () => report },
      [{ table: report.table, date }],
      adcloudTruth(simulator),
    );
    expect(checked!.rows.length, date).toBe(ROWS[date]);
    expect(byKey(checked!.rows), date).toEqual(byKey(truth(date)));
  }
}

describe('the AWS pipeline in-process (fauxqs S3 + SQS, Secrets Manager stub, Adcloud simulator)', () => {
  it('reads each staged page once, however many pages a partition has', async () => {
    // A fanned-out page that enqueues nothing asks whether its partition is complete: the answer
    // is the page tally's reply to recording the page (one control-table write), never a listing
    // or a read of the staged pages, which cost pages² GETs when every page read every meta
    // (30 pages: ~450 reads). The commit reads each page (rows and meta in one object) once, and
    // a duplicate commit task (two pages finishing at once each send one) reads none.
    const d = await deploy();
    const readsBefore = aws.captured.s3Reads.length;
    await d.planner({ source: SOURCE, from: '2025-07-01', to: '2025-07-01' });
    const stats = await d.drain({ handler: [d.fetcher(), d.fetcher()], batchSize: 1 });
    expect(stats.failedRecords).toBe(0);
    const rows = await lakeRows(d.bucket, '2025-07-01');
    expect(rows.length).toBe(6000);
    const stagedReads = aws.captured.s3Reads
      .slice(readsBefore)
      .filter((key) => key.startsWith('_staging/') && !key.endsWith('_manifest.json'));
    expect(stagedReads.length).toBe(30);
    expect(new Set(stagedReads).size).toBe(30);
  });

  it('plans a backfill, fans out, stages and commits exactly the simulator rows', async () => {
    const d = await deploy();
    const grantsBefore = Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0);
    const putsBefore = aws.secrets.calls.PutSecretValue ?? 0;
    const planned = await d.planner({ source: SOURCE, from: DATES[0], to: DATES.at(-1) });
    expect(planned).toMatchObject({
      source: SOURCE,
      partitions: DATES.length,
      failedPartitions: 0,
      tasks: DATES.length,
    });

    // Five fetcher containers, each with its own memory, as the event source would spread the run.
    const containers = Array.from({ length: 5 }, () => d.fetcher());
    const stats = await d.drain({ handler: containers, batchSize: 1 });
    expect(stats.failedRecords).toBe(0);
    await expectLakeEqualsSimulator(d.bucket, DATES);
    expect(await countMessages(aws.sqs, d.deadLetterUrl)).toBe(0);

    // The run manifest, the commit records and a token cached in its secret (not in any message).
    const manifest = JSON.parse(
      await getText(d.bucket, runManifestKey(planned.runId, SOURCE)),
    ) as RunManifest;
    expect(manifest.partitions.map((p) => [p.date, p.error])).toEqual(DATES.map((date) => [date, undefined]));
    const outcomes = await listKeys(d.bucket, `_runs/${planned.runId}/${SOURCE}/`);
    expect(outcomes.sort()).toEqual(
      DATES.map((date) => `_runs/${planned.runId}/${SOURCE}/${report.table}/dt=${date}.json`),
    );
    expect(JSON.parse(await getText(d.bucket, outcomes.at(-1)!))).toMatchObject({
      status: 'committed',
      rows: 1001,
      date: '2025-06-04',
    });
    const commits = (await listKeys(d.bucket, '_commits/')).filter((k) => k.endsWith('json'));
    expect(commits).toHaveLength(DATES.length);
    const commit = JSON.parse(await getText(d.bucket, commits.find((k) => k.includes('2025-06-04'))!));
    expect(commit).toMatchObject({ runId: planned.runId, rows: 1001, pages: 6, format: 'parquet' });
    expect(JSON.parse(aws.secrets.value(d.tokenSecret)!)).toHaveProperty('accessToken');
    // One token grant for the whole run: the planner cached it, every fetcher container reused it.
    expect(Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0) - grantsBefore).toBe(1);
    expect((aws.secrets.calls.PutSecretValue ?? 0) - putsBefore).toBe(1);
  });

  it('survives duplicate deliveries, a fetcher that crashes after staging, and a token that expires mid-run', async () => {
    const d = await deploy();
    const grantsBefore = Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0);
    const putsBefore = aws.secrets.calls.PutSecretValue ?? 0;
    const authFailuresBefore = simulator.stats.authFailures;
    await d.planner({ source: SOURCE, from: DATES[0], to: DATES.at(-1) });

    // The crash: right after page 2 of the big day is staged (its object, meta included,
    // written), before the fetcher records it in the tally or deletes its message; the Lambda
    // runtime dies with it.
    const crash = aws.crashingS3(
      (key) => key.includes('dt=2025-06-04/') && key.endsWith('page-000002.ndjson'),
    );
    const duplicated = new Set<string>();
    const stats = await d.drain({
      clients: { s3: crash.client },
      batchSize: 3,
      async beforeInvoke(messages, invocation) {
        // At-least-once delivery: every message of the first invocations arrives twice.
        if (invocation <= 3) {
          for (const message of messages) {
            if (duplicated.has(message.Body!)) continue;
            duplicated.add(message.Body!);
            await sendBody(aws.sqs, d.queueUrl, message.Body!);
          }
        }
        // Every token issued so far stops working halfway through the run.
        if (invocation === 3) simulator.expireTokens();
      },
      crashed: crash.crashed,
    });

    expect(stats.crashedInvocations).toBe(1);
    expect(stats.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(duplicated.size).toBeGreaterThan(0);
    await expectLakeEqualsSimulator(d.bucket, DATES);
    expect(await countMessages(aws.sqs, d.deadLetterUrl)).toBe(0);
    // The expired token was replaced (one grant under the lock) and written back to its secret.
    const grantsAfter = Object.values(simulator.stats.authGrants).reduce((a, b) => a + b, 0);
    expect(simulator.stats.authFailures).toBeGreaterThan(authFailuresBefore);
    expect(grantsAfter - grantsBefore).toBeGreaterThanOrEqual(2);
    expect((aws.secrets.calls.PutSecretValue ?? 0) - putsBefore).toBeGreaterThanOrEqual(2);
    expect(await listKeys(d.bucket, '_locks/')).toEqual([]);
  });

  it('gives the same partition when a commit runs twice (a late duplicate of the last page)', async () => {
    const d = await deploy();
    const planned = await d.planner({ source: SOURCE, from: '2025-06-03', to: '2025-06-03' });
    const fetcher = d.fetcher();
    await d.drain({ handler: fetcher });
    const key = partitionObjectKey({ table: report.table, source: SOURCE, date: '2025-06-03' }, 'parquet');
    const first = await getBytes(d.bucket, key);
    const firstCommit = JSON.parse(
      await getText(d.bucket, (await listKeys(d.bucket, '_commits/')).filter((k) => k.endsWith('json'))[0]!),
    );

    // The last page's message delivered again after the partition was committed.
    const manifest = JSON.parse(
      await getText(
        d.bucket,
        `_staging/${planned.runId}/${report.table}/source=${SOURCE}/dt=2025-06-03/_manifest.json`,
      ),
    ) as PartitionManifest;
    const lastPage = {
      type: 'fetch-page',
      runId: planned.runId,
      source: SOURCE,
      report: 'advertiser',
      date: '2025-06-03',
      slice: manifest.slices[0],
      page: { state: { kind: 'page-number', page: 3 }, ordinal: 2 },
      fannedOut: false,
    };
    await sendBody(aws.sqs, d.queueUrl, JSON.stringify(lastPage));
    const again = await d.drain({ handler: fetcher });
    expect(again.failedRecords).toBe(0);

    const second = await getBytes(d.bucket, key);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const secondCommit = JSON.parse(
      await getText(d.bucket, (await listKeys(d.bucket, '_commits/')).filter((k) => k.endsWith('json'))[0]!),
    );
    expect(secondCommit.digest).toBe(firstCommit.digest);
    expect(secondCommit.committedAt >= firstCommit.committedAt).toBe(true);
    expect(await listKeys(d.bucket, `${report.table}/source=${SOURCE}/dt=2025-06-03/`)).toEqual([key]);
    await expectLakeEqualsSimulator(d.bucket, ['2025-06-03']);
  });

  it('never commits a staged page past the end a redelivered page now announces (the vendor shrank mid-run)', async () => {
    const d = await deploy();
    const date = CHANGING_DATE;
    const backfill = (requestedAt: string) =>
      d.planner({ source: SOURCE, from: date, to: date, requestedAt });
    // An earlier run committed the date: 600 rows, three pages of 200.
    changingRows = 600;
    await backfill('2025-08-02T06:00:00Z');
    expect((await d.drain()).failedRecords).toBe(0);
    const key = partitionKey(date);
    const previous = await getBytes(d.bucket, key);
    expect((await lakeRows(d.bucket, date)).length).toBe(600);

    // A re-run stages all three pages; its commit tasks wait in their queue.
    const rerun = await backfill('2025-08-03T06:00:00Z');
    expect((await d.drain({ commits: false })).failedRecords).toBe(0);
    // The vendor's day shrinks to 400 rows (two pages), and the message of page 2 is delivered
    // again: page 2 now says it is the last, while page 3, fetched before, is still staged and
    // holds 200 rows the vendor no longer serves.
    changingRows = 400;
    const pageTwo = (aws.captured.sentBodies.get(d.queueUrl) ?? []).find((body) => {
      const task = JSON.parse(body);
      return task.runId === rerun.runId && task.page?.ordinal === 1;
    });
    expect(pageTwo).toBeDefined();
    await sendBody(aws.sqs, d.queueUrl, pageTwo!);
    const stats = await d.drain();

    // The commit is refused as drift, every time it is delivered, until it dead-letters (the DLQ
    // alarm); the previous partition stays byte for byte.
    expect(stats.failedRecords).toBeGreaterThan(0);
    expect(await countMessages(aws.sqs, d.commitDeadLetterUrl)).toBeGreaterThan(0);
    expect(Buffer.from(await getBytes(d.bucket, key)).equals(Buffer.from(previous))).toBe(true);
    const refusals = aws.captured.logLines.filter(
      (line) => line.includes('"PAGES_DISAGREE"') && line.includes(rerun.runId),
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toMatch(/slice [^:]+: page 2 says the slice ends at 2 pages but page 3 is staged/);

    // The next run fetches the date whole and commits exactly the vendor's 400 rows.
    await backfill('2025-08-04T06:00:00Z');
    expect((await d.drain()).failedRecords).toBe(0);
    const rows = await lakeRows(d.bucket, date);
    expect(rows.length).toBe(400);
    expect(byKey(rows)).toEqual(byKey(truth(date)));
    // The refused run's commit, re-driven once more (as the reconciler does for a partition left
    // planned), now ends: superseded by the newer run, which keeps its rows.
    const committed = await getBytes(d.bucket, key);
    const commit = {
      type: 'commit-partition',
      runId: rerun.runId,
      source: SOURCE,
      report: 'advertiser',
      date,
    };
    await sendBody(aws.sqs, d.commitQueueUrl, JSON.stringify(commit));
    expect((await d.drain()).failedRecords).toBe(0);
    expect(Buffer.from(await getBytes(d.bucket, key)).equals(Buffer.from(committed))).toBe(true);
    expect(
      aws.captured.logLines.some((l) => l.includes('a newer run committed it') && l.includes(rerun.runId)),
    ).toBe(true);
  });

  it('refuses as drift, never leaves waiting, a slice whose fanned-out page announces more pages than were fanned out (the vendor grew mid-run)', async () => {
    const d = await deploy();
    const date = GROWING_DATE;
    const backfill = (requestedAt: string) =>
      d.planner({ source: SOURCE, from: date, to: date, requestedAt });
    // An earlier run committed the date: 400 rows, two pages of 200.
    growingRows = 400;
    await backfill('2025-08-12T06:00:00Z');
    expect((await d.drain()).failedRecords).toBe(0);
    const key = partitionKey(date);
    const previous = await getBytes(d.bucket, key);

    // A re-run stages both pages (page 1 announced 400 rows and fanned out page 2); its commit
    // tasks wait in their queue.
    const rerun = await backfill('2025-08-13T06:00:00Z');
    expect((await d.drain({ commits: false })).failedRecords).toBe(0);
    // The vendor's day grows to 600 rows (three pages) and page 2's message is delivered again:
    // it now announces 600 rows, so three pages, but page 3 is nobody's to fetch (a fanned-out
    // page sends no pages; page 1 fanned out two). Counting three pages, the tally would wait for
    // page 3 forever and every commit task would find the partition incomplete, silently.
    growingRows = 600;
    const pageTwo = (aws.captured.sentBodies.get(d.queueUrl) ?? []).find((body) => {
      const task = JSON.parse(body);
      return task.runId === rerun.runId && task.page?.ordinal === 1;
    });
    expect(pageTwo).toBeDefined();
    await sendBody(aws.sqs, d.queueUrl, pageTwo!);
    const stats = await d.drain();

    // The pages disagree about their slice: the commit is refused as drift until it dead-letters
    // (the DLQ alarm), and the previous partition stays byte for byte.
    expect(stats.failedRecords).toBeGreaterThan(0);
    expect(await countMessages(aws.sqs, d.commitDeadLetterUrl)).toBeGreaterThan(0);
    expect(Buffer.from(await getBytes(d.bucket, key)).equals(Buffer.from(previous))).toBe(true);
    const refusals = aws.captured.logLines.filter(
      (line) => line.includes('"PAGES_DISAGREE"') && line.includes(rerun.runId),
    );
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toMatch(/slice [^:]+: page 1 says the slice has 2 pages, page 2 says 3/);

    // The next run fetches the date whole and commits exactly the vendor's 600 rows.
    await backfill('2025-08-14T06:00:00Z');
    expect((await d.drain()).failedRecords).toBe(0);
    const rows = await lakeRows(d.bucket, date);
    expect(rows.length).toBe(600);
    expect(byKey(rows)).toEqual(byKey(truth(date)));
  });

  it('moves a message that keeps failing to the DLQ after maxReceiveCount deliveries', async () => {
    const d = await deploy();
    await sendBody(
      aws.sqs,
      d.queueUrl,
      JSON.stringify({ type: 'fetch-page', source: SOURCE, note: 'not a task' }),
    );
    const stats = await d.drain({ handler: d.fetcher() });
    expect(stats.failedRecords).toBe(MAX_RECEIVE_COUNT);
    expect(await countMessages(aws.sqs, d.deadLetterUrl)).toBe(1);
  });

  it('refuses to plan without credentials and names the missing keys', async () => {
    const d = await deploy({ credentials: { client_id: '', client_secret: '' } });
    await expect(d.planner({ source: SOURCE })).rejects.toThrow(/lacks client_id, client_secret/);
    await expect(d.planner({ source: 'nope' })).rejects.toThrow(/unknown source "nope"/);
    await expect(d.planner({ source: SOURCE, from: '2025-06-02' })).rejects.toThrow();
  });

  it('never writes a credential or token into a log line, a queue message or an S3 object', async () => {
    const { logLines, sqsRequests: sentMessages } = aws.captured;
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.some((l) => l.includes('"level":"DEBUG"'))).toBe(true);
    expect(sentMessages.some((m) => m.includes('fetch-page'))).toBe(true);
    const objects: string[] = [];
    for (let n = 1; n <= deployments; n++) {
      for (const key of await listKeys(`rf-lake-${n}`, '')) {
        objects.push(Buffer.from(await getBytes(`rf-lake-${n}`, key)).toString('latin1'));
      }
    }
    expect(objects.length).toBeGreaterThan(20);
    // Staged pages and lock objects are gone by now; the harness kept every body written.
    const written = aws.captured.s3Writes.map((w) => w.text);
    const texts = [...logLines, ...sentMessages, ...objects, ...written, ...aws.captured.errors];
    const leaked = simulator.issuedSecrets().filter((s) => s.length >= 6 && texts.some((t) => t.includes(s)));
    expect(leaked).toEqual([]);
  });
});
