import type { Evidence, RepTalkMetrics } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
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

/**
 * Runs of consecutive sentences by one speaker, whatever monologue boundaries Gong drew (topics split them): the
 * first sentence of each run, then the sentence count as the end.
 */
function stretches(speakers: readonly string[]): number[] {
  const firsts: number[] = [];
  for (let i = 0; i < speakers.length; i++) if (i === 0 || speakers[i] !== speakers[i - 1]) firsts.push(i);
  firsts.push(speakers.length);
  return firsts;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Per rep (the call's primary user), from sentence timings only. The rep's voice is the parties whose userId is
 * the primary user; a call where the rep never speaks still counts toward their calls and minutes.
 */
export function analyseTalk(conversations: readonly Conversation[]): RepTalkMetrics[] {
  const reps = new Map<string, RepTotals>();
  for (const conversation of conversations) {
    const { call, texts, speakers, sides, starts, ends, repSpeakers } = conversation;
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
    let lastEnd = 0;
    for (const end of ends) lastEnd = Math.max(lastEnd, end);
    totals.minutes += (call.duration > 0 ? call.duration * 1000 : lastEnd) / 60_000;
    for (let i = 0; i < texts.length; i++) {
      const ms = Math.max(0, ends[i]! - starts[i]!);
      totals.allTalkMs += ms;
      if (repSpeakers.has(speakers[i]!)) {
        totals.repTalkMs += ms;
        if (isQuestion(texts[i]!)) totals.questions++;
      }
    }
    const firsts = stretches(speakers);
    totals.switches += Math.max(0, firsts.length - 2);
    for (let r = 0; r + 1 < firsts.length; r++) {
      const first = firsts[r]!;
      const ms = Math.max(0, ends[firsts[r + 1]! - 1]! - starts[first]!);
      if (repSpeakers.has(speakers[first]!) && ms > totals.longestMonologue.ms) {
        totals.longestMonologue = { ms, at: evidenceOf(conversation, first) };
      }
      if (sides[first] === 'external' && ms > totals.longestStory.ms) {
        totals.longestStory = { ms, at: evidenceOf(conversation, first) };
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
