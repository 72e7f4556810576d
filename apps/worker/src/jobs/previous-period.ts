import type { RunSelection } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import type { GongCallTranscript, GongExtensiveCall } from '@callmine/gong';
import { and, asc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { matchesSelection, selectionRange } from './select-calls.ts';

// Themes compare this period with the previous one of the same length. That comparison uses only what the
// workspace's Gong cache already holds (calls and transcripts fetched by earlier runs, e.g. last week's scheduled
// run): a report must not spend Gong requests on a side figure. How many calls it found is kept with the report,
// so the reader can tell "compared with 212 calls" from "no previous period in the cache".

export interface PreviousPeriod {
  /** First and last day (UTC) of the previous period. */
  from: string;
  to: string;
  calls: GongExtensiveCall[];
  transcripts: GongCallTranscript[];
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** The window of the same length just before the selection's: [from − length, from). */
export function previousRange(selection: RunSelection): { from: Date; to: Date } {
  const range = selectionRange(selection);
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from };
}

/** Cached calls of the previous period that pass the selection's filters and have a cached transcript. */
export async function loadPreviousPeriod(
  db: Db,
  workspaceId: string,
  selection: RunSelection,
): Promise<PreviousPeriod> {
  const { gongCallCache: callCache, gongTranscriptCache: transcriptCache } = db.tables;
  const range = previousRange(selection);
  const rows = (
    await db
      .select({ call: callCache.data, monologues: transcriptCache.monologues, callId: callCache.callId })
      .from(callCache)
      .innerJoin(
        transcriptCache,
        and(
          eq(transcriptCache.workspaceId, callCache.workspaceId),
          eq(transcriptCache.callId, callCache.callId),
        ),
      )
      .where(
        and(
          eq(callCache.workspaceId, workspaceId),
          gte(callCache.started, range.from),
          lt(callCache.started, range.to),
          isNotNull(transcriptCache.monologues),
        ),
      )
      .orderBy(asc(callCache.callId))
  ).filter((r) => matchesSelection(r.call as GongExtensiveCall, selection));
  return {
    from: day(range.from),
    // The range ends exclusively; its last day is the one before.
    to: day(new Date(range.to.getTime() - 1)),
    calls: rows.map((r) => r.call as GongExtensiveCall),
    transcripts: rows.map((r) => ({
      callId: r.callId,
      transcript: r.monologues as GongCallTranscript['transcript'],
    })),
  };
}
