// One lookup table for "is this UTF-16 code unit part of a word": letters, digits and combining marks of any
// script, plus '_' (as \w). Built once so the tracker loop costs one array read per boundary check.
// Surrogate halves count as non-word: astral characters are mostly emoji, and "price🙂" should still match.

const WORD = /[\p{L}\p{N}\p{M}_]/u;

export const WORD_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (WORD.test(String.fromCharCode(code))) table[code] = 1;
  }
  return table;
})();

export function isWordCharAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && WORD_CHAR[text.charCodeAt(index)] === 1;
}

/** Case folding used by every analyser. toLowerCase keeps the code unit count for almost all text. */
export function fold(text: string): string {
  return text.toLowerCase();
}
