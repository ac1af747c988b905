/**
 * The engine's API: what adapters, handlers, config, the local runner, bin/ and lib/ may use.
 * Anything not exported here is the engine's own business (test/unit/import-walls.test.ts holds
 * them to it); test doubles live in test/support, never here.
 */

// Connectors: the definition a connector exports and the vendor model it composes (auth,
// paginators, record decoders, response rules, schema builders).
export { credentialKeysOf, credentialParams } from './auth/auth-spec.js';
// Ports and what their adapters need.
export type { TokenCache, TokenEntry } from './auth/token-cache.js';
export { isCredentialLength, MIN_TOKEN_CHARS } from './auth/token-length.js';
export {
  type ConnectorDefinition,
  pathPart,
  type ReportDefinition,
  type ReportVariant,
  type RequestContext,
  type SlicePlanningContext,
  sliceKeyPart,
} from './connector-definition.js';
// Shared state of deployed containers (control/).
export {
  type CommitClaim,
  type CommitGuard,
  type CommittedSummary,
  runGeneration,
} from './control/commit-guard.js';
export type { Lease, LeaseStore } from './control/lease-store.js';
export { effectiveRateLimit, rateBudgetAccount } from './control/rate-account.js';
export type { RateBudgetStore } from './control/rate-budget-store.js';
export { overdueOf, recentPartitions } from './control/reconcile.js';
export type {
  LedgerDeferral,
  LedgerPartition,
  LedgerRun,
  PartitionState,
  RunLedger,
  RunStart,
} from './control/run-ledger.js';
export { SharedRateGate } from './control/shared-rate-gate.js';
export {
  type FreshnessStore,
  type TableFreshness,
  type TableWatch,
  tableFreshness,
} from './control/table-freshness.js';
export { decode } from './decoding/decoders.js';
export type { StreamLineKind } from './decoding/ndjson-stream.js';
// Errors by failure family (errors/).
export * from './errors.js';
// Secrets and vendor text.
export { isLoopbackHost } from './http/origin.js';
export { DEFAULT_LIMITS, type Deadline } from './limits.js';
export { isPagePath } from './pagination/linked.js';
export type { PageState, Paginator } from './pagination/paginator.js';
export { paginate } from './pagination/paginators.js';
export { SCRATCH_BYTES_PER_ROW } from './partitions/key-set.js';
export type { CommitRecord, LakeStore } from './partitions/lake-store.js';
export { type PartitionRef, partitionObjectKey, partitionPrefix } from './partitions/partition.js';
// What a re-fetch changed (docs/guarantees.md § 11): the restatements table and its records.
export {
  describeRestatement,
  RESTATEMENTS_SCHEMA,
  RESTATEMENTS_TABLE,
  type RestatementRecord,
  restatementRow,
} from './partitions/restatement.js';
export type { ScratchFile, ScratchSpace } from './partitions/scratch-file.js';
// Running: plan, fetch a page, commit; the local driver; dates and run ids.
export { type CommitOutcomeHandler, type CommittedOutcome, settleCommit } from './run/commit-outcome.js';
export { commitPartition, describeFields, findMissing } from './run/commit-partition.js';
export { fetchPage } from './run/fetch-page.js';
export { type LocalRunOptions, type PartitionResult, type RunEvent, runLocally } from './run/local-runner.js';
export { nextTasks } from './run/next-tasks.js';
export { planPartition } from './run/plan-partition.js';
export { dateRange, dayBoundsUtc, isValidTimezone, scheduledDates } from './run/report-dates.js';
export { planningInstant, runIdFor } from './run/run-id.js';
export {
  type DeferredPartition,
  partitionsFor,
  type ScheduledPlan,
  scheduledPartitions,
} from './run/run-plan.js';
export { type EngineDeps, SourceRuntime, type SourceSettings } from './run/source-runtime.js';
export type { TaskQueue } from './run/task-queue.js';
export { type CommitPartitionTask, type FetchPageTask, newRunId, type Task } from './run/tasks.js';
// Schemas: rows, and the lake's column types derived from them.
export {
  columnDescription,
  columnSource,
  duckdbType,
  type GlueColumn,
  glueColumns,
} from './schema/glue-columns.js';
export {
  assertKnownFields,
  type Column,
  col,
  type Row,
  recordFields,
  type TableSchema,
  tableSchema,
} from './schema/table-schema.js';
export { printable, redact, registerSecret } from './secrets.js';
export { batches, lines } from './staging/ndjson-lines.js';
export { ndjsonPageSink, readNdjsonPage } from './staging/ndjson-page-sink.js';
export {
  type CountedBy,
  countAfter,
  InProcessPageTally,
  missingFromTally,
  type PageTally,
  type TalliedPage,
  type TalliedSlice,
  type Tally,
  tallyFullError,
} from './staging/page-tally.js';
export {
  type PageMeta,
  type PageSink,
  type PartitionManifest,
  pageName,
  type StagingStore,
  stagingPrefix,
} from './staging/staging-store.js';
export { sleep } from './time.js';
export { reauthenticateOn, statusInBody, unknownField } from './vendor/response-rules.js';
export type { ByteSink } from './writers/byte-sink.js';
export type { OutputFormat } from './writers/table-writer.js';
