import type { UsageSummary } from '@callmine/contracts';
import { allowanceOverride, type Db, monthUsed, quotaMonth, schema } from '@callmine/db';
import { count, desc, eq } from 'drizzle-orm';
import { runDisplayName, runTriggerOf } from '../runs/run-trigger.ts';

const ledger = schema.quotaCharge;
const runQuota = schema.runQuota;
const run = schema.analysisRun;

/** This month's use against the allowance, use by month, and the runs that charged it. */
export function usageSummary(db: Db, workspaceId: string, defaultAllowance: number, now: Date): UsageSummary {
  const month = quotaMonth(now);
  const override = allowanceOverride(db, workspaceId);
  const allowance = override ?? defaultAllowance;
  const used = monthUsed(db, workspaceId, month);
  const byMonth = db
    .select({ month: ledger.month, used: count() })
    .from(ledger)
    .where(eq(ledger.workspaceId, workspaceId))
    .groupBy(ledger.month)
    .orderBy(desc(ledger.month))
    .limit(12)
    .all();
  // The current month always shows, at zero before the first run charges it.
  const history = byMonth.some((m) => m.month === month) ? byMonth : [{ month, used: 0 }, ...byMonth];
  const runs = db
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
      startedBy: schema.user.name,
      occurrenceTrigger: schema.scheduleOccurrence.trigger,
    })
    .from(runQuota)
    .innerJoin(run, eq(run.id, runQuota.runId))
    .leftJoin(schema.user, eq(schema.user.id, run.startedBy))
    .leftJoin(schema.scheduleOccurrence, eq(schema.scheduleOccurrence.runId, run.id))
    .where(eq(run.workspaceId, workspaceId))
    .orderBy(desc(run.createdAt))
    .limit(50)
    .all()
    .map(({ quota, run: r, startedBy, occurrenceTrigger }) => {
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
