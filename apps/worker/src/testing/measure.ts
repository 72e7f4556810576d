// What the run tests measure: the stored result as one digest, and the busiest second of requests.
import { createHash } from 'node:crypto';
import type { TestWorker } from './test-worker.ts';

/** Everything a run stored, as one digest: the cached transcripts and the run's call list. */
export function storedDigest(w: TestWorker, runId: string) {
  const transcripts = w.database.sqlite
    .prepare('select call_id, monologues from gong_transcript_cache order by call_id')
    .all();
  const calls = w.database.sqlite
    .prepare('select call_id from analysis_run_call where run_id = ? order by call_id')
    .all(runId);
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
