// Claims are fair across groups (workspaces) and never hand one job to two owners, on each dialect's queue: the job
// table on SQLite, pg-boss on PostgreSQL (openQueue picks).
import { describe, expect, it } from 'vitest';
import type { Database } from '../database/types.ts';
import { dialects, openTestDatabase } from '../testing/test-databases.ts';
import { type OpenQueueOptions, openQueue } from './open-queue.ts';

async function queueOn(database: Database, options: OpenQueueOptions = {}) {
  const queues = await openQueue(database, { kinds: ['run'], supervise: false, ...options });
  return Object.assign(queues.on(database.db), { [Symbol.asyncDispose]: () => queues.stop() });
}

// A PostgreSQL case creates a database and starts pg-boss on it: seconds on a loaded 2-core machine.
describe.each(dialects)('fair claims on %s', { timeout: 30_000 }, (dialect) => {
  it("a small workspace's one job starts before a big workspace's backlog", async () => {
    await using database = await openTestDatabase(dialect);
    let clock = Date.UTC(2026, 0, 1);
    await using q = await queueOn(database, { now: () => new Date(clock) });
    for (let i = 0; i < 20; i += 1) {
      await q.enqueue({ kind: 'run', idempotencyKey: `big:${i}`, payload: { i }, groupKey: 'big' });
      clock += 1;
    }
    const small = await q.enqueue({ kind: 'run', idempotencyKey: 'small:0', payload: {}, groupKey: 'small' });
    clock += 1;
    const first = await q.claim('w1', 60_000);
    expect(first?.payload).toEqual({ i: 0 });
    // big has one in flight, small none: small goes next although 19 of big's jobs are older.
    const second = await q.claim('w1', 60_000);
    expect(second?.id).toBe(small.id);
    // Then big's backlog, oldest first.
    expect((await q.claim('w1', 60_000))?.payload).toEqual({ i: 1 });
  });

  it('counts only live leases: a group whose lease ran out is not held back by it', async () => {
    await using database = await openTestDatabase(dialect);
    let clock = Date.UTC(2026, 0, 1);
    await using q = await queueOn(database, { now: () => new Date(clock) });
    await q.enqueue({ kind: 'run', idempotencyKey: 'a:0', payload: { a: 0 }, groupKey: 'a' });
    clock += 1;
    await q.enqueue({ kind: 'run', idempotencyKey: 'a:1', payload: { a: 1 }, groupKey: 'a' });
    clock += 1;
    await q.enqueue({ kind: 'run', idempotencyKey: 'b:0', payload: { b: 0 }, groupKey: 'b' });
    clock += 1;
    expect((await q.claim('crashed', 1000))?.payload).toEqual({ a: 0 });
    expect((await q.claim('w', 60_000))?.payload).toEqual({ b: 0 });
    // a's lease expired (its worker died): a counts no job in flight, and the crashed job itself is due again.
    clock += 2000;
    expect((await q.claim('w', 60_000))?.payload).toEqual({ a: 0 });
    expect((await q.claim('w', 60_000))?.payload).toEqual({ a: 1 });
  });

  it('hands every job to exactly one of many concurrent claimers', async () => {
    await using database = await openTestDatabase(dialect);
    await using q = await queueOn(database);
    const ids = new Set<string>();
    for (let i = 0; i < 30; i += 1) {
      const { id } = await q.enqueue({
        kind: 'run',
        idempotencyKey: `k:${i}`,
        payload: {},
        groupKey: `g${i % 4}`,
      });
      ids.add(id);
    }
    const claimed: string[] = [];
    // Ten owners claim until the queue is empty, all at once.
    await Promise.all(
      Array.from({ length: 10 }, async (_, n) => {
        for (let misses = 0; misses < 3; ) {
          const job = await q.claim(`w${n}`, 60_000);
          if (job) claimed.push(job.id);
          else misses += 1;
        }
      }),
    );
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed)).toEqual(ids);
  });
});
