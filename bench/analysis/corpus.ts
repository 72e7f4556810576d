// Deterministic transcript-like text for the benchmark: a seeded PRNG, a vocabulary of made-up words plus
// the trackers' phrases sprinkled in, sentences of 6–20 words with punctuation, a few accented words.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'ri',
  'men',
  'sa',
  'to',
  'vel',
  'qu',
  'an',
  'dé',
  'por',
  'tis',
  'ex',
  'ul',
  'ni',
  'ga',
];

export function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    // Up to 4 syllables: 16 + 16² + 16³ + 16⁴ words exist, so any size up to ~69,000 terminates.
    const n = 1 + Math.floor(random() * 4);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** 100 trackers of 5 phrases (1–3 words each) drawn from their own word list. */
export function benchTrackers(random: () => number, words: string[]) {
  return Array.from({ length: 100 }, (_, t) => ({
    name: `Tracker ${t}`,
    phrases: Array.from({ length: 5 }, () => {
      const n = 1 + Math.floor(random() * 3);
      const phrase = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]!).join(' ');
      return { phrase, synonyms: [] as string[] };
    }),
  }));
}

/** Sentences until `targetBytes` (UTF-8) is reached; ~2% of words are tracker phrases. */
export function benchSentences(
  random: () => number,
  words: string[],
  phrases: string[],
  targetBytes: number,
): { sentences: string[]; bytes: number } {
  const sentences: string[] = [];
  let bytes = 0;
  const ends = ['.', '.', '.', '?', '!', '...'];
  while (bytes < targetBytes) {
    const n = 6 + Math.floor(random() * 15);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = random();
      let word =
        r < 0.02
          ? phrases[Math.floor(random() * phrases.length)]!
          : words[Math.floor(random() * words.length)]!;
      if (i === 0 || random() < 0.05) word = word.charAt(0).toUpperCase() + word.slice(1);
      parts.push(random() < 0.08 ? `${word},` : word);
    }
    const sentence = parts.join(' ') + ends[Math.floor(random() * ends.length)];
    sentences.push(sentence);
    bytes += Buffer.byteLength(sentence, 'utf8');
  }
  return { sentences, bytes };
}
