import { isPlanted, plantingsFor, type TenantThemes } from './planted.ts';
import type { Random } from './random.ts';
import { randomFrom } from './random.ts';
import { type Phase, type SentenceTemplate, type Side, TEMPLATES, TOPIC_OF } from './sentences.ts';
import { COMPETITORS } from './terms.ts';
import type { Affiliation, GongMonologue, GongParty, SandboxCall } from './types.ts';

/** A sentence plus the facts the ground truth and trackers need, so nobody re-parses the text. */
export interface GeneratedSentence {
  start: number;
  end: number;
  text: string;
  template: SentenceTemplate;
  competitor: string | null;
}

export interface GeneratedMonologue {
  speakerId: string;
  affiliation: Affiliation;
  topic: string | null;
  sentences: GeneratedSentence[];
}

interface Turn {
  party: GongParty;
  phase: Phase;
  templates: SentenceTemplate[];
}

const MS_PER_WORD = 380;

/** The tenant's planted themes, and whether this call is new enough for the emerging one. */
export interface PlantingContext {
  themes: TenantThemes;
  emergingActive: boolean;
}

/** The call's transcript, rebuilt identically from (seed, tenant, call index) every time it is asked for. */
export function generateTranscript(
  seed: number,
  tenantId: string,
  call: SandboxCall,
  planting?: PlantingContext,
): GeneratedMonologue[] {
  const random = randomFrom(seed, tenantId, 'transcript', call.index);
  // Planted ground truth (themes, question wordings) draws from its own stream, so everything the main stream
  // generates — sentences, order, timing — is the same with or without it.
  const planted = randomFrom(seed, tenantId, 'planted', call.index);
  const internal: GongParty[] = [];
  const external: GongParty[] = [];
  for (const party of call.parties) {
    if (party.speakerId === null) continue;
    if (party.affiliation === 'External') external.push(party);
    else internal.push(party);
  }
  if (internal.length === 0) return [];
  // One competitor per call keeps the story coherent: a prospect rarely compares three vendors at once.
  const competitor = random.pick(COMPETITORS);
  const turns: Turn[] = [];
  const used = new Set<SentenceTemplate>();
  const add = (phase: Phase, count: number, firstSide: Side) => {
    for (let n = 0; n < count; n++) {
      const side: Side =
        external.length === 0 || (n % 2 === 0) === (firstSide === 'internal') ? 'internal' : 'external';
      const party = random.pick(side === 'internal' ? internal : external);
      turns.push({
        party,
        phase,
        templates: pickFresh(random, TEMPLATES[phase][side], random.int(1, 3), used),
      });
    }
  };
  if (external.length === 0) {
    add('review', random.int(6, 14), 'internal');
  } else {
    add('setup', random.int(2, 4), 'internal');
    add('discovery', random.int(4, 12), 'internal');
    if (random.chance(0.4))
      add('competition', random.int(2, 4), random.chance(0.5) ? 'internal' : 'external');
    if (random.chance(0.5)) add('pricing', random.int(2, 5), random.chance(0.5) ? 'internal' : 'external');
    add('nextSteps', random.int(2, 3), 'internal');
    if (planting) plant(turns, planted, planting);
  }
  return timeTurns(turns, call, competitor, random, planted);
}

/** Appends the planted sentences to customer turns of their phase (a call without that phase gets none). */
function plant(turns: Turn[], random: Random, planting: PlantingContext): void {
  for (const { phase, templates } of plantingsFor(random, planting.themes, planting.emergingActive)) {
    const candidates = turns.filter((t) => t.phase === phase && t.party.affiliation === 'External');
    if (candidates.length === 0) continue;
    random.pick(candidates).templates.push(...templates);
  }
}

/**
 * Up to `count` templates the call has not used yet (a call rarely repeats a sentence), in the order the
 * phase lists them, so greetings come before small talk and "talk soon" comes last.
 */
function pickFresh(random: Random, options: SentenceTemplate[], count: number, used: Set<SentenceTemplate>) {
  const picked: SentenceTemplate[] = [];
  for (let attempt = 0; picked.length < count && attempt < count * 4; attempt++) {
    const candidate = random.pick(options);
    if (!used.has(candidate)) {
      used.add(candidate);
      picked.push(candidate);
    }
  }
  // A long call can exhaust a phase's templates; then a repeat beats an empty turn.
  if (picked.length === 0) picked.push(random.pick(options));
  return picked.sort((a, b) => options.indexOf(a) - options.indexOf(b));
}

function timeTurns(
  turns: Turn[],
  call: SandboxCall,
  competitor: string,
  random: Random,
  planted: Random,
): GeneratedMonologue[] {
  // Each turn gets an equal share of the call; its sentences run back to back from a random point in that
  // share, and the rest is the untranscribed back-and-forth between the turns we generate.
  const turnSlot = Math.floor((call.metaData.duration * 1000) / Math.max(turns.length, 1));
  const monologues: GeneratedMonologue[] = [];
  turns.forEach((turn, position) => {
    const slotEnd = (position + 1) * turnSlot - 1;
    let at = position * turnSlot + random.int(0, Math.floor(turnSlot / 4));
    const sentences: GeneratedSentence[] = [];
    for (const template of turn.templates) {
      const jitter = isPlanted(template) ? planted : random;
      const start = Math.min(at, slotEnd - 2);
      const end = Math.min(slotEnd, start + template.words * MS_PER_WORD + jitter.int(100, 600));
      const text = template.hasPlaceholders
        ? template.text.replaceAll('{competitor}', competitor).replaceAll('{account}', call.accountName)
        : template.text;
      sentences.push({
        start,
        end,
        text,
        template,
        competitor: template.competitorSlots > 0 ? competitor : null,
      });
      at = end + jitter.int(150, 900);
    }
    const topic = TOPIC_OF[turn.phase];
    const previous = monologues.at(-1);
    // Gong merges consecutive sentences by the same speaker on the same topic into one monologue.
    if (previous && previous.speakerId === turn.party.speakerId && previous.topic === topic) {
      previous.sentences.push(...sentences);
    } else {
      monologues.push({
        speakerId: turn.party.speakerId ?? '',
        affiliation: turn.party.affiliation,
        topic,
        sentences,
      });
    }
  });
  return monologues;
}

/** The transcript as the API shows it: no generator facts. */
export function toGongTranscript(monologues: GeneratedMonologue[]): GongMonologue[] {
  return monologues.map((monologue) => ({
    speakerId: monologue.speakerId,
    topic: monologue.topic,
    sentences: monologue.sentences.map(({ start, end, text }) => ({ start, end, text })),
  }));
}
