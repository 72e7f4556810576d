// Callmine's worker process: read config once, build dependencies (refusing to start when the vault self-test
// fails), then run jobs until SIGTERM/SIGINT, which let the current batch checkpoint before exiting.
import { ConfigError, loadConfig, roleRuns } from '@callmine/config';
import { isDatabaseConnectError } from '@callmine/db';
import { createLogger } from '@callmine/logger';
import { isVaultError } from '@callmine/vault';
import { composeWorker } from './compose.ts';
import { startWorkerHealthServer } from './health-server.ts';

async function start() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // A server-only machine (CALLMINE_ROLE=server) runs no jobs: say so and leave, before touching the database.
  if (!roleRuns(config.role, 'worker')) {
    console.log(`CALLMINE_ROLE=${config.role}: the worker is not started on this machine.`);
    process.exit(0);
  }
  const logger = createLogger({ service: 'callmine-worker', level: config.logLevel });
  let composed: Awaited<ReturnType<typeof composeWorker>>;
  try {
    composed = await composeWorker(config, logger);
  } catch (error) {
    if (isVaultError(error)) {
      const prefix = error.message.startsWith('Callmine cannot start') ? '' : 'Callmine cannot start: ';
      console.error(`${prefix}${error.message}`);
      process.exit(1);
    }
    // PostgreSQL unreachable or refusing the credentials: one line naming the variable and host:port, no password.
    if (isDatabaseConnectError(error)) {
      console.error(`Callmine cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  logger.info({ workerId: composed.loop.workerId, dataDir: config.dataDir }, 'callmine worker started');
  void composed.loop.run();
  // The first tick runs now: a slot missed while no worker ran is caught up at start-up.
  void composed.scheduler.start();
  // The daily Gong health check (and the one before a schedule's slot): first tick at start-up.
  composed.health.start();
  composed.webhooks.start();
  const health = config.worker.healthPort
    ? await startWorkerHealthServer({
        host: config.host,
        port: config.worker.healthPort,
        database: composed.database,
        isRunning: () => composed.loop.isRunning(),
      })
    : undefined;
  if (health) logger.info({ port: health.port }, 'worker health check at /healthz');
  const stop = (signal: string) => {
    logger.info({ signal }, 'worker shutting down after the current batch');
    void Promise.all([health?.close(), composed.close()]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await start();
