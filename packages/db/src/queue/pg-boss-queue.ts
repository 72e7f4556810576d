// The job queue on PostgreSQL: pg-boss 10 owns the schema (`pgboss`, created once under its advisory lock however
// many processes start together), the per-kind queues and partitions, sending (`send` runs on the caller's handle, so
// an enqueue inside a transaction commits or rolls back with it), and archiving old jobs. The lease operations are
// statements on pgboss.job, because pg-boss 10 has no owner-checked lease, no heartbeat, no fairness across groups, a
// jittered backoff in whole seconds, and counts a pause as an attempt; ours match sqlite-queue.ts exactly:
//   attempts = retry_count (raised at each claim), maxAttempts = retry_limit, the lease = started_on + expire_in,
//   its owner in output.leaseOwner, a dead job = state 'failed' with output.message = the last error, the fairness
//   group (the workspace) in singleton_key (no uniqueness on the 'standard' policy without singletonSeconds).
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
  options: { kinds: readonly string[]; onError?: (error: Error) => void },
): Promise<PgBoss> {
  // Never pg-boss's own supervision: its expiry fails a job whose lease ran out on its last attempt, so the worker's
  // dead-job handling (the run marked failed) would never run and the run would wait forever. Leases are ours (a
  // claim takes an expired one over); maintainPgBoss archives and deletes old jobs.
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.pool.query(text, values) },
    supervise: false,
    schedule: false,
  });
  // An 'error' without a listener would crash the process: reported instead (pg-boss retries its own work).
  const onError = options.onError ?? (() => {});
  boss.on('error', (error: unknown) => onError(pgBossError(error)));
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

/**
 * pg-boss's 'error' payload as an Error: its job manager emits a plain copy of the error's own fields (`{ ...error,
 * message, stack, queue, worker }`), which for a failed drizzle query would carry the statement's bound values
 * (`params`, and its message "Failed query: … params: …") into whatever logs it: only the name and a message without
 * values are kept. A real Error passes through (the logger's serializer drops a query's values from it).
 */
export function pgBossError(error: unknown): Error {
  if (error instanceof Error) return error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message =
    typeof fields.query === 'string'
      ? `Failed query: ${fields.query}`
      : typeof fields.message === 'string'
        ? fields.message
        : 'pg-boss reported an error';
  const copy = new Error(message);
  if (typeof fields.name === 'string') copy.name = fields.name;
  return copy;
}

/** How often a supervising process archives finished jobs (pg-boss's own maintenance interval). */
export const MAINTENANCE_INTERVAL_MS = 120_000;

/** pg-boss's archive and delete, every MAINTENANCE_INTERVAL_MS (under pg-boss's own lock, so one process at a time
 *  does the work). Returns the stop function. */
export function maintainPgBoss(boss: PgBoss, onError: (error: unknown) => void): () => void {
  const round = () => archiveOldJobs(boss).catch(onError);
  const timer = setInterval(() => void round(), MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** One maintenance round: finished jobs past pg-boss's retention move to pgboss.archive, and archived jobs past
 *  its deletion age are deleted. Waiting and leased jobs stay. */
export async function archiveOldJobs(boss: PgBoss): Promise<void> {
  await boss.archive();
  // drop() exists at run time (pg-boss's maintenance calls it); pg-boss 10's types name it purge(), which does not.
  await (boss as unknown as { drop(): Promise<void> }).drop();
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

/** pg-boss archives a waiting job once `keep_until` (= start_after + retention) passes: 14 days from the later of
 *  its start and the real clock, so a job sent with an injected clock in the past (tests) is not archived unrun. */
const retentionSecondsFor = (startAfter: Date) =>
  Math.ceil(Math.max(0, Date.now() - startAfter.getTime()) / 1000) + 14 * 86_400;

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
      const startAfter = input.runAfter ?? now();
      const sent = await boss.send(input.kind, (input.payload ?? null) as object, {
        id,
        retryLimit: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        startAfter,
        retentionSeconds: retentionSecondsFor(startAfter),
        ...(input.groupKey !== undefined ? { singletonKey: input.groupKey } : {}),
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
      // Fair across groups (workspaces), as on SQLite: the group with the fewest live leases first, then the oldest
      // due job; jobs without a group count as none in flight. Locked so two workers never take the same job (SKIP
      // LOCKED: the loser takes the next).
      const rows = (await db.all(sql`
        with live as (
          select singleton_key as grp, count(*) as n from pgboss.job
          where state = 'active' and singleton_key is not null and started_on + expire_in >= ${at}
          group by singleton_key
        ),
        next as (
          select j.id, j.name from pgboss.job j left join live on live.grp = j.singleton_key
          where (j.state in ('created', 'retry') and j.start_after <= ${at})
             or (j.state = 'active' and j.started_on + j.expire_in < ${at})
          order by coalesce(live.n, 0), j.start_after, j.created_on, j.id
          limit 1
          for update of j skip locked
        )
        update pgboss.job j set
          state = 'active',
          started_on = ${at},
          expire_in = ${leaseMs}::int * interval '1 millisecond',
          -- Taking back one's own lapsed lease (a stalled event loop) continues that attempt (as on SQLite).
          retry_count = case when j.state = 'active' and j.output->>'leaseOwner' = ${owner}::text
            then j.retry_count else j.retry_count + 1 end,
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

    async discard(idempotencyKeys) {
      if (idempotencyKeys.length === 0) return 0;
      const ids = idempotencyKeys.map(jobIdFor);
      const deleted = await db.all(
        sql`delete from pgboss.job where id = any(${sql.param(ids)}::uuid[]) returning id`,
      );
      return deleted.length;
    },
  } satisfies JobQueue;
}
