import type { RunSelection, UsageEstimate } from '@callmine/contracts';
import { type Db, monthlyAllowance, monthUsed, quotaMonth } from '@callmine/db';
import { type GongExtensiveCall, matchesSelection, selectionRange } from '@callmine/gong';
import { and, eq, gte, lt } from 'drizzle-orm';

/**
 * How many calls a run over `selection` would charge this month, from what Callmine already knows: the workspace's
 * Gong call cache (filtered exactly as the worker filters a listing) minus the calls charged this month. Exact
 * only when a listing that finished after the range ended covered all of it; otherwise a lower bound.
 */
export async function estimateUsage(
  db: Db,
  workspaceId: string,
  selection: RunSelection,
  defaultAllowance: number,
  now: Date,
): Promise<UsageEstimate> {
  const t = db.tables;
  const callCache = t.gongCallCache;
  const month = quotaMonth(now);
  const allowance = await monthlyAllowance(db, workspaceId, defaultAllowance);
  const used = await monthUsed(db, workspaceId, month);
  const remaining = Math.max(0, allowance - used);
  const range = selectionRange(selection);
  const matching = (
    await db
      .select({ callId: callCache.callId, data: callCache.data })
      .from(callCache)
      .where(
        and(
          eq(callCache.workspaceId, workspaceId),
          gte(callCache.started, range.from),
          lt(callCache.started, range.to),
        ),
      )
  ).filter((row) => matchesSelection(row.data as GongExtensiveCall, selection));
  const charged = new Set(
    (
      await db
        .select({ callId: t.quotaCharge.callId })
        .from(t.quotaCharge)
        .where(and(eq(t.quotaCharge.workspaceId, workspaceId), eq(t.quotaCharge.month, month)))
    ).map((r) => r.callId),
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
    basis: (await listingCovers(db, workspaceId, range)) ? 'exact' : 'lower-bound',
    // A lower bound can only prove the allowance short, never enough.
    covered: newCalls <= remaining,
  };
}

/** A finished listing (any run's) covered the whole range, and was made after the range ended. */
async function listingCovers(db: Db, workspaceId: string, range: { from: Date; to: Date }): Promise<boolean> {
  const run = db.tables.analysisRun;
  return (
    await db
      .select({ selection: run.selection, createdAt: run.createdAt })
      .from(run)
      .where(and(eq(run.workspaceId, workspaceId), eq(run.listingDone, true), gte(run.createdAt, range.to)))
  ).some((r) => {
    const listed = selectionRange(r.selection as RunSelection);
    return listed.from <= range.from && listed.to >= range.to;
  });
}
