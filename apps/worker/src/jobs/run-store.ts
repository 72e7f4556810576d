import type { RunSelection, RunStatus } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import type { GongCallTranscript, GongExtensiveCall } from '@callmine/gong';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { admittedCall } from './quota.ts';

// Every write an analysis run makes, each one short synchronous transaction taken after the network answer is in:
// a checkpoint stores the page's data and moves the run's cursor/counters together, so a kill between two
// checkpoints loses only the request in flight, and a restart neither refetches nor double counts.

const run = schema.analysisRun;
const runCall = schema.analysisRunCall;
const callCache = schema.gongCallCache;
const transcriptCache = schema.gongTranscriptCache;

export type RunRow = typeof run.$inferSelect;

export function loadRun(db: Db, runId: string): RunRow | undefined {
  return db.select().from(run).where(eq(run.id, runId)).get();
}

export function selectionOf(row: RunRow): RunSelection {
  return row.selection as RunSelection;
}

export function setStatus(
  db: Db,
  runId: string,
  status: RunStatus,
  at: Date,
  extra: Partial<Pick<RunRow, 'error' | 'pausedUntil' | 'startedAt' | 'finishedAt'>> = {},
): void {
  db.update(run)
    .set({ status, updatedAt: at, ...extra })
    .where(eq(run.id, runId))
    .run();
}

export function finish(db: Db, runId: string, status: 'failed' | 'canceled', at: Date, error: string | null) {
  setStatus(db, runId, status, at, { error, finishedAt: at, pausedUntil: null });
}

const fetchedCount = (runId: string, workspaceId: string) =>
  sql<number>`(select count(*) from ${runCall} rc join ${transcriptCache} tc
    on tc.workspace_id = ${workspaceId} and tc.call_id = rc.call_id where rc.run_id = ${runId})`;
const selectedCount = (runId: string) =>
  sql<number>`(select count(*) from ${runCall} where run_id = ${runId})`;

/** One listed page: cache its calls, add the selected ones to the run, move the cursor. */
export function checkpointListing(
  db: Db,
  input: {
    runId: string;
    workspaceId: string;
    calls: readonly GongExtensiveCall[];
    selected: ReadonlySet<string>;
    nextCursor: string | undefined;
    requests: number;
    credentialVersion: number | null;
    at: Date;
  },
): void {
  db.transaction((tx) => {
    for (const call of input.calls) {
      const meta = call.metaData;
      const values = {
        started: meta.started ? new Date(meta.started) : null,
        durationSeconds: meta.duration == null ? null : Math.round(meta.duration),
        title: meta.title ?? null,
        primaryUserId: meta.primaryUserId ?? null,
        data: call,
        fetchedAt: input.at,
      };
      tx.insert(callCache)
        .values({ workspaceId: input.workspaceId, callId: meta.id, ...values })
        .onConflictDoUpdate({ target: [callCache.workspaceId, callCache.callId], set: values })
        .run();
      if (input.selected.has(meta.id)) {
        tx.insert(runCall).values({ runId: input.runId, callId: meta.id }).onConflictDoNothing().run();
      }
    }
    tx.update(run)
      .set({
        listCursor: input.nextCursor ?? null,
        listingDone: input.nextCursor === undefined,
        callsListed: sql`${run.callsListed} + ${input.calls.length}`,
        callsTotal: selectedCount(input.runId),
        callsFetched: fetchedCount(input.runId, input.workspaceId),
        requestsUsed: sql`${run.requestsUsed} + ${input.requests}`,
        credentialVersion: input.credentialVersion ?? run.credentialVersion,
        pausedUntil: null,
        updatedAt: input.at,
      })
      .where(eq(run.id, input.runId))
      .run();
  });
}

/**
 * The next admitted calls (selected, and within the monthly allowance) whose transcript is not cached yet (by any
 * run of the workspace), in a stable order.
 */
export function callsWithoutTranscript(db: Db, runId: string, workspaceId: string, limit: number): string[] {
  return db
    .select({ callId: runCall.callId })
    .from(runCall)
    .leftJoin(
      transcriptCache,
      and(eq(transcriptCache.workspaceId, workspaceId), eq(transcriptCache.callId, runCall.callId)),
    )
    .where(and(eq(runCall.runId, runId), admittedCall(runId, runCall.callId), isNull(transcriptCache.callId)))
    .orderBy(asc(runCall.callId))
    .limit(limit)
    .all()
    .map((r) => r.callId);
}

/** One transcript batch: store what Gong sent, mark the asked-for calls it left out as having none. */
export function checkpointTranscripts(
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
): void {
  const byId = new Map(input.transcripts.map((t) => [t.callId, t]));
  db.transaction((tx) => {
    for (const callId of input.asked) {
      const transcript = byId.get(callId);
      tx.insert(transcriptCache)
        .values({
          workspaceId: input.workspaceId,
          callId,
          monologues: transcript ? transcript.transcript : null,
          fetchedAt: input.at,
        })
        .onConflictDoNothing()
        .run();
    }
    tx.update(run)
      .set({
        callsFetched: fetchedCount(input.runId, input.workspaceId),
        requestsUsed: sql`${run.requestsUsed} + ${input.requests}`,
        credentialVersion: input.credentialVersion ?? run.credentialVersion,
        pausedUntil: null,
        updatedAt: input.at,
      })
      .where(eq(run.id, input.runId))
      .run();
  });
}

/** Everything the analysing phase reads: the run's admitted calls and their transcripts, from the cache. */
export function loadRunData(db: Db, runId: string, workspaceId: string) {
  const rows = db
    .select({ call: callCache.data, monologues: transcriptCache.monologues, callId: runCall.callId })
    .from(runCall)
    .innerJoin(callCache, and(eq(callCache.workspaceId, workspaceId), eq(callCache.callId, runCall.callId)))
    .leftJoin(
      transcriptCache,
      and(eq(transcriptCache.workspaceId, workspaceId), eq(transcriptCache.callId, runCall.callId)),
    )
    .where(and(eq(runCall.runId, runId), admittedCall(runId, runCall.callId)))
    .orderBy(asc(runCall.callId))
    .all();
  const calls = rows.map((r) => r.call as GongExtensiveCall);
  const transcripts: GongCallTranscript[] = rows
    .filter((r) => r.monologues != null)
    .map((r) => ({ callId: r.callId, transcript: r.monologues as GongCallTranscript['transcript'] }));
  return { calls, transcripts };
}

export function countRunCalls(db: Db, runId: string): number {
  return db.select({ n: count() }).from(runCall).where(eq(runCall.runId, runId)).get()?.n ?? 0;
}
