// The worker loop with several jobs in flight on each dialect's real queue (openQueue: the job table on SQLite,
// pg-boss on PostgreSQL): never more than `concurrency` at once, every job run exactly once, and a small workspace's
// job starts while a big workspace's backlog is still queued.
import { type Database, type JobQueue, openQueue, type Queues, type SqliteQueueOptions } from '@callmine/db';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import { createLogger } from '@callmine/logger';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHandler } from './jobs/job-handler.ts';
import { createWorkerLoop } from './worker-loop.ts';

interface Payload {
  group: string;
  n: number;
}

let database: (Database & AsyncDisposable) | undefined;
let queues: Queues | undefined;
afterEach(async () => {
  await queues?.stop();
  await database?.[Symbol.asyncDispose]();
  queues = undefined;
  database = undefined;
});

async function openGatedQueue(
  dialect: Database['dialect'],
  options: SqliteQueueOptions = {},
): Promise<JobQueue> {
  database = await openTestDatabase(dialect);
  queues = await openQueue(database, { ...options, kinds: ['gated'], supervise: false });
  return queues.on(database.db);
}

/** Every job's status and attempts in the interface's words, on either queue. */
async function jobRows(db: Database['db']): Promise<Array<{ status: string; attempts: number }>> {
  if (db.dialect === 'postgres') {
    const rows = (await db.all(sql`select state, retry_count from pgboss.job`)) as {
      state: string;
      retry_count: number;
    }[];
    return rows.map((r) => ({ status: r.state === 'completed' ? 'done' : r.state, attempts: r.retry_count }));
  }
  const { job } = db.tables;
  return db.select({ status: job.status, attempts: job.attempts }).from(job);
}

/** A job kind whose runs hold their slot until the test lets them go, recording what started when. */
function gatedHandler() {
  const started: Payload[] = [];
  const finished: Payload[] = [];
  const gates: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const handler: JobHandler = {
    async run(payload) {
      const p = payload as Payload;
      started.push(p);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight -= 1;
      finished.push(p);
      return { kind: 'finished' };
    },
    async onDead() {},
  };
  const releaseAll = () => {
    for (const open of gates.splice(0)) open();
  };
  return { handler, started, finished, releaseAll, maxInFlight: () => maxInFlight };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// A PostgreSQL case creates a database and starts pg-boss on it: seconds on a loaded 2-core machine.
describe.each(dialects)(
  'the worker loop with several jobs in flight on %s',
  { timeout: 30_000 },
  (dialect) => {
    it('respects the limit, runs each job once, and starts the small workspace before the big backlog', async () => {
      const queue = await openGatedQueue(dialect);
      for (let n = 0; n < 12; n += 1) {
        await queue.enqueue({
          kind: 'gated',
          idempotencyKey: `big:${n}`,
          payload: { group: 'big', n },
          groupKey: 'big',
        });
      }
      await queue.enqueue({
        kind: 'gated',
        idempotencyKey: 'small:0',
        payload: { group: 'small', n: 0 },
        groupKey: 'small',
      });
      const gated = gatedHandler();
      const loop = createWorkerLoop({
        queue,
        handlers: { gated: gated.handler },
        logger: createLogger({ service: 'test', level: 'silent' }),
        leaseMs: 5_000,
        pollIntervalMs: 20,
        now: () => new Date(),
        concurrency: 3,
      });
      const done = loop.run();
      try {
        await until(() => gated.started.length === 3);
        // Give the loop time to (wrongly) start a fourth.
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(gated.started).toHaveLength(3);
        expect(loop.inFlight).toBe(3);
        // The small workspace's one job is in the first three, although it was enqueued after all twelve of big's.
        expect(gated.started.map((p) => p.group)).toContain('small');
        while (gated.finished.length < 13) {
          gated.releaseAll();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        gated.releaseAll();
        await loop.stop();
        await done;
      }
      expect(gated.maxInFlight()).toBe(3);
      const keys = gated.started.map((p) => `${p.group}:${p.n}`);
      expect(new Set(keys).size).toBe(13);
      expect(keys).toHaveLength(13);
      const rows = await jobRows(database!.db);
      expect(rows).toHaveLength(13);
      expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    });

    it('does not start a job again when its own lease lapsed while it runs here', async () => {
      let clock = Date.UTC(2026, 0, 1);
      const now = () => new Date(clock);
      const queue = await openGatedQueue(dialect, { now });
      await queue.enqueue({
        kind: 'gated',
        idempotencyKey: 'only',
        payload: { group: 'a', n: 0 },
        groupKey: 'a',
      });
      const gated = gatedHandler();
      const loop = createWorkerLoop({
        queue,
        handlers: { gated: gated.handler },
        logger: createLogger({ service: 'test', level: 'silent' }),
        // Heartbeats every 10 s of real time: none during this test, so the jump below lapses the lease.
        leaseMs: 30_000,
        pollIntervalMs: 10,
        now,
        concurrency: 4,
      });
      const done = loop.run();
      try {
        await until(() => gated.started.length === 1);
        clock += 60_000;
        // Many polls, each claiming the lapsed lease back to this worker.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(gated.started).toHaveLength(1);
        gated.releaseAll();
        await until(() => gated.finished.length === 1);
      } finally {
        gated.releaseAll();
        await loop.stop();
        await done;
      }
      expect(gated.started).toHaveLength(1);
    });
  },
);
