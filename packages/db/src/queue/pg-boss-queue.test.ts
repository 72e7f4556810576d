// pg-boss on PostgreSQL beyond the shared contract (queue-contract.test.ts): several processes starting together
// create its schema once, and its schema stays out of the one the schema-parity test compares.

import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openPostgresDatabase } from '../database/postgres.ts';
import { createTestPostgresDatabase } from '../testing/postgres-database.ts';
import { introspectPostgres } from '../testing/schema-introspection.ts';
import { openQueue } from './open-queue.ts';
import { archiveOldJobs, createPgBossQueue, jobIdFor, startPgBoss } from './pg-boss-queue.ts';
import { ANALYSIS_RUN_JOB } from './queue.ts';

it('creates its schema and queues once when several processes start together', async () => {
  await using created = await createTestPostgresDatabase();
  // One pool each, as separate processes would have.
  const databases = await Promise.all([1, 2, 3, 4].map(() => openPostgresDatabase(created.url)));
  try {
    const [first] = databases;
    if (!first) throw new Error('no database');
    // The test template comes with pg-boss installed: start from a database that has never seen it.
    await first.pool.query('drop schema pgboss cascade');
    const before = await introspectPostgres(first.pool);
    const queues = await Promise.all(databases.map((database) => openQueue(database)));
    try {
      const versions = await first.pool.query<{ n: number }>('select count(*)::int as n from pgboss.version');
      expect(versions.rows[0]?.n).toBe(1);
      const kinds = await first.pool.query<{ n: number }>(
        'select count(*)::int as n from pgboss.queue where name = $1',
        [ANALYSIS_RUN_JOB],
      );
      expect(kinds.rows[0]?.n).toBe(1);
      // Every process sends and claims through the same queue.
      const sent = await Promise.all(
        databases.map((database, i) =>
          queues[i]
            ?.on(database.db)
            .enqueue({ kind: ANALYSIS_RUN_JOB, idempotencyKey: 'run:same', payload: { i } }),
        ),
      );
      expect(sent.filter((result) => result?.created)).toHaveLength(1);
      expect(new Set(sent.map((result) => result?.id))).toEqual(new Set([jobIdFor('run:same')]));
      expect(await introspectPostgres(first.pool)).toEqual(before);
    } finally {
      await Promise.all(queues.map((queue) => queue.stop()));
    }
  } finally {
    await Promise.all(databases.map((database) => database.close()));
  }
  // Four pg-boss start-ups, one after another by design, each a few round trips of DDL.
}, 60_000);

it('derives a valid, stable job id per idempotency key', () => {
  const id = jobIdFor('run:1');
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(jobIdFor('run:1')).toBe(id);
  expect(jobIdFor('run:2')).not.toBe(id);
});

it('refuses a job kind that has no queue instead of dropping the job', async () => {
  await using created = await createTestPostgresDatabase();
  const database = await openPostgresDatabase(created.url);
  const queues = await openQueue(database, { supervise: false });
  try {
    await expect(
      queues.on(database.db).enqueue({ kind: 'no-such-kind', idempotencyKey: 'k', payload: {} }),
    ).rejects.toThrow(/no pg-boss queue for job kind "no-such-kind"/);
  } finally {
    await queues.stop();
    await database.close();
  }
}, 30_000);

it('keeps a job paused or retried past its original keep_until from being archived while it waits', async () => {
  await using created = await createTestPostgresDatabase();
  const database = await openPostgresDatabase(created.url);
  const queues = await openQueue(database, { supervise: false });
  try {
    const q = queues.on(database.db);
    const { id } = await q.enqueue({ kind: ANALYSIS_RUN_JOB, idempotencyKey: 'k', payload: {} });
    await q.claim('w', 60_000);
    const nextMonth = new Date(Date.now() + 40 * 86_400_000);
    expect(await q.release(id, 'w', nextMonth)).toBe(true);
    const { rows } = await database.pool.query<{ kept: boolean }>(
      "select keep_until >= start_after + interval '14 days' as kept from pgboss.job where id = $1",
      [id],
    );
    expect(rows[0]?.kept).toBe(true);
  } finally {
    await queues.stop();
    await database.close();
  }
}, 30_000);

it("archives finished jobs in a maintenance round and keeps waiting and leased ones (pg-boss's own expiry is off)", async () => {
  await using created = await createTestPostgresDatabase();
  const database = await openPostgresDatabase(created.url);
  const boss = await startPgBoss(database, { kinds: [ANALYSIS_RUN_JOB] });
  try {
    // Finished long ago (the injected clock), so past pg-boss's 12 hours before archiving.
    const old = createPgBossQueue(database.db, boss, { now: () => new Date(Date.UTC(2020, 0, 1)) });
    const done = await old.enqueue({ kind: ANALYSIS_RUN_JOB, idempotencyKey: 'done', payload: {} });
    await old.claim('w', 60_000);
    expect(await old.complete(done.id, 'w')).toBe(true);
    // A lease that ran out long ago on its last attempt: pg-boss's expiry would fail it; ours leaves it to a claim.
    const lapsed = await old.enqueue({
      kind: ANALYSIS_RUN_JOB,
      idempotencyKey: 'lapsed',
      payload: {},
      maxAttempts: 1,
    });
    await old.claim('crashed', 1000);
    const q = createPgBossQueue(database.db, boss);
    const waiting = await q.enqueue({ kind: ANALYSIS_RUN_JOB, idempotencyKey: 'waiting', payload: {} });
    await archiveOldJobs(boss);
    const states = async (table: 'job' | 'archive') =>
      Object.fromEntries(
        (
          await database.pool.query<{ id: string; state: string }>(
            `select id::text, state::text from pgboss.${table}`,
          )
        ).rows.map((row) => [row.id, row.state]),
      );
    expect(await states('archive')).toEqual({ [done.id]: 'completed' });
    expect(await states('job')).toEqual({ [lapsed.id]: 'active', [waiting.id]: 'created' });
    expect(await q.claim('w2', 60_000)).toMatchObject({ id: lapsed.id, attempts: 2 });
  } finally {
    await boss.stop({ graceful: false, close: false, wait: true });
    await database.close();
  }
}, 30_000);

it("reports pg-boss's 'error' events to the caller, never a failed query's bound values", async () => {
  await using created = await createTestPostgresDatabase();
  const database = await openPostgresDatabase(created.url);
  const seen: Error[] = [];
  const boss = await startPgBoss(database, {
    kinds: [ANALYSIS_RUN_JOB],
    onError: (error) => seen.push(error),
  });
  try {
    // A real failed query whose bound value is a secret: drizzle's error carries it in `params` and its message.
    const secret = 'sealed-secret-value';
    const failed = await database.db.all(sql`select ${secret}::int`).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(JSON.stringify({ ...failed, message: failed?.message })).toContain(secret);
    // With our configuration (no pg-boss supervision, schedules or work()) pg-boss has no background work that could
    // fail on its own, so its two shapes are emitted here as pg-boss does: the Error itself (start, stop,
    // maintenance), and its job manager's plain copy of the fields (`{ ...error, message, stack, queue, worker }`).
    boss.emit('error', failed);
    boss.emit('error', {
      ...failed,
      message: failed?.message,
      stack: failed?.stack,
      queue: 'q',
      worker: 'w',
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(failed);
    expect(seen[1]).toBeInstanceOf(Error);
    expect(seen[1]?.message).toMatch(/^Failed query: select \$1::int$/);
    expect(JSON.stringify({ ...seen[1], message: seen[1]?.message, stack: seen[1]?.stack })).not.toContain(
      secret,
    );
  } finally {
    await boss.stop({ graceful: false, close: false, wait: true });
    await database.close();
  }
}, 30_000);
