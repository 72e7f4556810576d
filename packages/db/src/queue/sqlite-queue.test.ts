// The `job`-table queue runs on both dialects until the PostgreSQL queue replaces it there.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../database/types.ts';
import { dialects, openTestDatabase } from '../testing/test-databases.ts';
import { createSqliteQueue } from './sqlite-queue.ts';

describe.each(dialects)('the job-table queue on %s', (dialect) => {
  let opened: Database & AsyncDisposable;
  let clock: number;
  const now = () => new Date(clock);
  const queue = () => createSqliteQueue(opened.db, { now, backoffBaseMs: 1000 });

  beforeEach(async () => {
    opened = await openTestDatabase(dialect);
    clock = Date.UTC(2026, 0, 1);
  });
  afterEach(async () => {
    await opened[Symbol.asyncDispose]();
  });

  it('enqueues a key once and hands the job to one worker at a time', async () => {
    const q = queue();
    const first = await q.enqueue({ kind: 'run', idempotencyKey: 'run:1', payload: { runId: '1' } });
    const again = await q.enqueue({ kind: 'run', idempotencyKey: 'run:1', payload: { runId: '1' } });
    expect(again).toEqual({ id: first.id, created: false });
    const job = await q.claim('w1', 10_000);
    expect(job).toMatchObject({ id: first.id, payload: { runId: '1' }, attempts: 1 });
    expect(await q.claim('w2', 10_000)).toBeUndefined();
    expect(await q.complete(first.id, 'w1')).toBe(true);
    expect(await q.claim('w2', 10_000)).toBeUndefined();
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
  });

  it('retries with growing backoff, then keeps the job dead with its error', async () => {
    const q = createSqliteQueue(opened.db, { now, backoffBaseMs: 1000 });
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {}, maxAttempts: 3 });
    await q.claim('w', 1000);
    expect(await q.fail(id, 'w', 'boom 1')).toBe('retrying');
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
    const { job } = opened.db.tables;
    const [row] = await opened.db
      .select({ status: job.status, lastError: job.lastError })
      .from(job)
      .where(eq(job.id, id));
    expect(row).toEqual({ status: 'dead', lastError: 'boom 3' });
  });

  it('releases a paused job without spending an attempt', async () => {
    const q = queue();
    const { id } = await q.enqueue({ kind: 'run', idempotencyKey: 'k', payload: {}, maxAttempts: 1 });
    await q.claim('w', 1000);
    expect(await q.release(id, 'w', new Date(clock + 60_000))).toBe(true);
    clock += 60_000;
    expect(await q.claim('w', 1000)).toMatchObject({ id, attempts: 1 });
  });
});
