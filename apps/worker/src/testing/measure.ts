// What the run tests measure: the stored result as one digest, and the busiest second of requests.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TestWorker } from './test-worker.ts';

/** Everything a run stored, as one digest: the cached transcripts and the run's call list. Read through the data
 *  layer (either dialect) and sorted here, so row order does not matter; compare digests of one dialect. */
export async function storedDigest(w: TestWorker, runId: string): Promise<string> {
  const { db } = w.database;
  const { gongTranscriptCache: cache, analysisRunCall: runCall } = db.tables;
  const byCall = (a: { callId: string }, b: { callId: string }) =>
    a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
  const transcripts = (
    await db.select({ callId: cache.callId, monologues: cache.monologues }).from(cache)
  ).sort(byCall);
  const calls = (
    await db.select({ callId: runCall.callId }).from(runCall).where(eq(runCall.runId, runId))
  ).sort(byCall);
  return createHash('sha256').update(JSON.stringify({ transcripts, calls })).digest('hex');
}

/** The most requests that arrived in any one-second window. */
export function busiestSecond(times: number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= 1000) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
