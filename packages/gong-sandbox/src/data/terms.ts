// The phrases the ground truth counts. Tests and the analyser compare against these exact words, matched
// case-insensitively as whole words; templates avoid near-misses such as "prices" or "pricing".

export const COMPETITORS = ['Chorus', 'Clari', 'Salesloft', 'Outreach'] as const;
export const PRICING_TERMS = ['price', 'discount', 'budget'] as const;
export const TRACKED_TERMS: readonly string[] = [...COMPETITORS, ...PRICING_TERMS];

const TERM_PATTERNS = TRACKED_TERMS.map((term) => ({ term, pattern: new RegExp(`\\b${term}\\b`, 'gi') }));

/** Occurrences of each tracked term in a text (whole words, any case). */
export function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { term, pattern } of TERM_PATTERNS) {
    const found = text.match(pattern)?.length ?? 0;
    if (found > 0) counts.set(term, found);
  }
  return counts;
}
