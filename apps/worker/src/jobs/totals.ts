import type { RunTotals } from '@callmine/contracts';
import type { GongCallTranscript, GongExtensiveCall } from '@callmine/gong';

// The Runs page's totals for a finished run (calls, transcripts, minutes, sentences by side), computed from the
// run's cached data alongside its report.

export function computeTotals(
  transcripts: readonly GongCallTranscript[],
  calls: readonly GongExtensiveCall[],
): RunTotals {
  let sentencesInternal = 0;
  let sentencesExternal = 0;
  const byId = new Map(calls.map((call) => [call.metaData.id, call]));
  for (const transcript of transcripts) {
    const parties = byId.get(transcript.callId)?.parties ?? [];
    const affiliation = new Map(parties.map((p) => [p.speakerId, p.affiliation]));
    for (const monologue of transcript.transcript) {
      const who = affiliation.get(monologue.speakerId);
      if (who === 'Internal') sentencesInternal += monologue.sentences.length;
      else if (who === 'External') sentencesExternal += monologue.sentences.length;
    }
  }
  return {
    callsAnalyzed: calls.length,
    transcripts: transcripts.length,
    durationSeconds: calls.reduce((sum, call) => sum + Math.round(call.metaData.duration ?? 0), 0),
    sentencesInternal,
    sentencesExternal,
  };
}
