import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { aCall, aTranscript } from '../testing/builders.ts';

const pricing = {
  name: 'Pricing',
  phrases: [{ phrase: 'price', synonyms: ['cost'] }, { phrase: 'discount' }],
};
const settings = { analysers: ['trackers' as const], trackers: [pricing] };

describe('tracker results', () => {
  it('counts by side, call, rep and ISO week with evidence at the sentence', () => {
    const result = analyze(
      {
        calls: [
          aCall({ id: 'c1', started: '2026-11-23T09:00:00Z' }),
          aCall({ id: 'c2', started: '2026-11-30T09:00:00Z', primaryUserId: 'u-other' }),
          aCall({ id: 'c3' }),
        ],
        transcripts: [
          aTranscript('c1', [
            ['rep', 'Our price is per seat.'],
            ['cust', 'What does it COST? And the price, again?'],
            ['rep', 'No discount, sorry.'],
          ]),
          aTranscript('c2', [['cust', 'Any discount?', 4200]]),
          aTranscript('c3', [['rep', 'Nothing about money here.']]),
        ],
      },
      settings,
    );
    const [tracker] = result.trackers!;
    expect(tracker).toMatchObject({
      name: 'Pricing',
      mentions: 5,
      bySide: { internal: 2, external: 3, unknown: 0 },
      callsMentioning: 2,
      shareOfCalls: 2 / 3,
      byCall: { c1: 4, c2: 1 },
      byRep: { 'u-other': 1, 'u-rep': 4 },
      byWeek: { '2026-W48': 4, '2026-W49': 1 },
    });
    expect(tracker!.phrases).toEqual([
      { phrase: 'price', mentions: 3, bySide: { internal: 1, external: 2, unknown: 0 }, callsMentioning: 1 },
      {
        phrase: 'discount',
        mentions: 2,
        bySide: { internal: 1, external: 1, unknown: 0 },
        callsMentioning: 2,
      },
    ]);
    // One piece of evidence per sentence, even when the sentence holds two mentions.
    expect(tracker!.evidence.map((e) => [e.callId, e.speakerId, e.side, e.sentenceIndex, e.startMs])).toEqual(
      [
        ['c1', 'rep', 'internal', 0, 0],
        ['c1', 'cust', 'external', 1, 1000],
        ['c1', 'rep', 'internal', 2, 2000],
        ['c2', 'cust', 'external', 0, 4200],
      ],
    );
    expect(tracker!.evidence[1]!.text).toBe('What does it COST? And the price, again?');
  });

  it('keeps counts exact when evidence is capped', () => {
    const lines = Array.from({ length: 30 }, (_, i) => ['cust', `price number ${i}`] as [string, string]);
    const result = analyze(
      { calls: [aCall()], transcripts: [aTranscript('c1', lines)] },
      { ...settings, evidenceLimit: 5 },
    );
    expect(result.trackers![0]!.mentions).toBe(30);
    expect(result.trackers![0]!.evidence.map((e) => e.sentenceIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('copes with empty calls, one-speaker calls and speakers missing from the parties', () => {
    const result = analyze(
      {
        calls: [aCall({ id: 'empty' }), aCall({ id: 'solo', parties: [] }), aCall({ id: 'untranscribed' })],
        transcripts: [{ callId: 'empty', transcript: [] }, aTranscript('solo', [['x', 'price price']])],
      },
      settings,
    );
    expect(result.calls).toEqual({ total: 3, withTranscript: 2, sentences: 1 });
    expect(result.trackers![0]).toMatchObject({
      mentions: 2,
      bySide: { internal: 0, external: 0, unknown: 2 },
      callsMentioning: 1,
      shareOfCalls: 0.5,
    });
  });

  it('returns a zeroed result per tracker when nothing matches, and none when no trackers are set', () => {
    const input = {
      calls: [aCall()],
      transcripts: [aTranscript('c1', [['cust', '价格太高了 🙂 Ça coûte cher.']])],
    };
    expect(analyze(input, settings).trackers![0]).toMatchObject({
      mentions: 0,
      callsMentioning: 0,
      evidence: [],
    });
    expect(analyze(input, { analysers: ['trackers'] }).trackers).toEqual([]);
  });
});
