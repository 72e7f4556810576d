import type { AnalysisCall, AnalysisCorpus, Side } from '@callmine/contracts';

// Joins calls to transcripts and speakers to parties once, so every analyser walks the same sentences with
// the same numbering (sentenceIndex counts all sentences of the call in transcript order).

export interface SpokenSentence {
  speakerId: string;
  side: Side;
  /** Index of the monologue the sentence belongs to. */
  monologue: number;
  sentenceIndex: number;
  start: number;
  end: number;
  text: string;
}

export interface Conversation {
  call: AnalysisCall;
  sentences: SpokenSentence[];
  /** The speaker ids that belong to the call's rep (parties whose userId is the primary user). */
  repSpeakers: ReadonlySet<string>;
}

function sideOf(affiliation: string | undefined): Side {
  if (affiliation === 'Internal') return 'internal';
  if (affiliation === 'External') return 'external';
  return 'unknown';
}

/**
 * Calls that have a transcript, in the calls' order. A transcript whose call is missing from `calls` is
 * skipped: without the call we know neither rep nor date nor URL to link the evidence to.
 */
export function conversationsOf(corpus: AnalysisCorpus): Conversation[] {
  const transcripts = new Map(corpus.transcripts.map((t) => [t.callId, t.transcript]));
  const conversations: Conversation[] = [];
  for (const call of corpus.calls) {
    const monologues = transcripts.get(call.id);
    if (!monologues) continue;
    const affiliationOf = new Map<string, string>();
    const repSpeakers = new Set<string>();
    for (const party of call.parties) {
      if (party.speakerId === null) continue;
      affiliationOf.set(party.speakerId, party.affiliation);
      if (party.userId !== undefined && party.userId === call.primaryUserId) repSpeakers.add(party.speakerId);
    }
    const sentences: SpokenSentence[] = [];
    monologues.forEach((monologue, index) => {
      const side = sideOf(affiliationOf.get(monologue.speakerId));
      for (const sentence of monologue.sentences) {
        sentences.push({
          speakerId: monologue.speakerId,
          side,
          monologue: index,
          sentenceIndex: sentences.length,
          start: sentence.start,
          end: sentence.end,
          text: sentence.text,
        });
      }
    });
    conversations.push({ call, sentences, repSpeakers });
  }
  return conversations;
}

export function evidenceOf(call: AnalysisCall, sentence: SpokenSentence) {
  return {
    callId: call.id,
    speakerId: sentence.speakerId,
    side: sentence.side,
    sentenceIndex: sentence.sentenceIndex,
    startMs: sentence.start,
    text: sentence.text,
  };
}
