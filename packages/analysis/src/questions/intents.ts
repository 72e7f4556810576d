// Intent words: different words customers use for one intent, mapped to one token before questions are compared,
// so "How are you different from Salesloft?", "Why would we pick you over Salesloft?" and "What sets you apart
// from Salesloft?" all read {compare, salesloft}. Names and other content words stay as they are, so the Clari
// question remains a different question.

const INTENTS: Record<string, readonly string[]> = {
  '~compare': [
    'different',
    'difference',
    'differences',
    'differ',
    'differs',
    'differentiate',
    'differentiates',
    'differentiator',
    'apart',
    'pick',
    'choose',
    'compare',
    'compared',
    'comparison',
    'versus',
    'vs',
    'unique',
    'distinguish',
  ],
  '~price': [
    'price',
    'prices',
    'pricing',
    'priced',
    'cost',
    'costs',
    'charge',
    'charges',
    'pay',
    'fee',
    'fees',
  ],
  '~integrate': [
    'integrate',
    'integrates',
    'integration',
    'integrations',
    'connect',
    'connects',
    'connector',
    'sync',
    'syncs',
  ],
  '~export': ['export', 'exports', 'exporting', 'extract', 'download'],
};

const INTENT_OF = new Map<string, string>(
  Object.entries(INTENTS).flatMap(([intent, words]) => words.map((w) => [w, intent] as const)),
);

/** Two-word openers that carry an intent ("how much" asks a price). */
const PAIRS = new Map<string, string>([['how much', '~price']]);

/** The intent a word stands for, or undefined. */
export function intentOf(word: string): string | undefined {
  return INTENT_OF.get(word);
}

const PAIR_FIRST = new Set([...PAIRS.keys()].map((pair) => pair.split(' ')[0]!));

/** Whether a word can open a two-word intent (so most words skip building the pair). */
export function startsPair(word: string): boolean {
  return PAIR_FIRST.has(word);
}

export function pairIntentOf(first: string, second: string): string | undefined {
  return PAIRS.get(`${first} ${second}`);
}

/** Question-frame words that carry no content ("is there a way to…", "set up"). */
export const QUESTION_FRAME: ReadonlySet<string> = new Set([
  'per',
  'everything',
  'anything',
  'something',
  'sets',
  'set',
  'us',
  'ours',
  'there',
  'way',
]);
