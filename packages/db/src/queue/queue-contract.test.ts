// What every JobQueue promises (docs/queue-postgres.md), checked on both implementations: the `job` table on SQLite
// and pg-boss on PostgreSQL. The clock is injected, so leases and backoff are exact on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../database/postgres.ts';
import { openSqliteDatabase } from '../database/sqlite.ts';
import type { Database, Db } from '../database/types.ts';
import { createTestPostgresDatabase } from '../testing/postgres-database.ts';
import { openQueue, type Queues } from './open-queue.ts';

interface Harness {
  database: Database;
  queues: Queues;
  /** A job's status in the interface's words and its last error. */
  stored(id: string): Promise<{ status: string; lastError: string | null }>;
  dispose(): Promise<void>;
}

async function sqliteHarness(now: () => Date): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-queue-'));
  const database = openSqliteDatabase(join(dir, 'callmine.db'));
  const queues = await openQueue(database, { now, backoffBaseMs: 1000, kinds: ['run'] });
  return {
    database,
    queues,
    stored: async (id) => {
      const [row] = (await database.db.all(sql`select status, last_error from job where id = ${id}`)) as {
        status: string;
        last_error: string | null;
      }[];
      return { status: row?.status ?? 'missing', lastError: row?.last_error ?? null };
    },
    dispose: async () => {
      await queues.stop();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresHarness(now: () => Date): Promise<Harness> {
  const created = await createTestPostgresDatabase();
  const database = await openPostgresDatabase(created.url);
  // Maintenance runs on the server's clock, not the test's: off here.
  const queues = await openQueue(database, { now, backoffBaseMs: 1000, kinds: ['run'], supervise: false });
  const states: Record<string, string> = {
    failed: 'dead',
    retry: 'queued',
    created: 'queued',
    active: 'running',
  };
  return {
    database,
    queues,
    stored: async (id) => {
      const [row] = (await database.db.all(
        sql`select state, output->>'message' as message from pgboss.job where id = ${id}::uuid`,
      )) as { state: string; message: string | null }[];
      return { status: states[row?.state ?? ''] ?? row?.state ?? 'missing', lastError: row?.message ?? null };
    },
    dispose: async () => {
      await queues.stop();
      await database.close();
      await created[Symbol.asyncDispose]();
    },
  };
}

describe.each([
  ['SQLite (job table)', sqliteHarness],
  ['PostgreSQL (pg-boss)', postgresHarness],
  // A PostgreSQL case creates a database and pg-boss's schema (DDL) first: seconds on a loaded 2-core machine.
])('the job queue on %s', { timeout: 30_000 }, (_name, open) => {
  let harness: Harness;
  let clock: number;
  const now = () => new Date(clock);
  const queue = (db?: Db) => harness.queues.on(db ?? harness.database.db);

  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 1);
    harness = await open(now);
  }, 30_000);
  afterEach(async () => {
    await harness.dispose();
  });

  it('enqueues a key once and hands the job to one worker at a time', async () => {
    const q = queue();
    const first = await q.enqueue({ kind: 'run', idempotencyKey: 'run:1', payload: { runId: '1' } });
    const again = await q.enqueue({ kind: 'run', idempotencyKey: 'run:1', payload: { runId: '1' } });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const job = await q.claim('w1', 10_000);
    expect(job).toMatchObject({ id: first.id, kind: 'run', payload: { runId: '1' }, attempts: 1 });
    expect(await q.claim('w2', 10_000)).toBeUndefined();
    expect(await q.complete(first.id, 'w1')).toBe(true);
    expect(await q.claim('w2', 10_000)).toBeUndefined();
  });

  it('enqueues inside the caller transaction: rolled back with it, committed with it', async () => {
    const { db } = harness.database;
    await expect(
      db.transaction(async (tx) => {
        await queue(tx).enqueue({ kind: 'run', idempotencyKey: 'rolled-back', payload: {} });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await queue().claim('w', 1000)).toBeUndefined();
    const { id } = await db.transaction((tx) =>
      queue(tx).enqueue({ kind: 'run', idempotencyKey: 'committed', payload: { n: 1 } }),
    );
    expect(await queue().claim('w', 1000)).toMatchObject({ id, payload: { n: 1 } });
  });

  it('gives one job to exactly one of several workers claiming at once', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {} });
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => queue().claim(owner, 10_000)));
    expect(claims.filter((job) => job?.id === id)).toHaveLength(1);
    expect(claims.filter((job) => job === undefined)).toHaveLength(3);
  });

  it('lets another worker take over an expired lease, and heartbeats keep it', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {} });
    await q.claim('w1', 5000);
    clock += 4000;
    expect(await q.heartbeat(id, 'w1', 5000)).toBe(true);
    clock += 4000;
    expect(await q.claim('w2', 5000)).toBeUndefined();
    clock += 2000;
    expect(await q.claim('w2', 5000)).toMatchObject({ id, attempts: 2 });
    // The crashed worker's lease is gone: it can neither renew nor complete.
    expect(await q.heartbeat(id, 'w1', 5000)).toBe(false);
    expect(await q.complete(id, 'w1')).toBe(false);
    expect(await q.complete(id, 'w2')).toBe(true);
  });

  it('counts no new attempt when a worker takes back its own lapsed lease', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {} });
    await q.claim('w1', 1000);
    // w1's event loop stalled past its lease: its next claim finds its own job due again.
    clock += 1500;
    expect(await q.claim('w1', 1000)).toMatchObject({ id, attempts: 1 });
    clock += 1500;
    expect(await q.claim('w2', 1000)).toMatchObject({ id, attempts: 2 });
    expect(await q.complete(id, 'w2')).toBe(true);
  });

  it('retries with growing backoff, then keeps the job dead with its error', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {}, maxAttempts: 3 });
    await q.claim('w', 1000);
    expect(await q.fail(id, 'w', 'boom 1')).toBe('retrying');
    expect(await harness.stored(id)).toEqual({ status: 'queued', lastError: 'boom 1' });
    expect(await q.claim('w', 1000)).toBeUndefined();
    clock += 1000;
    await q.claim('w', 1000);
    expect(await q.fail(id, 'w', 'boom 2')).toBe('retrying');
    clock += 1999;
    expect(await q.claim('w', 1000)).toBeUndefined();
    clock += 1;
    expect(await q.claim('w', 1000)).toMatchObject({ attempts: 3 });
    expect(await q.fail(id, 'w', 'boom 3')).toBe('dead');
    clock += 3_600_000;
    expect(await q.claim('w', 1000)).toBeUndefined();
    expect(await harness.stored(id)).toEqual({ status: 'dead', lastError: 'boom 3' });
  });

  it('releases a paused job without spending an attempt', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {}, maxAttempts: 1 });
    await q.claim('w', 1000);
    expect(await q.release(id, 'w', new Date(clock + 60_000))).toBe(true);
    clock += 59_999;
    expect(await q.claim('w', 1000)).toBeUndefined();
    clock += 1;
    expect(await q.claim('w', 1000)).toMatchObject({ id, attempts: 1 });
  });

  it('discards jobs by key whatever their state, and nothing else', async () => {
    const q = queue();
    const waiting = await q.enqueue({ kind: 'run', idempotencyKey: 'gone:1', payload: {} });
    clock += 1;
    const running = await q.enqueue({ kind: 'run', idempotencyKey: 'gone:2', payload: {} });
    clock += 1;
    const kept = await q.enqueue({ kind: 'run', idempotencyKey: 'kept', payload: {} });
    clock += 1;
    // Claims go oldest first: gone:1 then gone:2 leased, then gone:1 given back; kept never claimed.
    await q.claim('w', 10_000);
    await q.claim('w', 10_000);
    expect(await q.release(waiting.id, 'w', new Date(clock + 60_000))).toBe(true);
    expect(await q.discard(['gone:1', 'gone:2', 'never-enqueued'])).toBe(2);
    expect(await harness.stored(waiting.id)).toMatchObject({ status: 'missing' });
    expect(await harness.stored(running.id)).toMatchObject({ status: 'missing' });
    expect(await q.complete(running.id, 'w')).toBe(false);
    expect(await q.claim('w', 10_000)).toMatchObject({ id: kept.id });
    expect(await q.discard([])).toBe(0);
  });
});
