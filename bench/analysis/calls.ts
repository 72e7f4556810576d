// Transcript-shaped input for timing the whole analyze(): calls of 40–80 sentences, rep and customer taking turns,
// sentences built from English frames (function words, questions, small talk, filler) around made-up content words
// and the trackers' phrases, so the tagger, the question rule and the themes see speech-like text whose phrases
// are not all the same (as they would be if we replayed the sandbox's templates).
import type { AnalysisCall, AnalysisTranscript } from '@callmine/contracts';

const FRAMES = [
  'We need the {n} {n} before the end of the {n}.',
  'Honestly, the {a} {n} is a big deal for our {n} team.',
  'Can you show me how the {n} works with {n}?',
  'Sounds good, thanks for walking us through it.',
  'What does the {n} cost per {n}?',
  'Our {n} spends hours every week on {n} by hand.',
  'How are you different from {n}?',
  'I think the {n} {n} would help our {n} a lot, you know.',
  'Yeah, that makes sense.',
  'Is there a way to export the {n} to our {n}?',
  'Last year we tried {n} and it stalled.',
  'So, um, where would the {a} {n} sit for us?',
  'Let me share my screen and show you the {n}.',
  'Our leadership wants better {n} into the {n}.',
  'The {n} {n} came up again with {n} yesterday.',
  'Who else should be in the {n} review?',
];

export function benchCalls(
  random: () => number,
  words: readonly string[],
  phrases: readonly string[],
  targetBytes: number,
): { calls: AnalysisCall[]; transcripts: AnalysisTranscript[]; bytes: number } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const calls: AnalysisCall[] = [];
  const transcripts: AnalysisTranscript[] = [];
  let bytes = 0;
  for (let c = 0; bytes < targetBytes; c++) {
    const id = `call-${c}`;
    const rep = `u-${c % 20}`;
    calls.push({
      id,
      title: `Call ${c}`,
      url: `https://app.gong.io/call?id=${id}`,
      started: new Date(Date.UTC(2026, 8, 1) + c * 3_600_000).toISOString(),
      duration: 1800,
      primaryUserId: rep,
      parties: [
        { speakerId: 'rep', affiliation: 'Internal', name: 'Rep', userId: rep },
        { speakerId: 'cust', affiliation: 'External', name: 'Customer' },
      ],
      deal: null,
    });
    const transcript: AnalysisTranscript['transcript'] = [];
    const sentences = 40 + Math.floor(random() * 41);
    let at = 0;
    for (let s = 0; s < sentences; s++) {
      const text = pick(FRAMES).replace(/\{[na]\}/g, () => (random() < 0.03 ? pick(phrases) : pick(words)));
      const speakerId = s % 3 === 2 ? 'rep' : 'cust';
      const sentence = { start: at, end: at + 4000, text };
      at += 4500;
      const last = transcript.at(-1);
      if (last && last.speakerId === speakerId) last.sentences.push(sentence);
      else transcript.push({ speakerId, topic: null, sentences: [sentence] });
      bytes += Buffer.byteLength(text, 'utf8');
    }
    transcripts.push({ callId: id, transcript });
  }
  return { calls, transcripts, bytes };
}
