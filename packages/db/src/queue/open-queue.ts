// Which queue a process uses, by the database it opened: the `job` table on SQLite, pg-boss on PostgreSQL.
import type PgBoss from 'pg-boss';
import type { PostgresDatabase } from '../database/postgres.ts';
import type { Database, Db } from '../database/types.ts';
import { createPgBossQueue, maintainPgBoss, startPgBoss } from './pg-boss-queue.ts';
import { ANALYSIS_RUN_JOB, type JobQueue } from './queue.ts';
import { createSqliteQueue, type SqliteQueueOptions } from './sqlite-queue.ts';

export interface Queues {
  /** The queue on a handle: the database's, or a transaction's (then an enqueue commits with it). */
  on(db: Db): JobQueue;
  /** Stops pg-boss's maintenance (a no-op on SQLite); the database stays open. */
  stop(): Promise<void>;
}

export interface OpenQueueOptions extends SqliteQueueOptions {
  /** The job kinds this process sends (pg-boss needs a queue per kind before the first send). */
  kinds?: readonly string[];
  /** PostgreSQL: archive and delete old jobs every 2 minutes (pg-boss's archive and drop). Default true. */
  supervise?: boolean;
  /** A maintenance round that failed (it is tried again at the next), or an error pg-boss reported (its 'error'
   *  event). */
  onMaintenanceError?: (error: unknown) => void;
}

export async function openQueue(database: Database, options: OpenQueueOptions = {}): Promise<Queues> {
  if (database.dialect === 'sqlite') {
    return { on: (db) => createSqliteQueue(db, options), stop: async () => {} };
  }
  const boss: PgBoss = await startPgBoss(database as PostgresDatabase, {
    kinds: options.kinds ?? [ANALYSIS_RUN_JOB],
    ...(options.onMaintenanceError ? { onError: options.onMaintenanceError } : {}),
  });
  const stopMaintenance =
    (options.supervise ?? true) ? maintainPgBoss(boss, options.onMaintenanceError ?? (() => {})) : () => {};
  return {
    on: (db) => createPgBossQueue(db, boss, options),
    stop: async () => {
      stopMaintenance();
      await boss.stop({ graceful: false, close: false, wait: true });
    },
  };
}
