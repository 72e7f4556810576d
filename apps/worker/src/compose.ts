import { availableParallelism } from 'node:os';
import type { Config } from '@callmine/config';
import {
  ANALYSIS_RUN_JOB,
  createDbBudgetStore,
  createDbRateSlotStore,
  databaseUnavailableReason,
  openDatabaseFromConfig,
  openQueue,
  type Queues,
} from '@callmine/db';
import { createGong, createGongTokenEndpoint, createSharedRateLimiter, limiterHoldMs } from '@callmine/gong';
import type { Logger } from '@callmine/logger';
import { createHealthChecker } from './gong/health-check.ts';
import { createTokenRefresher } from './gong/token-refresher.ts';
import type { Analyze } from './jobs/analysing.ts';
import { analysisRunHandler } from './jobs/analysis-run.ts';
import { createAnalysisPool } from './jobs/analysis-thread/pool.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { startWorkerVault } from './vault.ts';
import { createWebhookDispatcher } from './webhooks/dispatcher.ts';
import { createWebhookTransport } from './webhooks/transport.ts';
import { createWorkerLoop } from './worker-loop.ts';

export interface WorkerOverrides {
  /** The analysis engine; @callmine/analysis's `analyze` on a thread unless a test wraps it (e.g. to crash after it). */
  analyze?: Analyze;
  now?: () => Date;
  /** Refresh OAuth access tokens this long before they expire (default 5 minutes). */
  tokenRefreshMarginMs?: number;
  /** The analysis thread's entry file (pool.ts): tests running from source pass the built bundle. */
  analysisThreadEntry?: string;
}

/** The worker's composition root: config → database → vault (self-test, opener) → Gong → queue → loop, scheduler. */
export async function composeWorker(config: Config, logger: Logger, overrides: WorkerOverrides = {}) {
  const now = overrides.now ?? (() => new Date());
  // PostgreSQL when CALLMINE_DATABASE_URL is set, the SQLite file in the data dir otherwise.
  const database = await openDatabaseFromConfig(config, {
    postgres: { onIdleError: (error) => logger.warn({ err: error.message }, 'database connection dropped') },
  });
  let vault: Awaited<ReturnType<typeof startWorkerVault>>;
  let queues: Queues;
  try {
    vault = await startWorkerVault(config, database.db, logger);
    // The job table on SQLite; pg-boss on PostgreSQL, whose old jobs this process archives every 2 minutes.
    queues = await openQueue(database, {
      now,
      onMaintenanceError: (error) => logger.warn({ err: error }, 'job queue maintenance or pg-boss error'),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const gong = createGong({
    defaultBaseUrl: config.gong.defaultBaseUrl,
    allowedOrigins: config.gong.allowedOrigins,
    timeoutMs: config.gong.timeoutMs,
    // One per-second limit per credential across every worker and server process: slots kept in the database.
    limiter: createSharedRateLimiter({
      store: createDbRateSlotStore(database.db),
      ratePerSecond: config.gong.requestsPerSecond,
      holdMs: limiterHoldMs(config.gong.timeoutMs),
      onStoreError: (error) => logger.warn({ err: error }, 'Gong rate slots unavailable; retrying'),
    }),
    ratePerSecond: config.gong.requestsPerSecond,
    backoff: config.gong.retryBackoff,
    dailyBudget: config.gong.dailyBudget,
    budgetStore: createDbBudgetStore(database.db),
    // The budget's day is the worker's calendar (the same one the card reads), not only the wall clock.
    budgetClock: { now: () => now().getTime() },
    logger: { warn: (message) => logger.warn(message) },
  });
  // The client secret stays inside the token endpoint; it is sent only to the configured token URL.
  const oauth = config.gong.oauth;
  const tokens = createTokenRefresher({
    db: database.db,
    opener: vault.opener,
    sealer: vault.sealer,
    endpoint: oauth
      ? createGongTokenEndpoint({
          tokenUrl: oauth.tokenUrl,
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          timeoutMs: config.gong.timeoutMs,
        })
      : null,
    logger,
    now,
    // A claim must outlive the token call it covers (timeout), or a second worker could refresh the same pair.
    claimTtlMs: config.gong.timeoutMs * 2 + 10_000,
    ...(overrides.tokenRefreshMarginMs !== undefined ? { marginMs: overrides.tokenRefreshMarginMs } : {}),
  });
  // No thread starts until the first analysis.
  const analysis = createAnalysisPool({
    maxThreads: Math.min(availableParallelism(), config.worker.concurrency),
    ...(overrides.analysisThreadEntry ? { entry: overrides.analysisThreadEntry } : {}),
  });
  const loop = createWorkerLoop({
    queue: queues.on(database.db),
    handlers: {
      [ANALYSIS_RUN_JOB]: analysisRunHandler({
        db: database.db,
        gong,
        opener: vault.opener,
        tokens,
        analyze: overrides.analyze ?? analysis.analyze,
        logger,
        now,
        monthlyCallQuota: config.monthlyCallQuota,
      }),
    },
    logger,
    leaseMs: config.worker.leaseMs,
    concurrency: config.worker.concurrency,
    pollIntervalMs: config.worker.pollIntervalMs,
    now,
    // PostgreSQL restarting or out of reach: jobs pause and resume when it answers, no attempt spent.
    unavailableReason: databaseUnavailableReason,
  });
  const scheduler = createScheduler({
    db: database.db,
    queues,
    logger,
    now,
    tickMs: config.worker.schedulerTickMs,
  });
  // Same cadence as the scheduler, so a slot's pre-check lands within the 15 minutes before it.
  const health = createHealthChecker({
    db: database.db,
    gong,
    opener: vault.opener,
    tokens,
    logger,
    now,
    tickMs: config.worker.schedulerTickMs,
  });
  const webhookTransport = createWebhookTransport({
    allowedOrigins: config.webhooks.allowedOrigins,
    timeoutMs: config.webhooks.timeoutMs,
  });
  const webhooks = createWebhookDispatcher({
    db: database.db,
    opener: vault.opener,
    transport: webhookTransport,
    logger,
    now,
    pollIntervalMs: config.webhooks.pollIntervalMs,
    leaseMs: config.webhooks.timeoutMs * 2 + 1_000,
    policy: {
      baseMs: config.webhooks.retryBaseMs,
      maxGapMs: config.webhooks.retryMaxGapMs,
      retryForMs: config.webhooks.retryForMs,
      disableAfterMs: config.webhooks.disableAfterMs,
    },
    allowedOrigins: config.webhooks.allowedOrigins,
  });
  return {
    loop,
    scheduler,
    health,
    webhooks,
    database,
    queues,
    close: async () => {
      health.stop();
      scheduler.stop();
      await webhooks.stop();
      await webhookTransport.close();
      await loop.stop();
      await analysis.close();
      await gong.close();
      await queues.stop();
      await database.close();
    },
  };
}
