import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { aCall, aTranscript } from '../testing/builders.ts';
import { phrasesOf } from './phrases.ts';

describe('phrasesOf', () => {
  it('yields 1–3 word runs without stop words or numbers', () => {
    expect(phrasesOf('The security review takes 3 weeks, honestly.').phrases).toEqual([
      'security',
      'security review',
      'security review takes',
      'review',
      'review takes',
      'takes',
      'weeks',
      'weeks honestly',
      'honestly',
    ]);
    expect(phrasesOf('🙂 价格 Ça coûte').phrases).toEqual([
      '价格',
      '价格 ça',
      '价格 ça coûte',
      'ça',
      'ça coûte',
      'coûte',
    ]);
    expect(phrasesOf('').wordCount).toBe(0);
  });
});

describe('themes', () => {
  it('ranks customer phrases by TF-IDF over calls and compares with the previous period', () => {
    const calls = [aCall({ id: 'c1' }), aCall({ id: 'c2' }), aCall({ id: 'c3' })];
    const result = analyze(
      {
        calls,
        transcripts: [
          aTranscript('c1', [
            ['cust', 'Manual reporting is painful.'],
            ['cust', 'Manual reporting again.'],
            ['rep', 'Manual reporting manual reporting manual reporting.'],
            ['cust', 'Sounds good.'],
          ]),
          aTranscript('c2', [['cust', 'Sounds good.']]),
          aTranscript('c3', [['cust', 'Sounds good.']]),
        ],
        previous: {
          calls: [aCall({ id: 'p1' })],
          transcripts: [aTranscript('p1', [['cust', 'Manual reporting hurts.']])],
        },
      },
      { analysers: ['themes'], topN: 3 },
    );
    const themes = result.themes!;
    expect(themes.customerWords).toBe(13);
    expect(themes.themes.map((t) => [t.phrase, t.count, t.callCount])).toEqual([
      ['manual', 2, 1],
      ['manual reporting', 2, 1],
      ['reporting', 2, 1],
    ]);
    // "sounds good" is said 3 times but in every call, so it weighs less than "manual reporting".
    expect(themes.themes[1]!.score).toBeCloseTo(2 * Math.log(4), 3);
    expect(themes.themes[1]!.ratePerThousand).toBeCloseTo((2 * 1000) / 13, 6);
    expect(themes.themes[1]!.previousRatePerThousand).toBeCloseTo(1000 / 3, 6);
    expect(themes.themes[1]!.evidence.map((e) => [e.callId, e.sentenceIndex])).toEqual([
      ['c1', 0],
      ['c1', 1],
    ]);
  });

  it('is empty for calls without customers', () => {
    const result = analyze(
      { calls: [aCall()], transcripts: [aTranscript('c1', [['rep', 'Pipeline pipeline pipeline.']])] },
      { analysers: ['themes'] },
    );
    expect(result.themes).toEqual({ customerWords: 0, themes: [] });
  });
});
