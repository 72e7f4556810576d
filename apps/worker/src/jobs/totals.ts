import type { RunTotals } from '@callmine/contracts';
import type { GongCallTranscript, GongExtensiveCall } from '@callmine/gong';

// The analysing phase's seam: `analyze(transcripts, calls)` gets the run's cached data and returns what to store.
// Until the analysers (packages/analysis) plug in, Callmine stores these totals, which the Runs page shows.

export type Analyze = (
  transcripts: readonly GongCallTranscript[],
  calls: readonly GongExtensiveCall[],
) => RunTotals;

export const computeTotals: Analyze = (transcripts, calls) => {
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
};
