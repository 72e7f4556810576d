export { tablesInCopyOrder } from './copy/copy-order.ts';
export {
  type CopiedTable,
  CopyCountMismatchError,
  copySqliteToPostgres,
  TargetNotEmptyError,
} from './copy/copy-to-postgres.ts';
export {
  contextStorageUsers,
  type DisablableStorage,
  registerContextStorages,
  withContextStorage,
} from './database/context-storage.ts';
export {
  assertNotMigratedByNewer,
  assertSqliteNotMigratedByNewer,
} from './database/migration-version.ts';
export {
  type DatabaseLocation,
  type OpenOptions,
  openDatabaseFromConfig,
} from './database/open-from-config.ts';
export { openPostgresDatabase, type PostgresDatabase, type PostgresOptions } from './database/postgres.ts';
export {
  DATABASE_URL_VARIABLE,
  describeTarget,
  isDatabaseConnectError,
} from './database/postgres-connect-error.ts';
export { preparedRead } from './database/prepared-read.ts';
export {
  openSqliteDatabase,
  openSqliteDatabase as openDatabase,
  type SqliteDatabase,
  type SqliteDatabase as OpenedDatabase,
  type SqliteOptions,
} from './database/sqlite.ts';
export type { Database, Db, Tables, TransactionOptions } from './database/types.ts';
export { databaseUnavailableReason, isDatabaseUnavailable } from './database/unavailable.ts';
export { createDbBudgetStore, type DbBudgetStore } from './gong-limits/budget.ts';
export {
  createDbRateSlotStore,
  type RateSlotStore,
  type RateSlotTake,
} from './gong-limits/rate-slots.ts';
export { type OpenQueueOptions, openQueue, type Queues } from './queue/open-queue.ts';
export { createPgBossQueue, jobIdFor, type PgBossQueueOptions, startPgBoss } from './queue/pg-boss-queue.ts';
export {
  ANALYSIS_RUN_JOB,
  analysisRunJobKey,
  type EnqueueInput,
  type FailOutcome,
  type Job,
  type JobQueue,
} from './queue/queue.ts';
export { createSqliteQueue, DEFAULT_MAX_ATTEMPTS, type SqliteQueueOptions } from './queue/sqlite-queue.ts';
export {
  allowanceOverride,
  clearAllowanceOverride,
  findWorkspace,
  monthlyAllowance,
  monthUsed,
  quotaMonth,
  setAllowanceOverride,
  type WorkspaceLookup,
  type WorkspaceQuotaRow,
  type WorkspaceRef,
  workspaceByIdOrSlug,
  workspaceQuotas,
} from './quota/allowance.ts';
export { type RunQuotaOutcome, runQuotaOutcome } from './quota/outcome.ts';
export { type CreateAnalysisRunInput, createAnalysisRun, type Tx } from './runs/create-run.ts';
export {
  analysisWindowAt,
  createOccurrenceRun,
  type OccurrenceRunInput,
  occurrenceSelection,
} from './schedules/occurrence-run.ts';
export * as schema from './schema/index.ts';
export {
  createVaultStore,
  type SealedField,
  type SealedFields,
  type SealedRow,
  type VaultStoreDb,
} from './vault/store.ts';
export { enqueueWebhookEvent, type WebhookEventInput, webhookPayload } from './webhooks/enqueue.ts';
