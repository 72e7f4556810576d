// The job queue on PostgreSQL: pg-boss 10 owns the schema (`pgboss`, created once under its advisory lock however
// many processes start together), the per-kind queues and partitions, sending (`send` runs on the caller's handle, so
// an enqueue inside a transaction commits or rolls back with it), and, when supervising, archiving old jobs. The
// lease operations are statements on pgboss.job, because pg-boss 10 has no owner-checked lease, no heartbeat, a
// jittered backoff in whole seconds, and counts a pause as an attempt; ours match sqlite-queue.ts exactly:
//   attempts = retry_count (raised at each claim), maxAttempts = retry_limit, the lease = started_on + expire_in,
//   its owner in output.leaseOwner, a dead job = state 'failed' with output.message = the last error.
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { PostgresDatabase } from '../database/postgres.ts';
import type { Db } from '../database/types.ts';
import type { FailOutcome, Job, JobQueue } from './queue.ts';
import { DEFAULT_MAX_ATTEMPTS, type SqliteQueueOptions } from './sqlite-queue.ts';

export type PgBossQueueOptions = SqliteQueueOptions;

/** Starts pg-boss on the database's pool (creating its schema if needed) and creates a queue per kind. */
export async function startPgBoss(
  database: PostgresDatabase,
  options: { kinds: readonly string[]; supervise?: boolean },
): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.pool.query(text, values) },
    supervise: options.supervise ?? true,
    schedule: false,
  });
  // An 'error' without a listener would crash the process; maintenance errors are retried on its next round.
  boss.on('error', () => {});
  // pg-boss 10 runs CREATE SCHEMA before taking its own lock, so processes starting together on an empty database
  // collide (duplicate pg_namespace key): one at a time here, under a session lock held on its own connection.
  // (That connection is one of the pool's; pg-boss's statements use the others, so the pool needs at least 2.)
  const lock = await database.pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [START_LOCK]);
    try {
      await boss.start();
      for (const kind of options.kinds) await boss.createQueue(kind);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [START_LOCK]);
    }
  } finally {
    lock.release();
  }
  return boss;
}

/** pg_advisory_lock key held while pg-boss creates or migrates its schema: "CBOS" in ASCII. */
const START_LOCK = 0x43424f53;

/** A job id derived from the idempotency key: pg-boss refuses a second job with the same id. */
export function jobIdFor(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`callmine-job:${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** pg-boss's `$1…$n` statement as drizzle SQL, so it runs on the handle's connection (its transaction, if any). */
function asSql(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${sql.param(values[Number(match[1]) - 1])}`);
    last = (match.index ?? 0) + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** pg-boss archives a waiting job once `keep_until` passes (set at send: start_after + 14 days); a job moved later
 *  (a pause until next month, a retry) must outlive its new start. */
const keptPast = (startAfter: Date) =>
  sql`greatest(keep_until, ${startAfter}::timestamptz + interval '14 days')`;

interface JobRow {
  id: string;
  name: string;
  data: unknown;
  retry_count: number;
  retry_limit: number;
}

/** The queue on handle `db` (a transaction's handle makes enqueue part of it), sending through `boss`. */
export function createPgBossQueue(db: Db, boss: PgBoss, options: PgBossQueueOptions = {}): JobQueue {
  const now = options.now ?? (() => new Date());
  const base = options.backoffBaseMs ?? 1000;
  const cap = options.backoffMaxMs ?? 5 * 60_000;
  const onHandle = {
    executeSql: async (text: string, values: unknown[]) => ({ rows: await db.all(asSql(text, values)) }),
  };
  const leased = (jobId: string, owner: string) =>
    sql`id = ${jobId}::uuid and state = 'active' and output->>'leaseOwner' = ${owner}`;
  const changed = async (statement: SQL) => ((await db.all(statement)) as unknown[]).length === 1;

  return {
    async enqueue(input) {
      const id = jobIdFor(input.idempotencyKey);
      const sent = await boss.send(input.kind, (input.payload ?? null) as object, {
        id,
        retryLimit: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        startAfter: input.runAfter ?? now(),
        db: onHandle,
      });
      if (sent !== null) return { id, created: true };
      // pg-boss also answers null for a kind without a queue: tell that apart from an already enqueued key.
      const [existing] = await db.all(sql`select 1 from pgboss.job where id = ${id}::uuid`);
      if (!existing) throw new Error(`no pg-boss queue for job kind "${input.kind}" (openQueue's kinds)`);
      return { id, created: false };
    },

    async claim(owner, leaseMs) {
      const at = now();
      // The oldest due job, locked so two workers never take the same one (SKIP LOCKED: the loser takes the next).
      const rows = (await db.all(sql`
        with next as (
          select id, name from pgboss.job
          where (state in ('created', 'retry') and start_after <= ${at})
             or (state = 'active' and started_on + expire_in < ${at})
          order by start_after, created_on, id
          limit 1
          for update skip locked
        )
        update pgboss.job j set
          state = 'active',
          started_on = ${at},
          expire_in = ${leaseMs}::int * interval '1 millisecond',
          retry_count = j.retry_count + 1,
          output = jsonb_build_object('leaseOwner', ${owner}::text)
        from next where j.name = next.name and j.id = next.id
        returning j.id, j.name, j.data, j.retry_count, j.retry_limit`)) as JobRow[];
      const [row] = rows;
      if (!row) return undefined;
      return {
        id: row.id,
        kind: row.name,
        payload: row.data,
        attempts: row.retry_count,
        maxAttempts: row.retry_limit,
      } satisfies Job;
    },

    async heartbeat(jobId, owner, leaseMs) {
      const at = now();
      return changed(sql`
        update pgboss.job set expire_in = (${at}::timestamptz - started_on) + ${leaseMs}::int * interval '1 millisecond'
        where ${leased(jobId, owner)} returning id`);
    },

    async complete(jobId, owner) {
      return changed(sql`
        update pgboss.job set state = 'completed', completed_on = ${now()}, output = null
        where ${leased(jobId, owner)} returning id`);
    },

    async fail(jobId, owner, error) {
      const [current] = (await db.all(
        sql`select retry_count, retry_limit from pgboss.job where ${leased(jobId, owner)} for update`,
      )) as Pick<JobRow, 'retry_count' | 'retry_limit'>[];
      if (!current) return undefined;
      const at = now();
      const outcome: FailOutcome = current.retry_count >= current.retry_limit ? 'dead' : 'retrying';
      const delay = Math.min(cap, base * 2 ** (current.retry_count - 1));
      const output = sql`jsonb_build_object('message', ${error}::text)`;
      await db.all(
        outcome === 'dead'
          ? sql`update pgboss.job set state = 'failed', completed_on = ${at}, output = ${output}
                where ${leased(jobId, owner)} returning id`
          : sql`update pgboss.job set state = 'retry', start_after = ${new Date(at.getTime() + delay)},
                  output = ${output}, keep_until = ${keptPast(new Date(at.getTime() + delay))}
                where ${leased(jobId, owner)} returning id`,
      );
      return outcome;
    },

    async release(jobId, owner, runAfter) {
      // The pause is not a failed attempt.
      return changed(sql`
        update pgboss.job set state = 'retry', start_after = ${runAfter}, output = null,
          keep_until = ${keptPast(runAfter)},
          retry_count = greatest(retry_count - 1, 0)
        where ${leased(jobId, owner)} returning id`);
    },
  } satisfies JobQueue;
}
