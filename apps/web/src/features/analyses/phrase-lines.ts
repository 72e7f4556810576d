// A tracker's phrases as plain text, one per line: "phrase: synonym, synonym". Easier to type, paste and review than
// a grid of inputs; the schema still validates every phrase and synonym.

export interface PhraseInput {
  phrase: string;
  synonyms: string[];
}

/** Blank lines are skipped; the first colon separates the phrase from its comma-separated synonyms. */
export function parsePhraseLines(text: string): { phrases: PhraseInput[]; lines: number[] } {
  const phrases: PhraseInput[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const colon = raw.indexOf(':');
    const phrase = colon === -1 ? raw : raw.slice(0, colon);
    const synonyms =
      colon === -1
        ? []
        : raw
            .slice(colon + 1)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    phrases.push({ phrase: phrase.trim(), synonyms });
    lines.push(index + 1);
  });
  return { phrases, lines };
}

export function formatPhraseLines(
  phrases: ReadonlyArray<{ phrase: string; synonyms?: readonly string[] }>,
): string {
  return phrases
    .map(({ phrase, synonyms = [] }) => (synonyms.length > 0 ? `${phrase}: ${synonyms.join(', ')}` : phrase))
    .join('\n');
}
