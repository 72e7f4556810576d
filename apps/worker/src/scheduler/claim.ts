import { randomUUID } from 'node:crypto';
import type { ScheduleCadence } from '@callmine/contracts';
import { createOccurrenceRun, type Db, type Queues } from '@callmine/db';
import { nextSlot } from '@callmine/schedule';
import { eq } from 'drizzle-orm';
import { credentialMessage, credentialMessages } from '../gong/credential.ts';
import { enqueueOccurrenceFailed } from '../webhooks/enqueue-events.ts';
import { planDue } from './plan.ts';

export type ClaimResult =
  | { kind: 'not-due' }
  /** Another worker (or an earlier tick) already holds this slot. */
  | { kind: 'taken'; slot: Date }
  | { kind: 'started'; slot: Date; runId: string; skipped: number; caughtUp: boolean }
  | { kind: 'failed'; slot: Date; reason: string; skipped: number };

/**
 * Claims a due schedule's newest slot, exactly once: in one transaction serialised per schedule (SQLite: BEGIN
 * IMMEDIATE takes the write lock up front; PostgreSQL: the `schedule:<id>` lock key), so two processes never read the
 * same "due" row and both write), re-read the schedule, plan, record the older
 * slots as skipped, INSERT the occurrence … ON CONFLICT DO NOTHING, and only if that inserted a row create the run.
 * next_slot_at moves on whatever happens, so a failed occurrence keeps the cadence.
 */
export async function claimDueSlot(
  db: Db,
  queues: Queues,
  scheduleId: string,
  now: Date,
): Promise<ClaimResult> {
  const t = db.tables;
  return db.transaction(
    async (tx): Promise<ClaimResult> => {
      const [row] = await tx.select().from(t.schedule).where(eq(t.schedule.id, scheduleId)).limit(1);
      if (!row || row.paused || !row.nextSlotAt || row.nextSlotAt > now) return { kind: 'not-due' };
      const spec = { cadence: row.cadence as ScheduleCadence, timeZone: row.timeZone };
      const plan = planDue(spec, row.nextSlotAt, now);
      await tx
        .update(t.schedule)
        // No plan (a stored next slot the cadence doesn't produce): just move on to the next real slot.
        .set({ nextSlotAt: plan ? plan.nextSlotAt : nextSlot(spec, now) })
        .where(eq(t.schedule.id, row.id));
      if (!plan) return { kind: 'not-due' };

      const base = {
        scheduleId: row.id,
        workspaceId: row.workspaceId,
        trigger: 'schedule' as const,
        createdAt: now,
      };
      for (const slot of plan.skipped) {
        await tx
          .insert(t.scheduleOccurrence)
          .values({ ...base, id: randomUUID(), slot, status: 'skipped' })
          .onConflictDoNothing();
      }
      const occurrenceId = randomUUID();
      const claimed = await tx
        .insert(t.scheduleOccurrence)
        .values({
          ...base,
          id: occurrenceId,
          slot: plan.slot,
          status: 'started',
          windowFrom: plan.window.from,
          windowTo: plan.window.to,
          caughtUp: plan.caughtUp,
        })
        .onConflictDoNothing()
        .returning({ id: t.scheduleOccurrence.id });
      if (!claimed[0]) return { kind: 'taken', slot: plan.slot };

      const mine = eq(t.scheduleOccurrence.id, occurrenceId);
      const fail = async (reason: string): Promise<ClaimResult> => {
        await tx.update(t.scheduleOccurrence).set({ status: 'failed', reason }).where(mine);
        await enqueueOccurrenceFailed(tx, {
          workspaceId: row.workspaceId,
          scheduleId: row.id,
          occurrenceId,
          slot: plan.slot,
          reason,
          at: now,
        });
        return { kind: 'failed', slot: plan.slot, reason, skipped: plan.skipped.length };
      };
      const problem = await credentialProblem(tx, row.workspaceId);
      if (problem) return fail(problem);
      const created = await createOccurrenceRun(tx, queues, {
        workspaceId: row.workspaceId,
        analysisId: row.analysisId,
        startedBy: row.createdBy,
        window: plan.window,
        windowMode: row.windowMode,
        slot: plan.slot,
        trigger: 'schedule',
        at: now,
      });
      if (!created) return fail('The analysis this schedule runs no longer exists.');
      const { runId, window } = created;
      // The occurrence states the window its run really covers (the analysis's own, when the schedule chose it).
      await tx
        .update(t.scheduleOccurrence)
        .set({ runId, windowFrom: window.from, windowTo: window.to })
        .where(mine);
      return {
        kind: 'started',
        slot: plan.slot,
        runId,
        skipped: plan.skipped.length,
        caughtUp: plan.caughtUp,
      };
    },
    { lock: `schedule:${scheduleId}` },
  );
}

/** The same rule runs.start applies: no run without a usable Gong credential; the occurrence says why instead. */
async function credentialProblem(tx: Db, workspaceId: string): Promise<string | null> {
  const t = tx.tables;
  const [credential] = await tx
    .select({ status: t.gongCredential.status, method: t.gongCredential.method })
    .from(t.gongCredential)
    .where(eq(t.gongCredential.workspaceId, workspaceId))
    .limit(1);
  if (!credential) return credentialMessages.missing;
  if (credential.status !== 'active') return credentialMessage('needs-attention', credential.method);
  return null;
}
