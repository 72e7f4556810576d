import { type Random, randomFrom } from './random.ts';
import { type Phase, type SentenceTemplate, type Side, TEMPLATES, TOPIC_OF } from './sentences.ts';
import { COMPETITORS } from './terms.ts';
import type { Affiliation, GongMonologue, SandboxCall } from './types.ts';

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
  speakerId: string;
  affiliation: Affiliation;
  phase: Phase;
  templates: SentenceTemplate[];
}

const MS_PER_WORD = 380;

/** The call's transcript, rebuilt identically from (seed, tenant, call index) every time it is asked for. */
export function generateTranscript(seed: number, tenantId: string, call: SandboxCall): GeneratedMonologue[] {
  const random = randomFrom(seed, tenantId, 'transcript', call.index);
  const speakers = call.parties.filter((party) => party.speakerId !== null);
  const internal = speakers.filter((party) => party.affiliation === 'Internal');
  const external = speakers.filter((party) => party.affiliation === 'External');
  if (internal.length === 0) return [];
  const turns: Turn[] = [];
  // One competitor per call keeps the story coherent: a prospect rarely compares three vendors at once.
  const competitor = random.pick(COMPETITORS);

  const addTurns = (phase: Phase, count: number, sides: Side[]) => {
    for (let n = 0; n < count; n++) {
      const side = sides[n % sides.length] ?? 'internal';
      const pool = side === 'internal' ? internal : external;
      const party = random.pick(pool);
      const options = TEMPLATES[phase][side];
      const sentences = random.int(1, 3);
      const templates: SentenceTemplate[] = [];
      // Without replacement: nobody says the same sentence twice in one breath.
      const remaining = [...options];
      for (let s = 0; s < sentences && remaining.length > 0; s++) {
        templates.push(...remaining.splice(Math.floor(random.next() * remaining.length), 1));
      }
      turns.push({ speakerId: party.speakerId ?? '', affiliation: party.affiliation, phase, templates });
    }
  };

  if (external.length === 0) {
    addTurns('review', random.int(6, 14), ['internal']);
  } else {
    const both: Side[] = random.chance(0.5) ? ['internal', 'external'] : ['external', 'internal'];
    addTurns('setup', random.int(2, 4), ['internal', 'external']);
    addTurns('discovery', random.int(4, 12), ['internal', 'external']);
    if (random.chance(0.4)) addTurns('competition', random.int(2, 4), both);
    if (random.chance(0.5)) addTurns('pricing', random.int(2, 5), both);
    addTurns('nextSteps', random.int(2, 3), ['internal', 'external']);
  }
  return timeTurns(turns, call, competitor, random);
}

function timeTurns(
  turns: Turn[],
  call: SandboxCall,
  competitor: string,
  random: Random,
): GeneratedMonologue[] {
  const total = turns.reduce((sum, turn) => sum + turn.templates.length, 0);
  // Spread the sentences over the whole call: each gets an equal slot, speaking takes part of it, the rest
  // is the silence and cross-talk a real call has between sentences.
  const slot = Math.floor((call.metaData.duration * 1000) / Math.max(total, 1));
  let position = 0;
  const monologues: GeneratedMonologue[] = [];
  for (const turn of turns) {
    const sentences: GeneratedSentence[] = turn.templates.map((template) => {
      const slotStart = position * slot;
      position++;
      const text = template.hasPlaceholders
        ? template.text.replaceAll('{competitor}', competitor).replaceAll('{account}', call.accountName)
        : template.text;
      const words = text.split(' ').length;
      const start = slotStart + random.int(0, Math.floor(slot / 10));
      const end = Math.min(slotStart + slot - 1, start + words * MS_PER_WORD + random.int(0, 400));
      return { start, end, text, template, competitor: template.competitorSlots > 0 ? competitor : null };
    });
    const previous = monologues.at(-1);
    // Gong merges consecutive sentences by the same speaker into one monologue.
    if (previous && previous.speakerId === turn.speakerId && previous.topic === TOPIC_OF[turn.phase]) {
      previous.sentences.push(...sentences);
    } else {
      monologues.push({
        speakerId: turn.speakerId,
        affiliation: turn.affiliation,
        topic: TOPIC_OF[turn.phase],
        sentences,
      });
    }
  }
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
