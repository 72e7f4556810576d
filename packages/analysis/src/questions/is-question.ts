// A sentence is a question when it ends with a question mark (ASCII, full-width or Arabic), or when the
// transcriber left it without final punctuation and it opens like a question ("can we export our data").
// A sentence that ends with '.' or '!' is a statement even if it opens with "who" ("Who owns the budget is
// still open."), which keeps the count equal to what a reader of the transcript would call a question.
// The final mark may be followed by closing quotes or brackets, then white space.

const QUESTION_MARKS = new Set([0x3f, 0xff1f, 0x61f]); // ? ？ ؟
const OTHER_MARKS = new Set([0x2e, 0x21, 0x3002, 0xff01, 0x2026]); // . ! 。 ！ …
const CLOSERS = new Set([0x22, 0x27, 0x201d, 0x2019, 0x29, 0x5d]); // " ' ” ’ ) ]
const SPACE = /\s/;
const OPENERS = new Set(
  `what when where which who whom whose why how can could would will shall should do does did is are was were
  have has had may might am isn't aren't don't doesn't didn't can't won't wouldn't couldn't shouldn't`.split(
    /\s+/,
  ),
);

const isSpace = (code: number) =>
  code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && SPACE.test(String.fromCharCode(code)));

/** Read from the end (no regex over the whole sentence): it runs on every customer and rep sentence. */
export function isQuestion(text: string): boolean {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  while (end > 0 && CLOSERS.has(text.charCodeAt(end - 1))) end--;
  const last = end > 0 ? text.charCodeAt(end - 1) : -1;
  if (QUESTION_MARKS.has(last)) return true;
  if (OTHER_MARKS.has(last)) return false;
  const first = text
    .trim()
    .toLowerCase()
    .match(/^[\p{L}']+/u)?.[0];
  return first !== undefined && OPENERS.has(first);
}
