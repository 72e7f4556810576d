import type { Evidence, RepTalkMetrics } from '@callmine/contracts';
import { type Conversation, evidenceOf, type SpokenSentence } from '../conversation.ts';
import { isQuestion } from '../questions/is-question.ts';

interface RepTotals {
  calls: number;
  repTalkMs: number;
  allTalkMs: number;
  switches: number;
  minutes: number;
  questions: number;
  longestMonologue: { ms: number; at: Evidence | null };
  longestStory: { ms: number; at: Evidence | null };
}

/** Runs of consecutive sentences by one speaker, whatever monologue boundaries Gong drew (topics split them). */
function stretches(sentences: readonly SpokenSentence[]): SpokenSentence[][] {
  const runs: SpokenSentence[][] = [];
  for (const sentence of sentences) {
    const run = runs.at(-1);
    if (run && run[0]!.speakerId === sentence.speakerId) run.push(sentence);
    else runs.push([sentence]);
  }
  return runs;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Per rep (the call's primary user), from sentence timings only. The rep's voice is the parties whose userId is
 * the primary user; a call where the rep never speaks still counts toward their calls and minutes.
 */
export function analyseTalk(conversations: readonly Conversation[]): RepTalkMetrics[] {
  const reps = new Map<string, RepTotals>();
  for (const { call, sentences, repSpeakers } of conversations) {
    let totals = reps.get(call.primaryUserId);
    if (!totals) {
      totals = {
        calls: 0,
        repTalkMs: 0,
        allTalkMs: 0,
        switches: 0,
        minutes: 0,
        questions: 0,
        longestMonologue: { ms: 0, at: null },
        longestStory: { ms: 0, at: null },
      };
      reps.set(call.primaryUserId, totals);
    }
    totals.calls++;
    const lastEnd = sentences.reduce((max, s) => Math.max(max, s.end), 0);
    totals.minutes += (call.duration > 0 ? call.duration * 1000 : lastEnd) / 60_000;
    for (const sentence of sentences) {
      const ms = Math.max(0, sentence.end - sentence.start);
      totals.allTalkMs += ms;
      if (repSpeakers.has(sentence.speakerId)) {
        totals.repTalkMs += ms;
        if (isQuestion(sentence.text)) totals.questions++;
      }
    }
    const runs = stretches(sentences);
    totals.switches += Math.max(0, runs.length - 1);
    for (const run of runs) {
      const first = run[0]!;
      const ms = Math.max(0, run.at(-1)!.end - first.start);
      if (repSpeakers.has(first.speakerId) && ms > totals.longestMonologue.ms) {
        totals.longestMonologue = { ms, at: evidenceOf(call, first) };
      }
      if (first.side === 'external' && ms > totals.longestStory.ms) {
        totals.longestStory = { ms, at: evidenceOf(call, first) };
      }
    }
  }
  return [...reps]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([repId, t]) => ({
      repId,
      calls: t.calls,
      talkRatio: t.allTalkMs === 0 ? null : round(t.repTalkMs / t.allTalkMs, 4),
      longestMonologueMs: t.longestMonologue.ms,
      longestCustomerStoryMs: t.longestStory.ms,
      interactivity: t.minutes === 0 ? null : round(t.switches / t.minutes, 3),
      questionRate: t.minutes === 0 ? null : round((t.questions * 60) / t.minutes, 3),
      longestMonologue: t.longestMonologue.at,
      longestCustomerStory: t.longestStory.at,
    }));
}
