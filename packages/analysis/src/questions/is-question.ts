// A sentence is a question when it ends with a question mark (ASCII, full-width or Arabic), or when the
// transcriber left it without final punctuation and it opens like a question ("can we export our data").
// A sentence that ends with '.' or '!' is a statement even if it opens with "who" ("Who owns the budget is
// still open."), which keeps the count equal to what a reader of the transcript would call a question.

const QUESTION_END = /[?？؟]["'”’)\]]*\s*$/u;
const OTHER_END = /[.!。！…]["'”’)\]]*\s*$/u;
const OPENERS = new Set(
  `what when where which who whom whose why how can could would will shall should do does did is are was were
  have has had may might am isn't aren't don't doesn't didn't can't won't wouldn't couldn't shouldn't`.split(
    /\s+/,
  ),
);

export function isQuestion(text: string): boolean {
  if (QUESTION_END.test(text)) return true;
  if (OTHER_END.test(text)) return false;
  const first = text
    .trim()
    .toLowerCase()
    .match(/^[\p{L}']+/u)?.[0];
  return first !== undefined && OPENERS.has(first);
}
