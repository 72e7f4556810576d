import { analysisResult, reportCall } from '@callmine/contracts';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { aCall, aTranscript } from './testing/builders.ts';

// Reports are immutable rows: a result stored before deal context, theme variants and the stated rules existed must
// still parse with today's schema.
describe('stored reports from before issue 16', () => {
  it('parse without deal slices, theme variants, emerging themes or the stated rules', () => {
    const result = analyze(
      {
        calls: [aCall({ id: 'c1', deal: null })],
        transcripts: [aTranscript('c1', [['cust', 'What is the price per seat?']])],
      },
      { trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price' }] }] },
    );
    const { deals: _, ...rest } = result;
    const old = JSON.parse(
      JSON.stringify({
        ...rest,
        trackers: rest.trackers!.map(({ byDeal: __, ...t }) => t),
        questions: {
          total: rest.questions!.total,
          groups: rest.questions!.groups.map(({ byDeal: ___, ...g }) => g),
        },
        themes: {
          customerWords: rest.themes!.customerWords,
          themes: rest.themes!.themes.map(({ variants: ____, emerging: _____, ...t }) => t),
        },
      }),
    );
    expect(analysisResult.parse(old)).toEqual(old);
    const call = {
      id: 'c1',
      title: 'Demo',
      url: '',
      started: '2026-11-01T10:00:00Z',
      durationSeconds: 60,
      repId: 'u1',
    };
    expect(reportCall.parse(call)).toEqual(call);
  });
});
