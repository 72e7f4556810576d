// Which queue a process uses, by the database it opened: the `job` table on SQLite, pg-boss on PostgreSQL.
import type PgBoss from 'pg-boss';
import type { PostgresDatabase } from '../database/postgres.ts';
import type { Database, Db } from '../database/types.ts';
import { createPgBossQueue, startPgBoss } from './pg-boss-queue.ts';
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
  /** PostgreSQL: run pg-boss's maintenance (archiving and deleting old jobs). Default true. */
  supervise?: boolean;
}

export async function openQueue(database: Database, options: OpenQueueOptions = {}): Promise<Queues> {
  if (database.dialect === 'sqlite') {
    return { on: (db) => createSqliteQueue(db, options), stop: async () => {} };
  }
  const boss: PgBoss = await startPgBoss(database as PostgresDatabase, {
    kinds: options.kinds ?? [ANALYSIS_RUN_JOB],
    supervise: options.supervise,
  });
  return {
    on: (db) => createPgBossQueue(db, boss, options),
    stop: () => boss.stop({ graceful: false, close: false, wait: true }),
  };
}
