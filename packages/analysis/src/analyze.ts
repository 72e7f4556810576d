import {
  type AnalysisInput,
  type AnalysisResult,
  type AnalysisSettings,
  analysisSettings,
} from '@callmine/contracts';
import { conversationsOf } from './conversation.ts';
import { dealSlicer } from './deals.ts';
import { readInput } from './input.ts';
import { analyseQuestions } from './questions/questions.ts';
import { analyseTalk } from './talk/talk-metrics.ts';
import { analyseThemes } from './themes/themes.ts';
import { analyseTrackers } from './trackers/trackers.ts';

/**
 * The engine's one entry point: calls + transcripts (+ optionally the previous period) and settings in, a
 * JSON-serialisable result out. Pure and deterministic: same input, same output, byte for byte; no clock,
 * no randomness, no I/O. Input and settings are validated against the contracts' schemas, so bad input throws a
 * ZodError before any work is done (input of the contract's shape is checked in place, see input.ts).
 */
export function analyze(input: AnalysisInput, settings: AnalysisSettings = {}): AnalysisResult {
  const corpus = readInput(input);
  const options = analysisSettings.parse(settings);
  const run = new Set(options.analysers);
  const conversations = conversationsOf(corpus);
  const previous = corpus.previous ? conversationsOf(corpus.previous) : null;
  // Deal slices only when some call has CRM context; trackers' slices come from their exact per-call counts.
  const deals = dealSlicer(conversations);
  const trackers = run.has('trackers')
    ? analyseTrackers(conversations, options.trackers, options.evidenceLimit).map((t) =>
        deals ? { ...t, byDeal: deals.slice(Object.keys(t.byCall)) } : t,
      )
    : null;
  return {
    version: 1,
    calls: {
      total: corpus.calls.length,
      withTranscript: conversations.length,
      sentences: conversations.reduce((sum, c) => sum + c.texts.length, 0),
    },
    trackers,
    questions: run.has('questions')
      ? analyseQuestions(conversations, options.topN, options.evidenceLimit, deals)
      : null,
    themes: run.has('themes')
      ? analyseThemes(conversations, previous, options.topN, options.evidenceLimit)
      : null,
    talk: run.has('talk') ? analyseTalk(conversations) : null,
    ...(deals ? { deals: deals.calls() } : {}),
  };
}
