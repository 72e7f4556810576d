import type { BySide, Evidence, TrackerResult, TrackerSettings } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
import { isoWeek } from '../iso-week.ts';
import { TrackerMatcher } from './matcher.ts';

const noSides = (): BySide => ({ internal: 0, external: 0, unknown: 0 });

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

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
  // Per call, mentions per tracker in a typed array (the trackers it touched listed once), and a stamp per phrase
  // for the calls that mention it: the per-call maps are updated once per tracker and call, not once per mention.
  const inCall = new Int32Array(trackers.length);
  const touched: number[] = [];
  const phraseBase = new Int32Array(trackers.length);
  let phraseCount = 0;
  trackers.forEach((tracker, t) => {
    phraseBase[t] = phraseCount;
    phraseCount += tracker.phrases.length;
  });
  const phraseStamp = new Int32Array(phraseCount);
  conversations.forEach((conversation, c) => {
    const { call, texts, sides } = conversation;
    for (let i = 0; i < texts.length; i++) {
      const found = matcher.count(texts[i]!);
      if (found === 0) continue;
      const { countedTracker, countedPhrase } = matcher;
      const side = sides[i]!;
      for (let m = 0; m < found; m++) {
        const tracker = countedTracker[m]!;
        const phrase = countedPhrase[m]!;
        const s = state[tracker]!;
        s.mentions++;
        s.bySide[side]++;
        const p = s.phrases[phrase]!;
        p.mentions++;
        p.bySide[side]++;
        if (inCall[tracker] === 0) touched.push(tracker);
        inCall[tracker]!++;
        const at = phraseBase[tracker]! + phrase;
        if (phraseStamp[at] !== c + 1) {
          phraseStamp[at] = c + 1;
          p.calls++;
        }
        const last = s.evidence.at(-1);
        // Two mentions in one sentence share one piece of evidence: the UI links to the sentence.
        const sameSentence = last?.callId === call.id && last.sentenceIndex === i;
        if (!sameSentence && s.evidence.length < evidenceLimit) s.evidence.push(evidenceOf(conversation, i));
      }
    }
    if (touched.length === 0) return;
    const week = isoWeek(call.started);
    for (const t of touched) {
      const s = state[t]!;
      const n = inCall[t]!;
      s.calls++;
      add(s.byCall, call.id, n);
      add(s.byRep, call.primaryUserId, n);
      add(s.byWeek, week, n);
      inCall[t] = 0;
    }
    touched.length = 0;
  });
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
