import { eq } from 'drizzle-orm';
import type { Db } from '../database/types.ts';

/** A run's quota outcome, as the worker recorded it before fetching transcripts. */
export interface RunQuotaOutcome {
  /** True when the allowance ran out: the run analysed only part of its selection. */
  partial: boolean;
  /** UTC month ('YYYY-MM') of the charge, with that month's allowance and use after this run charged. */
  month: string;
  allowance: number;
  used: number;
  callsSelected: number;
  /** Calls admitted (charged by this run, or already charged this month): the ones fetched and analysed. */
  callsAnalysed: number;
  /** Calls this run paid for (the others were already charged this month). */
  callsCharged: number;
  /** Selected calls neither fetched nor analysed because the allowance was reached. */
  callsSkipped: number;
}

/** Undefined until the run has charged (queued, listing, or a run from before quotas). */
export async function runQuotaOutcome(
  db: Pick<Db, 'select' | 'tables'>,
  runId: string,
): Promise<RunQuotaOutcome | undefined> {
  const { runQuota } = db.tables;
  const [row] = await db.select().from(runQuota).where(eq(runQuota.runId, runId)).limit(1);
  if (!row) return undefined;
  return {
    partial: row.quotaReached,
    month: row.month,
    allowance: row.allowance,
    used: row.used,
    callsSelected: row.callsSelected,
    callsAnalysed: row.callsAdmitted,
    callsCharged: row.callsCharged,
    callsSkipped: row.callsSkipped,
  };
}
