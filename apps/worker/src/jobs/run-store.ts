import type { RunSelection, RunStatus } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import type { GongCallTranscript, GongExtensiveCall } from '@callmine/gong';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { enqueueRunFailed } from '../webhooks/enqueue-events.ts';
import { admittedCall } from './quota.ts';

// Every write an analysis run makes, each one short transaction (DB statements only) taken after the network answer is in:
// a checkpoint stores the page's data and moves the run's cursor/counters together, so a kill between two
// checkpoints loses only the request in flight, and a restart neither refetches nor double counts.

/** This file's tables, from the handle (the same code runs on SQLite and PostgreSQL). */
const tablesOf = ({ tables: t }: Pick<Db, 'tables'>) => ({
  run: t.analysisRun,
  runCall: t.analysisRunCall,
  callCache: t.gongCallCache,
  transcriptCache: t.gongTranscriptCache,
});

export type RunRow = Tables['analysisRun']['$inferSelect'];

export async function loadRun(db: Db, runId: string): Promise<RunRow | undefined> {
  const { run } = tablesOf(db);
  const [row] = await db.select().from(run).where(eq(run.id, runId)).limit(1);
  return row;
}

export function selectionOf(row: RunRow): RunSelection {
  return row.selection as RunSelection;
}

export async function setStatus(
  db: Db,
  runId: string,
  status: RunStatus,
  at: Date,
  extra: Partial<Pick<RunRow, 'error' | 'pausedUntil' | 'startedAt' | 'finishedAt'>> = {},
): Promise<void> {
  const { run } = tablesOf(db);
  await db
    .update(run)
    .set({ status, updatedAt: at, ...extra })
    .where(eq(run.id, runId));
}

export async function finish(
  db: Db,
  runId: string,
  status: 'failed' | 'canceled',
  at: Date,
  error: string | null,
) {
  await db.transaction(async (tx) => {
    await setStatus(tx, runId, status, at, { error, finishedAt: at, pausedUntil: null });
    // A failed run's webhook, in the same transaction (a canceled run sends none).
    if (status === 'failed') await enqueueRunFailed(tx, runId, error, at);
  });
}

const fetchedCount = (
  { runCall, transcriptCache }: ReturnType<typeof tablesOf>,
  runId: string,
  workspaceId: string,
) =>
  sql<number>`(select count(*) from ${runCall} rc join ${transcriptCache} tc
    on tc.workspace_id = ${workspaceId} and tc.call_id = rc.call_id where rc.run_id = ${runId})`;
const selectedCount = ({ runCall }: ReturnType<typeof tablesOf>, runId: string) =>
  sql<number>`(select count(*) from ${runCall} where run_id = ${runId})`;

/**
 * The fetching phase is over: the run moves to analysing with its fetched count read afresh. The count a checkpoint
 * wrote can be stale: another run of the workspace may have cached the transcripts this run still lacked at its
 * last listing page (they share the workspace's cache), so this run fetches none and writes no transcript
 * checkpoint of its own.
 */
export async function startAnalysing(db: Db, runId: string, workspaceId: string, at: Date): Promise<void> {
  const tables = tablesOf(db);
  await db
    .update(tables.run)
    .set({ status: 'analyzing', callsFetched: fetchedCount(tables, runId, workspaceId), updatedAt: at })
    .where(eq(tables.run.id, runId));
}

/** Why a listing checkpoint was not written: the run's cursor is no longer the one the page was fetched from. */
class StaleListingPage extends Error {}

/**
 * One listed page: cache its calls, add the selected ones to the run, move the cursor. Only from the cursor the
 * page was fetched with (`fromCursor`): otherwise nothing is written and it answers false (the caller reloads the
 * run). Whatever the holder of an old copy of the run does (a second claim of the job, or a handler that waited
 * out a database outage that lost its last acknowledged write), the cursor never moves past a page whose calls
 * were not stored.
 */
export async function checkpointListing(
  db: Db,
  input: {
    runId: string;
    workspaceId: string;
    /** The cursor this page was fetched with (null: the first page). */
    fromCursor: string | null;
    calls: readonly GongExtensiveCall[];
    selected: ReadonlySet<string>;
    nextCursor: string | undefined;
    requests: number;
    credentialVersion: number | null;
    at: Date;
  },
): Promise<boolean> {
  // One statement per table, not per call: on PostgreSQL every statement is a round trip. Keyed by call id, since
  // one INSERT … ON CONFLICT DO UPDATE may not touch a row twice.
  const byId = new Map(input.calls.map((call) => [call.metaData.id, call]));
  const cached = [...byId.values()].map((call) => {
    const meta = call.metaData;
    return {
      workspaceId: input.workspaceId,
      callId: meta.id,
      started: meta.started ? new Date(meta.started) : null,
      durationSeconds: meta.duration == null ? null : Math.round(meta.duration),
      title: meta.title ?? null,
      primaryUserId: meta.primaryUserId ?? null,
      data: call,
      fetchedAt: input.at,
    };
  });
  const selected = [...byId.keys()].filter((callId) => input.selected.has(callId));
  try {
    await writeListedPage(db, input, cached, selected);
    return true;
  } catch (error) {
    if (error instanceof StaleListingPage) return false;
    throw error;
  }
}

async function writeListedPage(
  db: Db,
  input: Parameters<typeof checkpointListing>[1],
  cached: Tables['gongCallCache']['$inferInsert'][],
  selected: string[],
): Promise<void> {
  const tables = tablesOf(db);
  const { run, runCall, callCache } = tables;
  await db.transaction(async (tx) => {
    if (cached.length > 0) {
      await tx
        .insert(callCache)
        .values(cached)
        .onConflictDoUpdate({
          target: [callCache.workspaceId, callCache.callId],
          // The row just offered (SQLite and PostgreSQL both name it `excluded`).
          set: {
            started: sql.raw('excluded.started'),
            durationSeconds: sql.raw('excluded.duration_seconds'),
            title: sql.raw('excluded.title'),
            primaryUserId: sql.raw('excluded.primary_user_id'),
            data: sql.raw('excluded.data'),
            fetchedAt: sql.raw('excluded.fetched_at'),
          },
        });
    }
    if (selected.length > 0) {
      await tx
        .insert(runCall)
        .values(selected.map((callId) => ({ runId: input.runId, callId })))
        .onConflictDoNothing();
    }
    const moved = await tx
      .update(run)
      .set({
        listCursor: input.nextCursor ?? null,
        listingDone: input.nextCursor === undefined,
        callsListed: sql`${run.callsListed} + ${input.calls.length}`,
        callsTotal: selectedCount(tables, input.runId),
        callsFetched: fetchedCount(tables, input.runId, input.workspaceId),
        requestsUsed: sql`${run.requestsUsed} + ${input.requests}`,
        credentialVersion: input.credentialVersion ?? run.credentialVersion,
        pausedUntil: null,
        updatedAt: input.at,
      })
      .where(
        and(
          eq(run.id, input.runId),
          eq(run.listingDone, false),
          input.fromCursor === null ? isNull(run.listCursor) : eq(run.listCursor, input.fromCursor),
        ),
      )
      .returning({ id: run.id });
    // Rolls the page's rows back with it: the run moved on (or back) since this page was asked for.
    if (moved.length === 0) throw new StaleListingPage();
  });
}

/**
 * The next admitted calls (selected, and within the monthly allowance) whose transcript is not cached yet (by any
 * run of the workspace), in a stable order.
 */
export async function callsWithoutTranscript(
  db: Db,
  runId: string,
  workspaceId: string,
  limit: number,
): Promise<string[]> {
  const { runCall, transcriptCache } = tablesOf(db);
  const rows = await db
    .select({ callId: runCall.callId })
    .from(runCall)
    .leftJoin(
      transcriptCache,
      and(eq(transcriptCache.workspaceId, workspaceId), eq(transcriptCache.callId, runCall.callId)),
    )
    .where(
      and(eq(runCall.runId, runId), admittedCall(db, runId, runCall.callId), isNull(transcriptCache.callId)),
    )
    .orderBy(asc(runCall.callId))
    .limit(limit);
  return rows.map((r) => r.callId);
}

/** One transcript batch: store what Gong sent, mark the asked-for calls it left out as having none. */
export async function checkpointTranscripts(
  db: Db,
  input: {
    runId: string;
    workspaceId: string;
    asked: readonly string[];
    transcripts: readonly GongCallTranscript[];
    requests: number;
    credentialVersion: number | null;
    at: Date;
  },
): Promise<void> {
  const byId = new Map(input.transcripts.map((t) => [t.callId, t]));
  const tables = tablesOf(db);
  const { run, transcriptCache } = tables;
  const rows = [...new Set(input.asked)].map((callId) => ({
    workspaceId: input.workspaceId,
    callId,
    monologues: byId.get(callId)?.transcript ?? null,
    fetchedAt: input.at,
  }));
  await db.transaction(async (tx) => {
    // One statement for the batch (a round trip each on PostgreSQL).
    if (rows.length > 0) await tx.insert(transcriptCache).values(rows).onConflictDoNothing();
    await tx
      .update(run)
      .set({
        callsFetched: fetchedCount(tables, input.runId, input.workspaceId),
        requestsUsed: sql`${run.requestsUsed} + ${input.requests}`,
        credentialVersion: input.credentialVersion ?? run.credentialVersion,
        pausedUntil: null,
        updatedAt: input.at,
      })
      .where(eq(run.id, input.runId));
  });
}

/** Everything the analysing phase reads: the run's admitted calls and their transcripts, from the cache. */
export async function loadRunData(db: Db, runId: string, workspaceId: string) {
  const { runCall, callCache, transcriptCache } = tablesOf(db);
  const rows = await db
    .select({ call: callCache.data, monologues: transcriptCache.monologues, callId: runCall.callId })
    .from(runCall)
    .innerJoin(callCache, and(eq(callCache.workspaceId, workspaceId), eq(callCache.callId, runCall.callId)))
    .leftJoin(
      transcriptCache,
      and(eq(transcriptCache.workspaceId, workspaceId), eq(transcriptCache.callId, runCall.callId)),
    )
    .where(and(eq(runCall.runId, runId), admittedCall(db, runId, runCall.callId)))
    .orderBy(asc(runCall.callId));
  const calls = rows.map((r) => r.call as GongExtensiveCall);
  const transcripts: GongCallTranscript[] = rows
    .filter((r) => r.monologues != null)
    .map((r) => ({ callId: r.callId, transcript: r.monologues as GongCallTranscript['transcript'] }));
  return { calls, transcripts };
}

export async function countRunCalls(db: Db, runId: string): Promise<number> {
  const { runCall } = tablesOf(db);
  const [row] = await db.select({ n: count() }).from(runCall).where(eq(runCall.runId, runId));
  return row?.n ?? 0;
}
