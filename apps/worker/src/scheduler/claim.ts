import { randomUUID } from 'node:crypto';
import type { ScheduleCadence } from '@callmine/contracts';
import { createOccurrenceRun, type Db, schema, type Tx } from '@callmine/db';
import { nextSlot } from '@callmine/schedule';
import { eq } from 'drizzle-orm';
import { credentialMessage, credentialMessages } from '../gong/credential.ts';
import { planDue } from './plan.ts';

export type ClaimResult =
  | { kind: 'not-due' }
  /** Another worker (or an earlier tick) already holds this slot. */
  | { kind: 'taken'; slot: Date }
  | { kind: 'started'; slot: Date; runId: string; skipped: number; caughtUp: boolean }
  | { kind: 'failed'; slot: Date; reason: string; skipped: number };

/**
 * Claims a due schedule's newest slot, exactly once: in one IMMEDIATE transaction (the write lock is taken up front,
 * so two processes never read the same "due" row and both write), re-read the schedule, plan, record the older
 * slots as skipped, INSERT the occurrence … ON CONFLICT DO NOTHING, and only if that inserted a row create the run.
 * next_slot_at moves on whatever happens, so a failed occurrence keeps the cadence.
 */
export function claimDueSlot(db: Db, scheduleId: string, now: Date): ClaimResult {
  return db.transaction(
    (tx): ClaimResult => {
      const row = tx.select().from(schema.schedule).where(eq(schema.schedule.id, scheduleId)).get();
      if (!row || row.paused || !row.nextSlotAt || row.nextSlotAt > now) return { kind: 'not-due' };
      const spec = { cadence: row.cadence as ScheduleCadence, timeZone: row.timeZone };
      const plan = planDue(spec, row.nextSlotAt, now);
      tx.update(schema.schedule)
        // No plan (a stored next slot the cadence doesn't produce): just move on to the next real slot.
        .set({ nextSlotAt: plan ? plan.nextSlotAt : nextSlot(spec, now) })
        .where(eq(schema.schedule.id, row.id))
        .run();
      if (!plan) return { kind: 'not-due' };

      const base = {
        scheduleId: row.id,
        workspaceId: row.workspaceId,
        trigger: 'schedule' as const,
        createdAt: now,
      };
      for (const slot of plan.skipped) {
        tx.insert(schema.scheduleOccurrence)
          .values({ ...base, id: randomUUID(), slot, status: 'skipped' })
          .onConflictDoNothing()
          .run();
      }
      const occurrenceId = randomUUID();
      const claimed = tx
        .insert(schema.scheduleOccurrence)
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
        .returning({ id: schema.scheduleOccurrence.id })
        .all();
      if (!claimed[0]) return { kind: 'taken', slot: plan.slot };

      const mine = eq(schema.scheduleOccurrence.id, occurrenceId);
      const fail = (reason: string): ClaimResult => {
        tx.update(schema.scheduleOccurrence).set({ status: 'failed', reason }).where(mine).run();
        return { kind: 'failed', slot: plan.slot, reason, skipped: plan.skipped.length };
      };
      const problem = credentialProblem(tx, row.workspaceId);
      if (problem) return fail(problem);
      const runId = createOccurrenceRun(tx, {
        workspaceId: row.workspaceId,
        analysisId: row.analysisId,
        startedBy: row.createdBy,
        window: plan.window,
        trigger: 'schedule',
        at: now,
      });
      if (!runId) return fail('The analysis this schedule runs no longer exists.');
      tx.update(schema.scheduleOccurrence).set({ runId }).where(mine).run();
      return {
        kind: 'started',
        slot: plan.slot,
        runId,
        skipped: plan.skipped.length,
        caughtUp: plan.caughtUp,
      };
    },
    { behavior: 'immediate' },
  );
}

/** The same rule runs.start applies: no run without a usable Gong credential; the occurrence says why instead. */
function credentialProblem(tx: Tx, workspaceId: string): string | null {
  const credential = tx
    .select({ status: schema.gongCredential.status, method: schema.gongCredential.method })
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .get();
  if (!credential) return credentialMessages.missing;
  if (credential.status !== 'active') return credentialMessage('needs-attention', credential.method);
  return null;
}
