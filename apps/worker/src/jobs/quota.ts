import {
  type Db,
  monthlyAllowance,
  monthUsed,
  quotaMonth,
  type RunQuotaOutcome,
  runQuotaOutcome,
  type Tables,
} from '@callmine/db';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { enqueueQuotaEvents } from '../webhooks/enqueue-events.ts';

// Charging a run's calls against the workspace's monthly allowance, before any transcript is fetched (so the Gong
// budget is not spent on calls that won't be analysed). Each batch is one transaction serialised per workspace (SQLite:
// BEGIN IMMEDIATE takes the write lock before the month's use is read; PostgreSQL: the `quota:<workspace>` lock), so
// two runs (or two worker processes) can never both admit the last unit of the allowance. A call already in the ledger this month is free; a run's decision per call is written
// once, so a crashed and retried run charges nothing extra. Calls are decided newest first (the call's start time
// from the listing's cache, then its id): when the allowance runs out, the calls skipped are the oldest ones, never
// the most recent. Reports and the README state this rule.

const tablesOf = ({ tables: t }: Pick<Db, 'tables'>) => ({
  runCall: t.analysisRunCall,
  decisionTable: t.runQuotaCall,
  ledger: t.quotaCharge,
  cache: t.gongCallCache,
});

export const QUOTA_BATCH_SIZE = 100;

export interface ChargeInput {
  runId: string;
  workspaceId: string;
  /** CALLMINE_MONTHLY_CALL_QUOTA, for workspaces without an operator override. */
  defaultAllowance: number;
  now: () => Date;
  batchSize?: number;
}

/** Decides every undecided call of the run (charged / free / skipped) and returns the run's quota outcome. */
export async function chargeRunCalls(db: Db, input: ChargeInput): Promise<RunQuotaOutcome> {
  const batchSize = input.batchSize ?? QUOTA_BATCH_SIZE;
  for (;;) {
    const decided = await db.transaction(async (tx) => chargeBatch(tx, input, batchSize), {
      lock: `quota:${input.workspaceId}`,
    });
    if (decided < batchSize) break;
  }
  const outcome = await runQuotaOutcome(db, input.runId);
  if (!outcome) throw new Error(`quota outcome missing for run ${input.runId}`);
  return outcome;
}

async function chargeBatch(tx: Db, input: ChargeInput, batchSize: number): Promise<number> {
  const t = tx.tables;
  const { runCall, decisionTable, ledger, cache } = tablesOf(tx);
  const { runId, workspaceId } = input;
  const at = input.now();
  const month = quotaMonth(at);
  const allowance = await monthlyAllowance(tx, workspaceId, input.defaultAllowance);
  let used = await monthUsed(tx, workspaceId, month);
  const usedBefore = used;
  const batch = await tx
    .select({ callId: runCall.callId })
    .from(runCall)
    .leftJoin(decisionTable, and(eq(decisionTable.runId, runId), eq(decisionTable.callId, runCall.callId)))
    .leftJoin(cache, and(eq(cache.workspaceId, workspaceId), eq(cache.callId, runCall.callId)))
    .where(and(eq(runCall.runId, runId), isNull(decisionTable.callId)))
    // Newest first; a call missing from the cache (never expected: the listing writes it) sorts last.
    .orderBy(sql`${cache.started} is null`, desc(cache.started), asc(runCall.callId))
    .limit(batchSize);
  // A few statements per batch, not per call: on PostgreSQL every statement is a round trip.
  const ids = batch.map((row) => row.callId);
  const alreadyCharged = new Set(
    ids.length === 0
      ? []
      : (
          await tx
            .select({ callId: ledger.callId })
            .from(ledger)
            .where(
              and(eq(ledger.workspaceId, workspaceId), eq(ledger.month, month), inArray(ledger.callId, ids)),
            )
        ).map((row) => row.callId),
  );
  const charges: (typeof ledger.$inferInsert)[] = [];
  const decisions: (typeof decisionTable.$inferInsert)[] = [];
  for (const callId of ids) {
    let decision: 'charged' | 'free' | 'skipped';
    if (alreadyCharged.has(callId)) decision = 'free';
    else if (used < allowance) {
      charges.push({ workspaceId, month, callId, runId, chargedAt: at });
      used += 1;
      decision = 'charged';
    } else decision = 'skipped';
    decisions.push({ runId, callId, decision, month, decidedAt: at });
  }
  if (charges.length > 0) await tx.insert(ledger).values(charges);
  if (decisions.length > 0) await tx.insert(decisionTable).values(decisions);
  // A retry that finds every call decided keeps the outcome as the run's charging left it.
  const [recorded] = await tx
    .select({ runId: t.runQuota.runId })
    .from(t.runQuota)
    .where(eq(t.runQuota.runId, runId))
    .limit(1);
  if (batch.length > 0 || !recorded) await writeOutcome(tx, { runId, month, allowance, used, at });
  await enqueueQuotaEvents(tx, workspaceId, { month, allowance, usedBefore, usedAfter: used, at });
  return batch.length;
}

async function writeOutcome(
  tx: Db,
  o: { runId: string; month: string; allowance: number; used: number; at: Date },
): Promise<void> {
  const t = tx.tables;
  const { runCall, decisionTable } = tablesOf(tx);
  const tally = async (decision: 'charged' | 'free' | 'skipped') => {
    const [row] = await tx
      .select({ n: count() })
      .from(decisionTable)
      .where(and(eq(decisionTable.runId, o.runId), eq(decisionTable.decision, decision)));
    return row?.n ?? 0;
  };
  const [selected] = await tx.select({ n: count() }).from(runCall).where(eq(runCall.runId, o.runId));
  const charged = await tally('charged');
  const skipped = await tally('skipped');
  const values = {
    month: o.month,
    allowance: o.allowance,
    used: o.used,
    callsSelected: selected?.n ?? 0,
    callsAdmitted: charged + (await tally('free')),
    callsCharged: charged,
    callsSkipped: skipped,
    quotaReached: skipped > 0,
    updatedAt: o.at,
  };
  await tx
    .insert(t.runQuota)
    .values({ runId: o.runId, ...values })
    .onConflictDoUpdate({ target: t.runQuota.runId, set: values });
}

/** SQL condition: the run's call was admitted (charged or free), i.e. may be fetched and analysed. */
export const admittedCall = (
  db: Pick<Db, 'tables'>,
  runId: string,
  callId: Tables['analysisRunCall']['callId'],
) =>
  sql`exists (select 1 from ${db.tables.runQuotaCall} q where q.run_id = ${runId} and q.call_id = ${callId}
    and q.decision <> 'skipped')`;
