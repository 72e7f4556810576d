// The worker loop while its database is away (a real SQLite queue behind a switch that makes every queue call fail
// as node-postgres does when PostgreSQL is down): the job stopped by the outage is given back without spending an
// attempt, claims pause and back off, one log line says so each way, and the job then finishes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createSqliteQueue, databaseUnavailableReason, type JobQueue, openDatabase } from '@callmine/db';
import { createLogger } from '@callmine/logger';
import { describe, expect, it } from 'vitest';
import type { JobHandler } from './jobs/job-handler.ts';
import { createWorkerLoop } from './worker-loop.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** The queue's calls fail while `down` is set, and are counted. */
function switchedQueue(queue: JobQueue) {
  const state = { down: false, failedCalls: 0 };
  const guarded = Object.fromEntries(
    Object.entries(queue).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        if (state.down) {
          state.failedCalls += 1;
          return Promise.reject(refused());
        }
        return (method as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as JobQueue;
  return { queue: guarded, state };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the worker loop during a database outage', () => {
  it('pauses, gives the job back without spending an attempt, and resumes when the database answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callmine-outage-'));
    await using _dir = { [Symbol.asyncDispose]: async () => rmSync(dir, { recursive: true, force: true }) };
    await using database = Object.assign(openDatabase(join(dir, 'callmine.db')), {
      [Symbol.asyncDispose]: async () => database.close(),
    });
    const real = createSqliteQueue(database.db);
    await real.enqueue({ kind: 'step', idempotencyKey: 'one', payload: {} });
    const { queue, state } = switchedQueue(real);

    let runs = 0;
    const handler: JobHandler = {
      async run() {
        runs += 1;
        // The first run's checkpoint meets the outage: the database went away while it fetched.
        if (runs === 1) {
          state.down = true;
          throw new Error('checkpoint failed', { cause: refused() });
        }
        return { kind: 'finished' };
      },
      async onDead() {
        throw new Error('an outage must never make a job dead');
      },
    };
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const loop = createWorkerLoop({
      queue,
      handlers: { step: handler },
      logger: createLogger({ service: 'test', level: 'info', destination: sink }),
      leaseMs: 60_000,
      pollIntervalMs: 10,
      now: () => new Date(),
      unavailableReason: databaseUnavailableReason,
      outageBackoffMs: { min: 20, max: 80 },
    });
    const running = loop.run();
    await using _loop = { [Symbol.asyncDispose]: () => loop.stop() };

    await until(() => state.failedCalls >= 5);
    const pausedAt = state.failedCalls;
    // Backing off: over 300 ms at most one probe per 80 ms (plus the release retried with each), not one per 10 ms poll.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(state.failedCalls - pausedAt).toBeLessThanOrEqual(10);
    expect(loop.isRunning()).toBe(true);

    state.down = false;
    const [job] = await database.db.select().from(database.db.tables.job);
    await until(() => runs === 2);
    await loop.stop();
    await running;
    const [after] = await database.db.select().from(database.db.tables.job);
    // Claimed twice, the outage's claim given back: one attempt spent, by the run that finished.
    expect(after).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect(job?.id).toBe(after?.id);

    const messages = lines.map((line) => JSON.parse(line) as { msg: string; reason?: string });
    expect(messages.filter((m) => m.msg.startsWith('database unavailable'))).toEqual([
      expect.objectContaining({ reason: 'connection refused' }),
    ]);
    expect(messages.filter((m) => m.msg.startsWith('database answers again'))).toHaveLength(1);
    expect(messages.filter((m) => m.msg === 'job failed')).toEqual([]);
  });
});
