// The scheduler against a real server, its database and the Gong sandbox, with the clock injected: catch-up after a
// week of downtime, exactly once with scheduler processes racing on one database, and a missing or rejected credential.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScheduleDetailView } from '@callmine/contracts';
import { nextSlot, slotsBetween } from '@callmine/schedule';
import { existingDatabaseEnv } from '@callmine/server/testing';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type RunEnv, startRunEnv } from '../testing/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const appDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The analysis every schedule here runs. */
async function weeklyReview(env: RunEnv) {
  const analysis = await env.admin.analyses.create.mutate({
    name: 'Weekly pipeline review',
    window: { kind: 'relative', lastDays: '7' },
    filters: {},
    settings: { analysers: ['talk'] },
  });
  return analysis.id;
}

/** A worker whose scheduler ticks only when the test says, on the test's clock; closed with its RunEnv. */
const worker = (e: RunEnv, now: () => Date) => e.startWorker({}, { now, scheduler: false });

const runCount = async (e: RunEnv) => {
  const { db } = e.server.database;
  const [row] = await db
    .select({ n: count() })
    .from(db.tables.analysisRun)
    .where(eq(db.tables.analysisRun.trigger, 'schedule'));
  return row?.n;
};

describe('scheduler', () => {
  it('after a week of downtime runs the newest missed slot once, records the older ones as skipped, and moves on', async () => {
    await using e = await startRunEnv({ calls: 20 });
    const analysisId = await weeklyReview(e);
    const created = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '09:00',
      timeZone: 'UTC',
      windowMode: 'analysis',
    });
    const firstSlot = new Date(created.nextRunAt!);
    // The worker was down from before the first slot until a week and an hour after it.
    const now = new Date(firstSlot.getTime() + 7 * DAY + HOUR);
    const w = await worker(e, () => now);
    const results = await w.scheduler.tick();
    expect(results).toEqual([
      {
        kind: 'started',
        slot: new Date(firstSlot.getTime() + 7 * DAY),
        runId: expect.any(String),
        skipped: 7,
        caughtUp: true,
      },
    ]);
    // A second tick, and a restarted worker at the same instant, change nothing.
    expect(await w.scheduler.tick()).toEqual([]);
    await w.close();
    const restarted = await worker(e, () => now);
    expect(await restarted.scheduler.tick()).toEqual([]);
    // Even a stale writer rewinding next_slot_at cannot get the slot run twice: the (schedule, slot) claim is taken.
    const { db } = e.server.database;
    await db
      .update(db.tables.schedule)
      .set({ nextSlotAt: new Date(firstSlot.getTime() + 7 * DAY) })
      .where(eq(db.tables.schedule.id, created.id));
    expect(await restarted.scheduler.tick()).toEqual([
      { kind: 'taken', slot: new Date(firstSlot.getTime() + 7 * DAY) },
    ]);

    const detail: ScheduleDetailView = await e.admin.schedules.get.query({ id: created.id });
    expect(detail.occurrences).toHaveLength(8);
    const [newest, ...older] = detail.occurrences;
    expect(newest).toMatchObject({
      slot: new Date(firstSlot.getTime() + 7 * DAY).toISOString(),
      caughtUp: true,
      trigger: 'schedule',
      // The analysis's own window ("last 7 days") resolved at the slot: the 7 UTC days ending on its day, up to it.
      windowFrom: new Date(firstSlot.getTime() + 7 * DAY - 9 * HOUR - 6 * DAY).toISOString(),
      windowTo: new Date(firstSlot.getTime() + 7 * DAY).toISOString(),
    });
    expect(older.map((o) => o.result)).toEqual(Array(7).fill('skipped'));
    expect(older.every((o) => o.runId === null)).toBe(true);
    expect(detail.nextRunAt).toBe(new Date(firstSlot.getTime() + 8 * DAY).toISOString());
    expect(await runCount(e)).toBe(1);
    const run = await e.admin.runs.get.query({ id: newest!.runId! });
    expect(run.selection).toMatchObject({ fromDateTime: newest!.windowFrom, toDateTime: newest!.windowTo });
    expect(run.analysis).toEqual({ id: analysisId, name: 'Weekly pipeline review' });
  });

  it('three scheduler processes racing on one database file start exactly one run per slot', async () => {
    await using e = await startRunEnv({ calls: 20 });
    const analysisId = await weeklyReview(e);
    const specs = [
      { kind: 'daily' as const, time: '09:00', timeZone: 'Europe/Berlin' },
      { kind: 'cron' as const, cron: '0 */6 * * *', timeZone: 'America/New_York' },
      { kind: 'weekly' as const, weekday: 'monday', time: '07:30', timeZone: 'Australia/Sydney' },
    ];
    const schedules = [];
    for (const spec of specs) schedules.push(await e.admin.schedules.create.mutate({ analysisId, ...spec }));
    const start = Math.min(...schedules.map((s) => Date.parse(s.nextRunAt!)));
    // Every 20 minutes for 8 days, in each process: each slot is seen by all three within minutes of its time.
    const instants = Array.from({ length: (8 * DAY) / (20 * 60_000) }, (_, i) =>
      new Date(start + i * 20 * 60_000).toISOString(),
    );
    const dbPath = join(e.server.dataDir, 'callmine.db');
    const outputs = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<{ started: number; taken: number }>((resolve, reject) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', 'src/testing/scheduler-child.ts', dbPath, JSON.stringify(instants)],
              {
                cwd: appDir,
                env: { ...process.env, ...existingDatabaseEnv(e.server.dataDir) },
                stdio: ['ignore', 'pipe', 'inherit'],
              },
            );
            let out = '';
            child.stdout.on('data', (chunk) => {
              out += String(chunk);
            });
            child.on('error', reject);
            child.on('exit', (code) =>
              code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`)),
            );
          }),
      ),
    );
    const end = new Date(instants.at(-1)!);
    const expected = schedules
      .map((s, i) => {
        const spec = specs[i]!;
        const cadence =
          spec.kind === 'cron'
            ? { kind: 'cron' as const, expression: spec.cron }
            : spec.kind === 'daily'
              ? { kind: 'daily' as const, time: spec.time }
              : { kind: 'weekly' as const, weekday: 'monday' as const, time: spec.time };
        return slotsBetween({ cadence, timeZone: spec.timeZone }, new Date(Date.parse(s.nextRunAt!) - 1), end)
          .length;
      })
      .reduce((a, b) => a + b, 0);
    // 8 days: 8 daily + 32 six-hourly + 1 or 2 weekly slots, every one started once across the three processes.
    expect(expected).toBeGreaterThanOrEqual(41);
    expect(outputs.reduce((sum, o) => sum + o.started, 0)).toBe(expected);
    expect(await runCount(e)).toBe(expected);
    // Read through the data layer and checked here, the same on both dialects.
    const { db } = e.server.database;
    const occurrences = await db
      .select({ status: db.tables.scheduleOccurrence.status, runId: db.tables.scheduleOccurrence.runId })
      .from(db.tables.scheduleOccurrence);
    expect(occurrences.filter((o) => o.status === 'started')).toHaveLength(expected);
    expect(occurrences.filter((o) => o.status === 'skipped')).toHaveLength(0);
    // Every run belongs to exactly one occurrence, and no schedule has two runs for the same window.
    const runIds = occurrences.flatMap((o) => (o.runId ? [o.runId] : []));
    expect(new Set(runIds).size).toBe(runIds.length);
    const runs = await db
      .select({ selection: db.tables.analysisRun.selection, analysisId: db.tables.analysisRun.analysisId })
      .from(db.tables.analysisRun);
    const windows = runs.map((r) => {
      const selection = r.selection as { fromDateTime?: string; toDateTime?: string };
      return JSON.stringify([selection.fromDateTime, selection.toDateTime, r.analysisId]);
    });
    expect(new Set(windows).size).toBe(windows.length);
    for (const s of schedules) {
      const after = await e.admin.schedules.get.query({ id: s.id });
      const spec = specs[schedules.indexOf(s)]!;
      const cadence = after.cadence;
      expect(after.nextRunAt).toBe(nextSlot({ cadence, timeZone: spec.timeZone }, end)?.toISOString());
    }
  }, 120_000);

  it('with Gong disconnected records a failed occurrence with the reason and keeps the cadence', async () => {
    await using e = await startRunEnv({ calls: 20 });
    const analysisId = await weeklyReview(e);
    const created = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'weekly',
      weekday: 'monday',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
    await e.admin.integrations.gong.disconnect.mutate();
    const slot = new Date(created.nextRunAt!);
    const w = await worker(e, () => new Date(slot.getTime() + 60_000));
    expect(await w.scheduler.tick()).toMatchObject([
      { kind: 'failed', reason: expect.stringMatching(/not connected/) },
    ]);
    const detail = await e.admin.schedules.get.query({ id: created.id });
    expect(detail.lastOccurrence).toMatchObject({
      result: 'failed',
      reason: 'Gong is not connected any more. An admin can connect it in Settings → Integrations.',
      runId: null,
      caughtUp: false,
    });
    expect(detail.nextRunAt).toBe(new Date(slot.getTime() + 7 * DAY).toISOString());
    expect(detail.paused).toBe(false);
    expect(await runCount(e)).toBe(0);
  });

  it('a rejected key: the run fails, the Gong card needs attention, the next slot fails with the reason, the cadence stays', async () => {
    await using e = await startRunEnv({ calls: 20 });
    const analysisId = await weeklyReview(e);
    const created = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '06:00',
      timeZone: 'UTC',
    });
    const slot = new Date(created.nextRunAt!);
    let now = new Date(slot.getTime() + 60_000);
    e.sandbox.faults.revoke(e.key('primary').accessKey);
    const w = await worker(e, () => now);
    const [first] = await w.scheduler.tick();
    expect(first).toMatchObject({ kind: 'started' });
    // The worker's loop runs it: Gong answers 401, the run fails and the credential is flagged.
    const run = await e.waitFor((first as { runId: string }).runId, (r) => r.status === 'failed');
    expect(run).toMatchObject({
      trigger: 'schedule',
      name: expect.stringMatching(/^Weekly pipeline review · /),
    });
    expect(run.error).toBe(
      'Gong rejected the stored credential (401): an admin must replace the key in Settings → Integrations.',
    );
    expect(await e.admin.integrations.gong.get.query()).toMatchObject({ status: 'needs-attention' });
    expect((await e.admin.schedules.get.query({ id: created.id })).lastOccurrence).toMatchObject({
      result: 'failed',
      reason: expect.stringMatching(/Gong rejected the stored credential/),
    });

    now = new Date(slot.getTime() + DAY + 60_000);
    expect(await w.scheduler.tick()).toMatchObject([
      {
        kind: 'failed',
        reason:
          'The Gong connection needs attention: an admin must replace the key in Settings → Integrations.',
      },
    ]);
    const detail = await e.admin.schedules.get.query({ id: created.id });
    expect(detail.occurrences.map((o) => o.result)).toEqual(['failed', 'failed']);
    expect(detail.nextRunAt).toBe(new Date(slot.getTime() + 2 * DAY).toISOString());
    expect(await runCount(e)).toBe(1);
  });
});
