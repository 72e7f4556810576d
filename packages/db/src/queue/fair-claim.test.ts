// Claims are fair across groups (workspaces) and never hand one job to two owners, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { dialects, openTestDatabase } from '../testing/test-databases.ts';
import { createSqliteQueue } from './sqlite-queue.ts';

describe.each(dialects)('fair claims on %s', (dialect) => {
  it("a small workspace's one job starts before a big workspace's backlog", async () => {
    await using database = await openTestDatabase(dialect);
    let clock = Date.UTC(2026, 0, 1);
    const q = createSqliteQueue(database.db, { now: () => new Date(clock) });
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

  it('hands every job to exactly one of many concurrent claimers', async () => {
    await using database = await openTestDatabase(dialect);
    const q = createSqliteQueue(database.db);
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
