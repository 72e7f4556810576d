import {
  type Db,
  monthlyAllowance,
  monthUsed,
  quotaMonth,
  type RunQuotaOutcome,
  runQuotaOutcome,
  schema,
} from '@callmine/db';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';

// Charging a run's calls against the workspace's monthly allowance, before any transcript is fetched (so the Gong
// budget is not spent on calls that won't be analysed). Each batch is one IMMEDIATE transaction: it takes SQLite's
// write lock before reading the month's use, so two runs (or two worker processes) can never both admit the last
// unit of the allowance. A call already in the ledger this month is free; a run's decision per call is written
// once, so a crashed and retried run charges nothing extra. Calls are decided newest first (the call's start time
// from the listing's cache, then its id): when the allowance runs out, the calls skipped are the oldest ones, never
// the most recent. Reports and the README state this rule.

const runCall = schema.analysisRunCall;
const decisionTable = schema.runQuotaCall;
const ledger = schema.quotaCharge;
const cache = schema.gongCallCache;

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
export function chargeRunCalls(db: Db, input: ChargeInput): RunQuotaOutcome {
  const batchSize = input.batchSize ?? QUOTA_BATCH_SIZE;
  for (;;) {
    const decided = db.transaction((tx) => chargeBatch(tx, input, batchSize), { behavior: 'immediate' });
    if (decided < batchSize) break;
  }
  const outcome = runQuotaOutcome(db, input.runId);
  if (!outcome) throw new Error(`quota outcome missing for run ${input.runId}`);
  return outcome;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function chargeBatch(tx: Tx, input: ChargeInput, batchSize: number): number {
  const { runId, workspaceId } = input;
  const at = input.now();
  const month = quotaMonth(at);
  const allowance = monthlyAllowance(tx, workspaceId, input.defaultAllowance);
  let used = monthUsed(tx, workspaceId, month);
  const batch = tx
    .select({ callId: runCall.callId })
    .from(runCall)
    .leftJoin(decisionTable, and(eq(decisionTable.runId, runId), eq(decisionTable.callId, runCall.callId)))
    .leftJoin(cache, and(eq(cache.workspaceId, workspaceId), eq(cache.callId, runCall.callId)))
    .where(and(eq(runCall.runId, runId), isNull(decisionTable.callId)))
    // Newest first; a call missing from the cache (never expected: the listing writes it) sorts last.
    .orderBy(sql`${cache.started} is null`, desc(cache.started), asc(runCall.callId))
    .limit(batchSize)
    .all();
  for (const { callId } of batch) {
    const alreadyCharged = tx
      .select({ callId: ledger.callId })
      .from(ledger)
      .where(and(eq(ledger.workspaceId, workspaceId), eq(ledger.month, month), eq(ledger.callId, callId)))
      .get();
    let decision: 'charged' | 'free' | 'skipped';
    if (alreadyCharged) decision = 'free';
    else if (used < allowance) {
      tx.insert(ledger).values({ workspaceId, month, callId, runId, chargedAt: at }).run();
      used += 1;
      decision = 'charged';
    } else decision = 'skipped';
    tx.insert(decisionTable).values({ runId, callId, decision, month, decidedAt: at }).run();
  }
  // A retry that finds every call decided keeps the outcome as the run's charging left it.
  const recorded = tx
    .select({ runId: schema.runQuota.runId })
    .from(schema.runQuota)
    .where(eq(schema.runQuota.runId, runId))
    .get();
  if (batch.length > 0 || !recorded) writeOutcome(tx, { runId, month, allowance, used, at });
  return batch.length;
}

function writeOutcome(
  tx: Tx,
  o: { runId: string; month: string; allowance: number; used: number; at: Date },
): void {
  const tally = (decision: 'charged' | 'free' | 'skipped') =>
    tx
      .select({ n: count() })
      .from(decisionTable)
      .where(and(eq(decisionTable.runId, o.runId), eq(decisionTable.decision, decision)))
      .get()?.n ?? 0;
  const charged = tally('charged');
  const skipped = tally('skipped');
  const values = {
    month: o.month,
    allowance: o.allowance,
    used: o.used,
    callsSelected: tx.select({ n: count() }).from(runCall).where(eq(runCall.runId, o.runId)).get()?.n ?? 0,
    callsAdmitted: charged + tally('free'),
    callsCharged: charged,
    callsSkipped: skipped,
    quotaReached: skipped > 0,
    updatedAt: o.at,
  };
  tx.insert(schema.runQuota)
    .values({ runId: o.runId, ...values })
    .onConflictDoUpdate({ target: schema.runQuota.runId, set: values })
    .run();
}

/** SQL condition: the run's call was admitted (charged or free), i.e. may be fetched and analysed. */
export const admittedCall = (runId: string, callId: typeof runCall.callId) =>
  sql`exists (select 1 from ${decisionTable} q where q.run_id = ${runId} and q.call_id = ${callId}
    and q.decision <> 'skipped')`;
