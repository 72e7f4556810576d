// Names in the report view (rep names in the filter, a table's text columns) in English alphabetical order. A page's
// first localeCompare loads ICU's collation data: 10–70 ms of the report's first draw on a busy machine, for a
// handful of rep names. Plain names (letters, digits, spaces) are ordered here exactly as the English collation
// orders them; any other text is left to it.

const PLAIN = /^[A-Za-z0-9 ]*$/;

/** As a.localeCompare(b, 'en'), without loading ICU for plain names. */
export function compareText(a: string, b: string): number {
  if (!PLAIN.test(a) || !PLAIN.test(b)) return a.localeCompare(b, 'en');
  // The collation's first level: space, then digits, then letters whatever their case, character by character.
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  // Its third level: at the first letter that differs only in case, the lower-case one comes first.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] === lowerA[i] ? -1 : 1;
  return 0;
}
