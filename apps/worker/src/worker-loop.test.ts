// The worker loop with several jobs in flight on a real job-table queue (SQLite and PostgreSQL): never more than
// `concurrency` at once, every job run exactly once, and a small workspace's job starts while a big workspace's
// backlog is still queued.
import { createSqliteQueue, type Database } from '@callmine/db';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import { createLogger } from '@callmine/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobHandler } from './jobs/job-handler.ts';
import { createWorkerLoop } from './worker-loop.ts';

interface Payload {
  group: string;
  n: number;
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

describe.each(dialects)('the worker loop with several jobs in flight, on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.close();
  });

  it('respects the limit, runs each job once, and starts the small workspace before the big backlog', async () => {
    const queue = createSqliteQueue(database.db);
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
    const { job } = database.db.tables;
    const rows = await database.db.select({ status: job.status, attempts: job.attempts }).from(job);
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('does not start a job again when its own lease lapsed while it runs here', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const now = () => new Date(clock);
    const queue = createSqliteQueue(database.db, { now });
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
});
