import {
  type AnalysisInput,
  type AnalysisResult,
  type AnalysisSettings,
  analysisInput,
  analysisSettings,
} from '@callmine/contracts';
import { conversationsOf } from '../../../packages/analysis/src/conversation.ts';
import { analyseTalk } from '../../../packages/analysis/src/talk/talk-metrics.ts';
import { analyseTrackers } from '../../../packages/analysis/src/trackers/trackers.ts';
import { analyseQuestions } from './questions.ts';
import { analyseThemes } from './themes.ts';

/**
 * The engine's one entry point: calls + transcripts (+ optionally the previous period) and settings in, a
 * JSON-serialisable result out. Pure and deterministic: same input, same output, byte for byte; no clock,
 * no randomness, no I/O. Input and settings are parsed with the contracts' schemas, so bad input throws a
 * ZodError before any work is done.
 */
export function analyzeBaseline(input: AnalysisInput, settings: AnalysisSettings = {}): AnalysisResult {
  const corpus = analysisInput.parse(input);
  const options = analysisSettings.parse(settings);
  const run = new Set(options.analysers);
  const conversations = conversationsOf(corpus);
  const previous = corpus.previous ? conversationsOf(corpus.previous) : null;
  return {
    version: 1,
    calls: {
      total: corpus.calls.length,
      withTranscript: conversations.length,
      sentences: conversations.reduce((sum, c) => sum + c.texts.length, 0),
    },
    trackers: run.has('trackers')
      ? analyseTrackers(conversations, options.trackers, options.evidenceLimit)
      : null,
    questions: run.has('questions')
      ? analyseQuestions(conversations, options.topN, options.evidenceLimit)
      : null,
    themes: run.has('themes')
      ? analyseThemes(conversations, previous, options.topN, options.evidenceLimit)
      : null,
    talk: run.has('talk') ? analyseTalk(conversations) : null,
  };
}
