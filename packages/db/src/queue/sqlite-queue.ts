// A durable job queue on the embedded SQLite database, with exactly the semantics the worker needs:
// idempotent enqueue, leases renewed by heartbeats, retries with exponential backoff, dead jobs kept with their
// error, expired leases taken over after a crash. liteque (pins drizzle-orm 0.33 and runs its own migrations) and
// plainjob (0.0.x, hand-written DDL at runtime) were considered; neither fits the one-drizzle, generated-migrations
// rule. Every method is one short synchronous statement or transaction.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../open.ts';
import { job } from '../schema/runs.ts';
import type { EnqueueInput, FailOutcome, Job, JobQueue } from './queue.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface SqliteQueueOptions {
  now?: () => Date;
  /** Delay before retry n (1-based): base × 2^(n−1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function createSqliteQueue(db: Db | Tx, options: SqliteQueueOptions = {}): JobQueue {
  const now = options.now ?? (() => new Date());
  const base = options.backoffBaseMs ?? 1000;
  const cap = options.backoffMaxMs ?? 5 * 60_000;
  const leased = (jobId: string, owner: string) =>
    and(eq(job.id, jobId), eq(job.status, 'running'), eq(job.leaseOwner, owner));

  return {
    enqueue(input) {
      const at = now();
      const inserted = db
        .insert(job)
        .values({
          id: randomUUID(),
          kind: input.kind,
          idempotencyKey: input.idempotencyKey,
          payload: input.payload,
          maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          runAfter: input.runAfter ?? at,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: job.idempotencyKey })
        .returning({ id: job.id })
        .all();
      if (inserted[0]) return { id: inserted[0].id, created: true };
      const existing = db
        .select({ id: job.id })
        .from(job)
        .where(eq(job.idempotencyKey, input.idempotencyKey))
        .get();
      if (!existing) throw new Error('enqueue: idempotency key vanished');
      return { id: existing.id, created: false };
    },

    claim(owner, leaseMs) {
      const at = now();
      const due = or(
        and(eq(job.status, 'queued'), lte(job.runAfter, at)),
        and(eq(job.status, 'running'), lt(job.leaseExpiresAt, at)),
      );
      // Select then conditional update: the update re-checks `due`, so of two workers racing for one job
      // exactly one changes a row.
      const candidate = db.select().from(job).where(due).orderBy(asc(job.runAfter), asc(job.createdAt)).get();
      if (!candidate) return undefined;
      const taken = db
        .update(job)
        .set({
          status: 'running',
          leaseOwner: owner,
          leaseExpiresAt: new Date(at.getTime() + leaseMs),
          attempts: sql`${job.attempts} + 1`,
          updatedAt: at,
        })
        .where(and(eq(job.id, candidate.id), due))
        .returning()
        .get();
      if (!taken) return undefined;
      return {
        id: taken.id,
        kind: taken.kind,
        payload: taken.payload,
        attempts: taken.attempts,
        maxAttempts: taken.maxAttempts,
      } satisfies Job;
    },

    heartbeat(jobId, owner, leaseMs) {
      const at = now();
      const result = db
        .update(job)
        .set({ leaseExpiresAt: new Date(at.getTime() + leaseMs), updatedAt: at })
        .where(leased(jobId, owner))
        .run();
      return result.changes === 1;
    },

    complete(jobId, owner) {
      const result = db
        .update(job)
        .set({ status: 'done', leaseOwner: null, leaseExpiresAt: null, lastError: null, updatedAt: now() })
        .where(leased(jobId, owner))
        .run();
      return result.changes === 1;
    },

    fail(jobId, owner, error) {
      const current = db.select().from(job).where(leased(jobId, owner)).get();
      if (!current) return undefined;
      const at = now();
      const outcome: FailOutcome = current.attempts >= current.maxAttempts ? 'dead' : 'retrying';
      const delay = Math.min(cap, base * 2 ** (current.attempts - 1));
      db.update(job)
        .set({
          status: outcome === 'dead' ? 'dead' : 'queued',
          runAfter: outcome === 'dead' ? current.runAfter : new Date(at.getTime() + delay),
          leaseOwner: null,
          leaseExpiresAt: null,
          lastError: error,
          updatedAt: at,
        })
        .where(leased(jobId, owner))
        .run();
      return outcome;
    },

    release(jobId, owner, runAfter) {
      const result = db
        .update(job)
        .set({
          status: 'queued',
          runAfter,
          leaseOwner: null,
          leaseExpiresAt: null,
          // The pause is not a failed attempt.
          attempts: sql`max(${job.attempts} - 1, 0)`,
          updatedAt: now(),
        })
        .where(leased(jobId, owner))
        .run();
      return result.changes === 1;
    },
  } satisfies JobQueue;
}

export type { EnqueueInput, Job };
