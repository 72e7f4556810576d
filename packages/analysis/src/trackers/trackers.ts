import type { BySide, Evidence, TrackerResult, TrackerSettings } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
import { isoWeek } from '../iso-week.ts';
import { TrackerMatcher } from './matcher.ts';

const noSides = (): BySide => ({ internal: 0, external: 0, unknown: 0 });

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Mentions of each tracker (see TrackerMatcher for the counting rule) with their evidence. */
export function analyseTrackers(
  conversations: readonly Conversation[],
  trackers: readonly TrackerSettings[],
  evidenceLimit: number,
): TrackerResult[] {
  const matcher = new TrackerMatcher(trackers);
  const state = trackers.map((tracker) => ({
    mentions: 0,
    bySide: noSides(),
    calls: 0,
    phrases: tracker.phrases.map((p) => ({ phrase: p.phrase, mentions: 0, bySide: noSides(), calls: 0 })),
    byCall: new Map<string, number>(),
    byRep: new Map<string, number>(),
    byWeek: new Map<string, number>(),
    evidence: [] as Evidence[],
  }));
  for (const { call, sentences } of conversations) {
    const week = isoWeek(call.started);
    const trackersHere = new Set<number>();
    const phrasesHere = new Set<string>();
    for (const sentence of sentences) {
      for (const { tracker, phrase } of matcher.matchSentence(sentence.text)) {
        const s = state[tracker]!;
        s.mentions++;
        s.bySide[sentence.side]++;
        const p = s.phrases[phrase]!;
        p.mentions++;
        p.bySide[sentence.side]++;
        bump(s.byCall, call.id);
        bump(s.byRep, call.primaryUserId);
        bump(s.byWeek, week);
        trackersHere.add(tracker);
        phrasesHere.add(`${tracker}:${phrase}`);
        const last = s.evidence.at(-1);
        // Two mentions in one sentence share one piece of evidence: the UI links to the sentence.
        const sameSentence = last?.callId === call.id && last.sentenceIndex === sentence.sentenceIndex;
        if (!sameSentence && s.evidence.length < evidenceLimit) s.evidence.push(evidenceOf(call, sentence));
      }
    }
    for (const t of trackersHere) state[t]!.calls++;
    for (const key of phrasesHere) {
      const [t, p] = key.split(':').map(Number);
      state[t!]!.phrases[p!]!.calls++;
    }
  }
  return trackers.map((tracker, t) => {
    const s = state[t]!;
    return {
      name: tracker.name,
      mentions: s.mentions,
      bySide: s.bySide,
      callsMentioning: s.calls,
      shareOfCalls: conversations.length === 0 ? 0 : s.calls / conversations.length,
      phrases: s.phrases.map((p) => ({
        phrase: p.phrase,
        mentions: p.mentions,
        bySide: p.bySide,
        callsMentioning: p.calls,
      })),
      byCall: sortedRecord(s.byCall),
      byRep: sortedRecord(s.byRep),
      byWeek: sortedRecord(s.byWeek),
      evidence: s.evidence,
    };
  });
}
