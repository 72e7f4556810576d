import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.ts';
import { aCall, aTranscript } from '../testing/builders.ts';
import { isQuestion } from './is-question.ts';

describe('isQuestion', () => {
  it('takes a final question mark, or an interrogative opener without final punctuation', () => {
    expect(isQuestion('What is the price per seat?')).toBe(true);
    expect(isQuestion('Is that included?” ')).toBe(true);
    expect(isQuestion('价格是多少？')).toBe(true);
    expect(isQuestion('can we export our data')).toBe(true);
    expect(isQuestion('Who owns the budget on our side is still an open question.')).toBe(false);
    expect(isQuestion('Thanks, this was really helpful.')).toBe(false);
    expect(isQuestion('')).toBe(false);
  });
});

describe('customer questions', () => {
  it('groups near-duplicate wordings from external speakers and ranks by calls asking', () => {
    const result = analyze(
      {
        calls: [aCall({ id: 'c1' }), aCall({ id: 'c2' }), aCall({ id: 'c3' })],
        transcripts: [
          aTranscript('c1', [
            ['cust', 'Does it integrate with Salesforce?'],
            ['rep', 'Does it integrate with Salesforce?'],
            ['cust', 'What is the price per seat?'],
          ]),
          aTranscript('c2', [
            ['cust', 'does it INTEGRATE with salesforce'],
            ['cust', 'Do you integrate with Salesforce?', 5000],
          ]),
          aTranscript('c3', [
            ['cust', 'Is there an integration with Salesforce?'],
            ['cust', 'What is the price per seat?'],
          ]),
        ],
      },
      { analysers: ['questions'] },
    );
    expect(result.questions!.total).toBe(6);
    const [first, second] = result.questions!.groups;
    expect(first).toMatchObject({
      callCount: 3,
      askedCount: 4,
      question: 'Does it integrate with Salesforce?',
    });
    // Case and punctuation differences are one wording; "Do you" and "an integration" are other wordings of the
    // same question. (Before issue 16, "integration" and "integrate" stemmed apart and that wording stood alone.)
    expect(first!.wordings).toEqual([
      'Does it integrate with Salesforce?',
      'Do you integrate with Salesforce?',
      'Is there an integration with Salesforce?',
    ]);
    expect(first!.evidence.map((e) => [e.callId, e.sentenceIndex, e.startMs])).toEqual([
      ['c1', 0, 0],
      ['c2', 0, 0],
      ['c2', 1, 5000],
      ['c3', 0, 0],
    ]);
    expect(second).toMatchObject({ question: 'What is the price per seat?', callCount: 2, askedCount: 2 });
    expect(result.questions!.groupingRule).toMatch(/Jaccard ≥ 0.6/);
  });

  it('groups paraphrases by intent and keeps the same question about another competitor apart', () => {
    const result = analyze(
      {
        calls: [aCall({ id: 'c1' }), aCall({ id: 'c2' })],
        transcripts: [
          aTranscript('c1', [
            ['cust', 'How are you different from Salesloft?'],
            ['cust', 'Why would we pick you over Salesloft?'],
            ['cust', 'How much does a seat cost?'],
          ]),
          aTranscript('c2', [
            ['cust', 'What sets you apart from Salesloft?'],
            ['cust', 'How are you different from Clari?'],
            ['cust', 'What is the price per seat?'],
            ['cust', 'What happens to our data if we cancel?'],
          ]),
        ],
      },
      { analysers: ['questions'] },
    );
    expect(result.questions!.groups.map((g) => g.wordings)).toEqual([
      [
        'How are you different from Salesloft?',
        'What sets you apart from Salesloft?',
        'Why would we pick you over Salesloft?',
      ],
      ['How much does a seat cost?', 'What is the price per seat?'],
      ['How are you different from Clari?'],
      ['What happens to our data if we cancel?'],
    ]);
  });

  it('ignores internal and unknown speakers and returns nothing for a one-speaker call', () => {
    const result = analyze(
      {
        calls: [aCall()],
        transcripts: [
          aTranscript('c1', [
            ['rep', 'Any questions?'],
            ['ghost', 'Why?'],
          ]),
        ],
      },
      { analysers: ['questions'] },
    );
    expect(result.questions).toMatchObject({ total: 0, groups: [] });
  });
});
