import type { RunSelection, UsageEstimate } from '@callmine/contracts';
import { type Db, monthlyAllowance, monthUsed, quotaMonth, schema } from '@callmine/db';
import { type GongExtensiveCall, matchesSelection, selectionRange } from '@callmine/gong';
import { and, eq, gte, lt } from 'drizzle-orm';

const callCache = schema.gongCallCache;
const run = schema.analysisRun;

/**
 * How many calls a run over `selection` would charge this month, from what Callmine already knows: the workspace's
 * Gong call cache (filtered exactly as the worker filters a listing) minus the calls charged this month. Exact
 * only when a listing that finished after the range ended covered all of it; otherwise a lower bound.
 */
export function estimateUsage(
  db: Db,
  workspaceId: string,
  selection: RunSelection,
  defaultAllowance: number,
  now: Date,
): UsageEstimate {
  const month = quotaMonth(now);
  const allowance = monthlyAllowance(db, workspaceId, defaultAllowance);
  const used = monthUsed(db, workspaceId, month);
  const remaining = Math.max(0, allowance - used);
  const range = selectionRange(selection);
  const matching = db
    .select({ callId: callCache.callId, data: callCache.data })
    .from(callCache)
    .where(
      and(
        eq(callCache.workspaceId, workspaceId),
        gte(callCache.started, range.from),
        lt(callCache.started, range.to),
      ),
    )
    .all()
    .filter((row) => matchesSelection(row.data as GongExtensiveCall, selection));
  const charged = new Set(
    db
      .select({ callId: schema.quotaCharge.callId })
      .from(schema.quotaCharge)
      .where(and(eq(schema.quotaCharge.workspaceId, workspaceId), eq(schema.quotaCharge.month, month)))
      .all()
      .map((r) => r.callId),
  );
  const callsAlreadyCharged = matching.filter((row) => charged.has(row.callId)).length;
  const newCalls = matching.length - callsAlreadyCharged;
  return {
    month,
    allowance,
    used,
    remaining,
    callsMatching: matching.length,
    callsAlreadyCharged,
    newCalls,
    basis: listingCovers(db, workspaceId, range) ? 'exact' : 'lower-bound',
    // A lower bound can only prove the allowance short, never enough.
    covered: newCalls <= remaining,
  };
}

/** A finished listing (any run's) covered the whole range, and was made after the range ended. */
function listingCovers(db: Db, workspaceId: string, range: { from: Date; to: Date }): boolean {
  return db
    .select({ selection: run.selection, createdAt: run.createdAt })
    .from(run)
    .where(and(eq(run.workspaceId, workspaceId), eq(run.listingDone, true), gte(run.createdAt, range.to)))
    .all()
    .some((r) => {
      const listed = selectionRange(r.selection as RunSelection);
      return listed.from <= range.from && listed.to >= range.to;
    });
}
