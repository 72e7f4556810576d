import type { AnalysisCall, AnalysisTranscript } from '@callmine/contracts';

// Builders for hand-written calls: a rep (speaker "rep", user "u-rep") and a customer (speaker "cust").

export function aCall(overrides: Partial<AnalysisCall> = {}): AnalysisCall {
  return {
    id: 'c1',
    title: 'Discovery',
    url: 'https://app.gong.io/call?id=c1',
    started: '2026-11-25T10:00:00Z',
    duration: 600,
    primaryUserId: 'u-rep',
    parties: [
      { speakerId: 'rep', affiliation: 'Internal', name: 'Rita Rep', userId: 'u-rep' },
      { speakerId: 'cust', affiliation: 'External', name: 'Carl Customer' },
    ],
    ...overrides,
  };
}

/** Lines as [speakerId, text, startMs?]; each sentence lasts 1 s unless the next starts earlier; a new monologue starts when the speaker changes. */
export function aTranscript(callId: string, lines: [string, string, number?][]): AnalysisTranscript {
  const transcript: AnalysisTranscript['transcript'] = [];
  lines.forEach(([speakerId, text, at], index) => {
    const start = at ?? index * 1000;
    const sentence = { start, end: start + 1000, text };
    const last = transcript.at(-1);
    if (last && last.speakerId === speakerId) last.sentences.push(sentence);
    else transcript.push({ speakerId, topic: null, sentences: [sentence] });
  });
  return { callId, transcript };
}
