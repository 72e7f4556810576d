import type { TrackerDefinition } from '../data/trackers.ts';
import type { GeneratedMonologue } from '../data/transcript.ts';

// The extensive endpoint's `content` and `interaction` sections, derived from the generated transcript so
// they agree with what the transcript endpoint returns for the same call.

const durationOf = (monologue: GeneratedMonologue): number => {
  const first = monologue.sentences[0];
  const last = monologue.sentences.at(-1);
  return first && last ? (last.end - first.start) / 1000 : 0;
};

export function topicsOf(monologues: GeneratedMonologue[]) {
  const totals = new Map<string, number>();
  for (const monologue of monologues) {
    if (monologue.topic)
      totals.set(monologue.topic, (totals.get(monologue.topic) ?? 0) + durationOf(monologue));
  }
  return [...totals].map(([name, duration]) => ({ name, duration: Math.round(duration) }));
}

export function trackerHitsOf(monologues: GeneratedMonologue[], trackers: TrackerDefinition[]) {
  return trackers.map((tracker) => {
    const occurrences: { startTime: number; speakerId: string }[] = [];
    const phraseCounts = new Map<string, { startTime: number; speakerId: string }[]>();
    for (const monologue of monologues) {
      for (const sentence of monologue.sentences) {
        const hits: (readonly [string, number])[] = [...sentence.template.terms];
        if (sentence.competitor) hits.push([sentence.competitor, sentence.template.competitorSlots]);
        for (const [term, count] of hits) {
          if (!tracker.keywords.includes(term)) continue;
          for (let n = 0; n < count; n++) {
            const occurrence = { startTime: sentence.start / 1000, speakerId: monologue.speakerId };
            occurrences.push(occurrence);
            phraseCounts.set(term, [...(phraseCounts.get(term) ?? []), occurrence]);
          }
        }
      }
    }
    return {
      id: tracker.id,
      name: tracker.name,
      count: occurrences.length,
      type: 'KEYWORD',
      occurrences,
      phrases: [...phraseCounts].map(([phrase, found]) => ({
        count: found.length,
        occurrences: found,
        phrase,
      })),
    };
  });
}

export function speakersOf(
  monologues: GeneratedMonologue[],
  userIdBySpeaker: Map<string, string | undefined>,
) {
  const talk = new Map<string, number>();
  for (const monologue of monologues) {
    const spoken = monologue.sentences.reduce((sum, s) => sum + (s.end - s.start), 0);
    talk.set(monologue.speakerId, (talk.get(monologue.speakerId) ?? 0) + spoken);
  }
  return [...talk].map(([id, ms]) => ({
    id,
    userId: userIdBySpeaker.get(id),
    talkTime: Math.round(ms / 1000),
  }));
}

export function questionsOf(monologues: GeneratedMonologue[]) {
  let companyCount = 0;
  let nonCompanyCount = 0;
  for (const monologue of monologues) {
    for (const sentence of monologue.sentences) {
      if (!sentence.template.question) continue;
      if (monologue.affiliation === 'External') nonCompanyCount++;
      else companyCount++;
    }
  }
  return { companyCount, nonCompanyCount };
}

export function interactionStatsOf(monologues: GeneratedMonologue[], durationSeconds: number) {
  const internal = monologues.filter((m) => m.affiliation !== 'External');
  const external = monologues.filter((m) => m.affiliation === 'External');
  const talk = (list: GeneratedMonologue[]) =>
    list.reduce((sum, m) => sum + m.sentences.reduce((s, x) => s + (x.end - x.start), 0), 0);
  const internalTalk = talk(internal);
  const totalTalk = internalTalk + talk(external);
  const minutes = Math.max(durationSeconds / 60, 1);
  let patienceTotal = 0;
  let patienceCount = 0;
  for (let i = 1; i < monologues.length; i++) {
    const before = monologues[i - 1];
    const current = monologues[i];
    if (before?.affiliation === 'External' && current?.affiliation !== 'External') {
      const gap = (current?.sentences[0]?.start ?? 0) - (before.sentences.at(-1)?.end ?? 0);
      patienceTotal += gap / 1000;
      patienceCount++;
    }
  }
  const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
  return [
    { name: 'Talk Ratio', value: round(totalTalk > 0 ? internalTalk / totalTalk : 0) },
    { name: 'Longest Monologue', value: Math.round(Math.max(0, ...internal.map(durationOf))) },
    { name: 'Longest Customer Story', value: Math.round(Math.max(0, ...external.map(durationOf))) },
    { name: 'Interactivity', value: round(Math.max(monologues.length - 1, 0) / minutes) },
    { name: 'Patience', value: round(patienceCount > 0 ? patienceTotal / patienceCount : 0) },
    { name: 'Question Rate', value: round(questionsOf(monologues).companyCount / minutes) },
  ];
}
