// A durable job queue on the embedded SQLite database, with exactly the semantics the worker needs:
// idempotent enqueue, leases renewed by heartbeats, retries with exponential backoff, dead jobs kept with their
// error, expired leases taken over after a crash. liteque (pins drizzle-orm 0.33 and runs its own migrations) and
// plainjob (0.0.x, hand-written DDL at runtime) were considered; neither fits the one-drizzle, generated-migrations
// rule. Every method is one or two short awaited statements; the claim's conditional update makes it race-safe.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../database/types.ts';
import type { EnqueueInput, FailOutcome, Job, JobQueue } from './queue.ts';

export interface SqliteQueueOptions {
  now?: () => Date;
  /** Delay before retry n (1-based): base × 2^(n−1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function createSqliteQueue(db: Db, options: SqliteQueueOptions = {}): JobQueue {
  const { job } = db.tables;
  const now = options.now ?? (() => new Date());
  const base = options.backoffBaseMs ?? 1000;
  const cap = options.backoffMaxMs ?? 5 * 60_000;
  const leased = (jobId: string, owner: string) =>
    and(eq(job.id, jobId), eq(job.status, 'running'), eq(job.leaseOwner, owner));

  return {
    async enqueue(input) {
      const at = now();
      const inserted = await db
        .insert(job)
        .values({
          id: randomUUID(),
          kind: input.kind,
          idempotencyKey: input.idempotencyKey,
          payload: input.payload,
          maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          runAfter: input.runAfter ?? at,
          groupKey: input.groupKey ?? null,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: job.idempotencyKey })
        .returning({ id: job.id });
      if (inserted[0]) return { id: inserted[0].id, created: true };
      const [existing] = await db
        .select({ id: job.id })
        .from(job)
        .where(eq(job.idempotencyKey, input.idempotencyKey))
        .limit(1);
      if (!existing) throw new Error('enqueue: idempotency key vanished');
      return { id: existing.id, created: false };
    },

    async claim(owner, leaseMs) {
      const at = now();
      const due = or(
        and(eq(job.status, 'queued'), lte(job.runAfter, at)),
        and(eq(job.status, 'running'), lt(job.leaseExpiresAt, at)),
      );
      // Fair across groups (workspaces): the group with the fewest live leases first, then the oldest due job.
      // A correlated count over the (group_key, status) index; jobs without a group compare equal to NULL never,
      // so they count as none in flight. Plain SQL that SQLite and PostgreSQL read alike.
      const inFlight = sql`(select count(*) from ${job} as r where r.group_key = ${job.groupKey}
        and r.status = 'running' and r.lease_expires_at >= ${sql.param(at, job.leaseExpiresAt)})`;
      // Select then conditional update: the update re-checks `due`, so of two workers racing for one job
      // exactly one changes a row.
      const [candidate] = await db
        .select({ id: job.id })
        .from(job)
        .where(due)
        .orderBy(asc(inFlight), asc(job.runAfter), asc(job.createdAt))
        .limit(1);
      if (!candidate) return undefined;
      const [taken] = await db
        .update(job)
        .set({
          status: 'running',
          leaseOwner: owner,
          leaseExpiresAt: new Date(at.getTime() + leaseMs),
          // A worker taking back its own lapsed lease (its event loop stalled past a heartbeat) is still running
          // that attempt: not another one.
          attempts: sql`case when ${job.status} = 'running' and ${job.leaseOwner} = ${owner}
            then ${job.attempts} else ${job.attempts} + 1 end`,
          updatedAt: at,
        })
        .where(and(eq(job.id, candidate.id), due))
        .returning();
      if (!taken) return undefined;
      return {
        id: taken.id,
        kind: taken.kind,
        payload: taken.payload,
        attempts: taken.attempts,
        maxAttempts: taken.maxAttempts,
      } satisfies Job;
    },

    async heartbeat(jobId, owner, leaseMs) {
      const at = now();
      const changed = await db
        .update(job)
        .set({ leaseExpiresAt: new Date(at.getTime() + leaseMs), updatedAt: at })
        .where(leased(jobId, owner))
        .returning({ id: job.id });
      return changed.length === 1;
    },

    async complete(jobId, owner) {
      const changed = await db
        .update(job)
        .set({ status: 'done', leaseOwner: null, leaseExpiresAt: null, lastError: null, updatedAt: now() })
        .where(leased(jobId, owner))
        .returning({ id: job.id });
      return changed.length === 1;
    },

    async fail(jobId, owner, error) {
      const [current] = await db.select().from(job).where(leased(jobId, owner)).limit(1);
      if (!current) return undefined;
      const at = now();
      const outcome: FailOutcome = current.attempts >= current.maxAttempts ? 'dead' : 'retrying';
      const delay = Math.min(cap, base * 2 ** (current.attempts - 1));
      await db
        .update(job)
        .set({
          status: outcome === 'dead' ? 'dead' : 'queued',
          runAfter: outcome === 'dead' ? current.runAfter : new Date(at.getTime() + delay),
          leaseOwner: null,
          leaseExpiresAt: null,
          lastError: error,
          updatedAt: at,
        })
        .where(leased(jobId, owner));
      return outcome;
    },

    async release(jobId, owner, runAfter) {
      const changed = await db
        .update(job)
        .set({
          status: 'queued',
          runAfter,
          leaseOwner: null,
          leaseExpiresAt: null,
          // The pause is not a failed attempt. (CASE, not SQLite's two-argument max(): PostgreSQL has greatest().)
          attempts: sql`case when ${job.attempts} > 0 then ${job.attempts} - 1 else 0 end`,
          updatedAt: now(),
        })
        .where(leased(jobId, owner))
        .returning({ id: job.id });
      return changed.length === 1;
    },

    async discard(idempotencyKeys) {
      let gone = 0;
      // Chunks keep the statement under SQLite's bound-parameter limit.
      for (let i = 0; i < idempotencyKeys.length; i += 500) {
        const deleted = await db
          .delete(job)
          .where(inArray(job.idempotencyKey, idempotencyKeys.slice(i, i + 500)))
          .returning({ id: job.id });
        gone += deleted.length;
      }
      return gone;
    },
  } satisfies JobQueue;
}

export type { EnqueueInput, Job };
