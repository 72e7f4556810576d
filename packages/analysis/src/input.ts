import {
  type AnalysisCall,
  type AnalysisCorpus,
  type AnalysisTranscript,
  analysisInput,
} from '@callmine/contracts';

// analyze() validates its input against the contract (`analysisInput`), but parsing every sentence with zod copies
// the whole corpus, an object per sentence, before any work is done: a tenth of the run. Input that already has the
// contract's shape is checked here in place instead, by the same rules, and only the calls are copied (to fill the
// contract's defaults); anything this check does not accept goes to zod, which then accepts it or throws its
// ZodError. So zod stays the judge of bad input, and good input is read once. The check must never be looser than
// the schema: input.test.ts holds it to zod's verdict on generated good and bad input.

export type ParsedInput = AnalysisCorpus & { previous?: AnalysisCorpus };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const orNull = (value: unknown, check: (v: unknown) => boolean) => value === null || check(value);
const orAbsent = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const AFFILIATIONS: ReadonlySet<unknown> = new Set(['Internal', 'External', 'Unknown']);
const OUTCOMES: ReadonlySet<unknown> = new Set(['won', 'lost', 'open']);

const isParty = (p: unknown) =>
  isObject(p) &&
  orNull(p.speakerId, isString) &&
  AFFILIATIONS.has(p.affiliation) &&
  orAbsent(p.name, isString) &&
  orAbsent(p.userId, isString);

const isOpportunity = (o: unknown) =>
  isObject(o) &&
  isString(o.id) &&
  orNull(o.name, isString) &&
  orNull(o.stage, isString) &&
  orNull(o.amount, isNumber) &&
  orNull(o.closeDate, isString) &&
  OUTCOMES.has(o.outcome);

const isDeal = (d: unknown) =>
  isObject(d) &&
  isString(d.system) &&
  orNull(d.account, (a) => isObject(a) && isString(a.id) && orNull(a.name, isString)) &&
  orNull(d.opportunity, isOpportunity);

/** The call with the contract's defaults, or null when it is not exactly of the contract's shape. */
function callOf(c: unknown): AnalysisCall | null {
  if (
    !isObject(c) ||
    !isString(c.id) ||
    !orAbsent(c.title, isString) ||
    !orAbsent(c.url, isString) ||
    !isString(c.started) ||
    !isNumber(c.duration) ||
    c.duration < 0 ||
    !isString(c.primaryUserId) ||
    !orAbsent(c.parties, (ps) => Array.isArray(ps) && ps.every(isParty)) ||
    !orAbsent(c.deal, (d) => orNull(d, isDeal))
  )
    return null;
  const parties = (c.parties ?? []) as Fields[];
  return {
    id: c.id,
    title: (c.title as string | undefined) ?? '',
    url: (c.url as string | undefined) ?? '',
    started: c.started,
    duration: c.duration,
    primaryUserId: c.primaryUserId,
    parties: parties.map((p) => ({
      speakerId: p.speakerId as string | null,
      affiliation: p.affiliation as AnalysisCall['parties'][number]['affiliation'],
      name: (p.name as string | undefined) ?? '',
      ...(p.userId === undefined ? {} : { userId: p.userId as string }),
    })),
    ...(c.deal === undefined ? {} : { deal: c.deal as AnalysisCall['deal'] }),
  };
}

/** The hot part: every sentence of every transcript, checked in place (a loop, no closure per sentence). */
function isTranscript(t: unknown): t is AnalysisTranscript {
  if (!isObject(t) || !isString(t.callId) || !Array.isArray(t.transcript)) return false;
  for (const m of t.transcript as unknown[]) {
    if (!isObject(m) || !isString(m.speakerId) || !orAbsent(m.topic, (x) => orNull(x, isString)))
      return false;
    const sentences = m.sentences;
    if (!Array.isArray(sentences)) return false;
    for (let i = 0; i < sentences.length; i++) {
      const s: unknown = sentences[i];
      if (!isObject(s) || !isNumber(s.start) || !isNumber(s.end) || !isString(s.text)) return false;
    }
  }
  return true;
}

function corpusOf(value: unknown): AnalysisCorpus | null {
  if (!isObject(value) || !Array.isArray(value.calls) || !Array.isArray(value.transcripts)) return null;
  const calls: AnalysisCall[] = [];
  for (const c of value.calls as unknown[]) {
    const call = callOf(c);
    if (!call) return null;
    calls.push(call);
  }
  const transcripts = value.transcripts as unknown[];
  for (let i = 0; i < transcripts.length; i++) if (!isTranscript(transcripts[i])) return null;
  return { calls, transcripts: transcripts as AnalysisTranscript[] };
}

/** In place when it already has the contract's shape (sentences are not copied), else `analysisInput.parse`. */
export function readInput(input: unknown): ParsedInput {
  const corpus = corpusOf(input);
  const previous = isObject(input) ? input.previous : undefined;
  const before = previous === undefined ? undefined : corpusOf(previous);
  if (!corpus || before === null) return analysisInput.parse(input);
  return before ? { ...corpus, previous: before } : corpus;
}
