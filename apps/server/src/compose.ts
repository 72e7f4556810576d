import { createAuth, createRateLimits, databaseRateLimitStore } from '@callmine/api';
import type { Config } from '@callmine/config';
import { openDatabaseFromConfig, openQueue, type Queues } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { buildApp } from './app.ts';
import { resolveAuthSecret } from './auth-secret.ts';
import { createGongForConfig, gongGateway } from './gong-gateway.ts';
import { gongOAuthApp } from './gong-oauth-app.ts';
import { startVault } from './vault.ts';

export interface ServerOverrides {
  /** The clock procedures read (run windows, quota months, estimates); tests pin it. Defaults to the real one. */
  now?: () => Date;
  /** The built SPA to serve; bench/report-page compares two builds side by side. Defaults to the config's. */
  webDistDir?: string;
}

/** Builds everything a server process needs from the config: the composition root minus the listener. */
export async function composeServer(config: Config, logger: Logger, overrides: ServerOverrides = {}) {
  // PostgreSQL when CALLMINE_DATABASE_URL is set, the SQLite file in the data dir otherwise.
  const database = await openDatabaseFromConfig(config, {
    postgres: { onIdleError: (error) => logger.warn({ err: error.message }, 'database connection dropped') },
  });
  const now = overrides.now ?? (() => new Date());
  let sealer: Awaited<ReturnType<typeof startVault>>;
  let queues: Queues;
  try {
    sealer = await startVault(config, database.db, logger);
    // The queue runs.start enqueues into: pg-boss on PostgreSQL (its schema created here if no process has yet),
    // the job table on SQLite. Archiving finished jobs is the workers' maintenance, not the servers'.
    queues = await openQueue(database, {
      now,
      supervise: false,
      onMaintenanceError: (error) => logger.warn({ err: error }, 'pg-boss error'),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const secret = resolveAuthSecret(config.authSecret, config.dataDir, (m) => logger.warn(m));
  const auth = createAuth({
    db: database.db,
    secret,
    publicUrl: config.publicUrl,
    sessionTtlSeconds: config.sessionTtlSeconds,
    log: (level, message) => logger[level === 'success' ? 'info' : level]({ source: 'better-auth' }, message),
  });
  const gong = createGongForConfig(config, logger, database.db, now);
  // Counted in the database, so every server process behind a load balancer shares each limit.
  const rateLimitStore = databaseRateLimitStore(database);
  const app = buildApp({
    api: {
      db: database.db,
      queues,
      auth,
      logger,
      publicUrl: config.publicUrl,
      now,
      gong: gongGateway(gong, config.gong.dailyBudget),
      gongOAuth: config.gong.oauth ? gongOAuthApp(config.gong.oauth, config.gong.timeoutMs) : null,
      sealer,
      monthlyCallQuota: config.monthlyCallQuota,
      signup: config.signup,
      webhooks: { allowedOrigins: config.webhooks.allowedOrigins },
      rateLimits: createRateLimits(rateLimitStore, {
        gongConnectPerMinute: config.gong.connectAttemptsPerMinute,
        apiTokenCallsPerMinute: config.apiTokenCallsPerMinute,
      }),
    },
    database,
    logger,
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    webDistDir: overrides.webDistDir ?? config.webDistDir,
  });
  return {
    app,
    database,
    queues,
    close: async () => {
      rateLimitStore.close();
      await gong.close();
      await queues.stop();
      await database.close();
    },
  };
}
