import { describe, expect, it } from 'vitest';
import { TrackerMatcher } from './matcher.ts';

const tracker = (name: string, ...phrases: (string | [string, string[]])[]) => ({
  name,
  phrases: phrases.map((p) =>
    typeof p === 'string' ? { phrase: p, synonyms: [] } : { phrase: p[0], synonyms: p[1] },
  ),
});

describe('TrackerMatcher', () => {
  it('matches case-insensitively on word boundaries, next to punctuation', () => {
    const m = new TrackerMatcher([tracker('Pricing', 'price')]);
    expect(m.matchSentence('PRICE, price. Price? (price) "price"!')).toHaveLength(5);
    expect(m.matchSentence('prices, pricing, overpriced, price_list, price2')).toHaveLength(0);
    expect(m.matchSentence("the price's fine, price-sensitive")).toHaveLength(2);
  });

  it('takes the longest phrase at each position within one tracker, never overlapping', () => {
    const m = new TrackerMatcher([tracker('Next steps', 'next', 'next steps', 'steps', 'steps forward')]);
    // "next steps" wins at 0; "steps forward" then starts inside it, so only "steps forward" at the second "steps".
    const found = m.matchSentence('Next steps: two steps forward.');
    expect(found).toEqual([
      { tracker: 0, phrase: 1 },
      { tracker: 0, phrase: 3 },
    ]);
  });

  it('counts each tracker independently when their phrases overlap', () => {
    const m = new TrackerMatcher([
      tracker('A', 'security review'),
      tracker('B', 'review'),
      tracker('C', 'security'),
    ]);
    expect(m.matchSentence('The security review is done.')).toEqual([
      { tracker: 0, phrase: 0 },
      { tracker: 1, phrase: 0 },
      { tracker: 2, phrase: 0 },
    ]);
  });

  it('credits a synonym to its phrase', () => {
    const m = new TrackerMatcher([tracker('Pricing', ['price', ['cost', 'how much']])]);
    expect(m.matchSentence('How much does it cost?')).toEqual([
      { tracker: 0, phrase: 0 },
      { tracker: 0, phrase: 0 },
    ]);
  });

  it('handles accents, other scripts and emoji', () => {
    const m = new TrackerMatcher([tracker('Words', 'café', 'Ünïcode', 'preis', '价格', 'price')]);
    expect(m.matchSentence('Le CAFÉ est bon, cafés non.')).toHaveLength(1);
    expect(m.matchSentence('ünïcode everywhere')).toHaveLength(1);
    // An accented letter is a word character: "preisé" is one word, not "preis" + "é".
    expect(m.matchSentence('preisé')).toHaveLength(0);
    // CJK phrase delimited by spaces or punctuation is found; emoji next to a word is not part of it.
    expect(m.matchSentence('价格 ？ price🙂 🙂🙂')).toHaveLength(2);
    expect(m.matchSentence('')).toHaveLength(0);
    expect(m.matchSentence('🙂'.repeat(50))).toHaveLength(0);
  });

  it('lower-cases whole sentences whose case folding needs context (İ, Σ)', () => {
    const m = new TrackerMatcher([tracker('Places', 'İstanbul', 'price', 'σοφία')]);
    expect(m.matchSentence('Flights to İSTANBUL and İstanbul.')).toHaveLength(2);
    expect(m.matchSentence('ΣΑΣ price, ΣΟΦΊΑ... σοφία')).toHaveLength(3);
  });

  it('matches phrases that begin or end with punctuation without asking for a boundary there', () => {
    const m = new TrackerMatcher([tracker('Tech', 'C++', '.NET')]);
    expect(m.matchSentence('We use C++ and ASP.NET, plus c++.')).toHaveLength(3);
  });

  it('treats a phrase with several spaces as single-spaced', () => {
    const m = new TrackerMatcher([tracker('Next', '  next   step ')]);
    expect(m.matchSentence('The next step is a trial.')).toHaveLength(1);
  });
});
