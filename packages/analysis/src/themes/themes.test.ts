import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { aCall, aTranscript } from '../testing/builders.ts';
import { phrasesOf } from './candidates.ts';

describe('theme candidates', () => {
  it('are 1–3 word runs without stop words, filler, time words or numbers', () => {
    expect(phrasesOf('The security review takes 3 weeks, honestly, good.')).toEqual([
      'security',
      'security review',
      'review',
    ]);
    expect(phrasesOf('Sounds good, thanks, fine, see you next year.')).toEqual([]);
    expect(phrasesOf('🙂 价格 Ça coûte')).toEqual([
      '价格',
      '价格 ça',
      '价格 ça coûte',
      'ça',
      'ça coûte',
      'coûte',
    ]);
  });
});

const customer = (callId: string, lines: string[]) =>
  aTranscript(
    callId,
    lines.map((text) => ['cust', text] as [string, string]),
  );

describe('themes', () => {
  it('keeps noun phrases, merges fragments of one wording and ranks against the other calls', () => {
    const calls = ['c1', 'c2', 'c3', 'c4'].map((id) => aCall({ id }));
    const result = analyze(
      {
        calls,
        transcripts: [
          customer('c1', [
            'Leadership wants better visibility into the pipeline.',
            'The renewal discount is painful.',
            'Sounds good.',
          ]),
          customer('c2', [
            'Leadership wants better visibility into the pipeline.',
            'Our renewal discount again, every week.',
            'Sounds good.',
          ]),
          customer('c3', ['Leadership wants better visibility into the pipeline.', 'Sounds good.']),
          customer('c4', ['Sounds good, thanks.']),
        ],
      },
      { analysers: ['themes'], topN: 5 },
    );
    const themes = result.themes!.themes;
    const phrases = themes.map((t) => t.phrase);
    // One theme for the recurring sentence, shown as the stretch that holds its noun phrases; no filler at all.
    expect(phrases).toEqual(['leadership wants better visibility into the pipeline', 'renewal discount']);
    expect(phrases.some((p) => /\b(sounds|good|week|thanks)\b/.test(p))).toBe(false);
    const visibility = themes[0]!;
    expect(visibility).toMatchObject({ count: 3, callCount: 3 });
    expect(visibility.variants).toEqual(expect.arrayContaining(['leadership', 'visibility', 'pipeline']));
    expect(visibility.evidence.map((e) => [e.callId, e.sentenceIndex])).toEqual([
      ['c1', 0],
      ['c2', 0],
      ['c3', 0],
    ]);
    expect(result.themes!.method).toMatch(/noun phrases/i);
    expect(result.themes!.emerging).toBeUndefined();
  });

  it('counts plural and singular as one lemma and marks what rose against the previous period', () => {
    const now = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => aCall({ id }));
    const before = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) => aCall({ id }));
    const result = analyze(
      {
        calls: now,
        transcripts: now.map((c, i) =>
          customer(c.id, [
            i % 2 === 0 ? 'We need audit logs for compliance.' : 'Is there an audit log for admins?',
            'Our CRM is a mess.',
          ]),
        ),
        previous: {
          calls: before,
          transcripts: before.map((c) => customer(c.id, ['Our CRM is a mess.'])),
        },
      },
      { analysers: ['themes'] },
    );
    const themes = result.themes!;
    const audit = themes.themes.find((t) => t.phrase === 'audit log');
    expect(audit).toMatchObject({ count: 6, callCount: 6, emerging: true, previousRatePerThousand: 0 });
    expect(audit!.variants).toContain('audit logs');
    expect(themes.emerging!.map((t) => t.phrase)).toEqual(['audit log']);
    // Said as often before: ranked below the new topic and not emerging.
    const crm = themes.themes.find((t) => t.phrase === 'CRM is a mess')!;
    expect(crm).toMatchObject({ count: 6, emerging: false });
    expect(themes.themes.indexOf(crm)).toBeGreaterThan(themes.themes.indexOf(audit!));
  });

  it('is empty for calls without customers', () => {
    const result = analyze(
      { calls: [aCall()], transcripts: [aTranscript('c1', [['rep', 'Pipeline pipeline pipeline.']])] },
      { analysers: ['themes'] },
    );
    expect(result.themes).toMatchObject({ customerWords: 0, themes: [] });
  });
});
