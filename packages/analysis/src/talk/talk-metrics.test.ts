import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { aCall, aTranscript } from '../testing/builders.ts';
import { TALK_METRIC_EXPLANATIONS } from './explanations.ts';

describe('talk metrics', () => {
  it('computes ratio, longest stretches, switches per minute and questions per hour from timings', () => {
    const result = analyze(
      {
        calls: [aCall({ duration: 120 })],
        transcripts: [
          aTranscript('c1', [
            ['rep', 'Hello there.', 0],
            ['rep', 'How are things?', 1000],
            ['cust', 'Good.', 3000],
            ['cust', 'We have a long story.', 4000],
            ['cust', 'It goes on.', 5000],
            ['rep', 'What happened next?', 7000],
          ]),
        ],
      },
      { analysers: ['talk'] },
    );
    expect(result.talk).toEqual([
      {
        repId: 'u-rep',
        calls: 1,
        talkRatio: 0.5,
        longestMonologueMs: 2000,
        longestCustomerStoryMs: 3000,
        interactivity: 1,
        questionRate: 60,
        longestMonologue: {
          callId: 'c1',
          speakerId: 'rep',
          side: 'internal',
          sentenceIndex: 0,
          startMs: 0,
          text: 'Hello there.',
        },
        longestCustomerStory: {
          callId: 'c1',
          speakerId: 'cust',
          side: 'external',
          sentenceIndex: 2,
          startMs: 3000,
          text: 'Good.',
        },
      },
    ]);
  });

  it('reports a one-speaker call as all rep and an empty call without dividing by zero', () => {
    const result = analyze(
      {
        calls: [
          aCall({ id: 'solo', duration: 60 }),
          aCall({ id: 'empty', primaryUserId: 'u-2', duration: 0 }),
        ],
        transcripts: [aTranscript('solo', [['rep', 'Just me.']]), { callId: 'empty', transcript: [] }],
      },
      { analysers: ['talk'] },
    );
    expect(
      result.talk!.map((r) => [r.repId, r.talkRatio, r.interactivity, r.longestCustomerStoryMs]),
    ).toEqual([
      ['u-2', null, null, 0],
      ['u-rep', 1, 0, 0],
    ]);
  });

  it('explains every metric it reports', () => {
    expect(Object.keys(TALK_METRIC_EXPLANATIONS).sort()).toEqual([
      'interactivity',
      'longestCustomerStory',
      'longestMonologue',
      'questionRate',
      'talkRatio',
    ]);
  });
});
