import type { UsageSummary } from '@callmine/contracts';
import { allowanceOverride, type Db, monthUsed, quotaMonth } from '@callmine/db';
import { count, desc, eq } from 'drizzle-orm';
import { runDisplayName, runTriggerOf } from '../runs/run-trigger.ts';

/** This month's use against the allowance, use by month, and the runs that charged it. */
export async function usageSummary(
  db: Db,
  workspaceId: string,
  defaultAllowance: number,
  now: Date,
): Promise<UsageSummary> {
  const t = db.tables;
  const { quotaCharge: ledger, runQuota, analysisRun: run } = t;
  const month = quotaMonth(now);
  const override = await allowanceOverride(db, workspaceId);
  const allowance = override ?? defaultAllowance;
  const used = await monthUsed(db, workspaceId, month);
  const byMonth = await db
    .select({ month: ledger.month, used: count() })
    .from(ledger)
    .where(eq(ledger.workspaceId, workspaceId))
    .groupBy(ledger.month)
    .orderBy(desc(ledger.month))
    .limit(12);
  // The current month always shows, at zero before the first run charges it.
  const history = byMonth.some((m) => m.month === month) ? byMonth : [{ month, used: 0 }, ...byMonth];
  const runs = (
    await db
      .select({
        quota: runQuota,
        run: {
          id: run.id,
          name: run.name,
          analysisId: run.analysisId,
          trigger: run.trigger,
          selection: run.selection,
          status: run.status,
          createdAt: run.createdAt,
        },
        startedBy: t.user.name,
        occurrenceTrigger: t.scheduleOccurrence.trigger,
      })
      .from(runQuota)
      .innerJoin(run, eq(run.id, runQuota.runId))
      .leftJoin(t.user, eq(t.user.id, run.startedBy))
      .leftJoin(t.scheduleOccurrence, eq(t.scheduleOccurrence.runId, run.id))
      .where(eq(run.workspaceId, workspaceId))
      .orderBy(desc(run.createdAt))
      .limit(50)
  ).map(({ quota, run: r, startedBy, occurrenceTrigger }) => {
    const selection = r.selection as { from: string; to: string };
    return {
      runId: r.id,
      name: runDisplayName(r),
      trigger: runTriggerOf(r.trigger, occurrenceTrigger),
      startedBy,
      from: selection.from,
      to: selection.to,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      month: quota.month,
      callsCharged: quota.callsCharged,
      callsFree: quota.callsAdmitted - quota.callsCharged,
      callsSkipped: quota.callsSkipped,
    };
  });
  return {
    month,
    allowance,
    used,
    remaining: Math.max(0, allowance - used),
    customAllowance: override !== undefined,
    history: history.slice(0, 12),
    runs,
  };
}
