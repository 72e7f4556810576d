import type { AnalysisCall, AnalysisCorpus, Evidence, Side } from '@callmine/contracts';

// Joins calls to transcripts and speakers to parties once, so every analyser walks the same sentences with
// the same numbering (sentenceIndex counts all sentences of the call in transcript order).

/**
 * One call and its sentences, numbered in transcript order (the number is the evidence's `sentenceIndex`). The
 * sentences are kept column by column, not as an object each: every analyser walks them, and an object per
 * sentence that lives as long as the run was most of the garbage collector's work.
 */
export interface Conversation {
  call: AnalysisCall;
  texts: string[];
  speakers: string[];
  sides: Side[];
  /** Milliseconds from the call's start. */
  starts: number[];
  ends: number[];
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
    const conversation: Conversation = {
      call,
      texts: [],
      speakers: [],
      sides: [],
      starts: [],
      ends: [],
      repSpeakers,
    };
    for (const monologue of monologues) {
      const side = sideOf(affiliationOf.get(monologue.speakerId));
      for (const sentence of monologue.sentences) {
        conversation.texts.push(sentence.text);
        conversation.speakers.push(monologue.speakerId);
        conversation.sides.push(side);
        conversation.starts.push(sentence.start);
        conversation.ends.push(sentence.end);
      }
    }
    conversations.push(conversation);
  }
  return conversations;
}

/** Sentence `i` of the conversation as evidence. */
export function evidenceOf(conversation: Conversation, i: number): Evidence {
  return {
    callId: conversation.call.id,
    speakerId: conversation.speakers[i]!,
    side: conversation.sides[i]!,
    sentenceIndex: i,
    startMs: conversation.starts[i]!,
    text: conversation.texts[i]!,
  };
}
