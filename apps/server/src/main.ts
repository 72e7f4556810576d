// Callmine's server process: read config once, build dependencies, listen.

import { ConfigError, loadConfig, roleRuns } from '@callmine/config';
import { isDatabaseConnectError } from '@callmine/db';
import { createLogger, perTurnDestination } from '@callmine/logger';
import { isVaultError } from '@callmine/vault';
import { serve } from '@hono/node-server';
import { composeServer } from './compose.ts';
import { keepConnectionsOpen } from './keep-alive.ts';

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
  // A worker-only machine (CALLMINE_ROLE=worker) serves no HTTP: say so and leave, before touching the database.
  if (!roleRuns(config.role, 'server')) {
    console.log(`CALLMINE_ROLE=${config.role}: the server is not started on this machine.`);
    process.exit(0);
  }
  // A line per request: written once per event-loop turn, not once per line (per-turn.ts).
  const logger = createLogger({
    service: 'callmine-server',
    level: config.logLevel,
    destination: perTurnDestination(),
  });
  let composed: Awaited<ReturnType<typeof composeServer>>;
  try {
    composed = await composeServer(config, logger);
  } catch (error) {
    // A missing or wrong master key: refuse to start, with the operator message and no key material.
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
  const { app } = composed;
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, dataDir: config.dataDir }, 'callmine server listening');
    console.log(`\nCallmine is running at ${config.publicUrl}\n`);
  });
  keepConnectionsOpen(server);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void composed.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await start();
