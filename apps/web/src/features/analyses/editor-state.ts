// The analysis editor's state (flat strings, as typed) and its way to and from analysisDefinitionInput. The
// assembled object is validated by the very schema analyses.create/update use; each zod issue's path is mapped
// back to the field that shows it, with the schema's own message.
import {
  type AnalyserName,
  type AnalysisDefinitionInput,
  type AnalysisView,
  analysisDefinitionInput,
  type TrackerSettings,
} from '@callmine/contracts';
import type { z } from 'zod';
import { formatPhraseLines, parsePhraseLines } from './phrase-lines.ts';

export interface TrackerDraft {
  /** Stable React key; trackers can be renamed, so the name can't be it. */
  key: string;
  name: string;
  phrases: string;
}

export interface EditorState {
  name: string;
  windowKind: 'relative' | 'absolute';
  lastDays: string;
  from: string;
  to: string;
  repEmails: string;
  externalOnly: 'yes' | 'no';
  minDurationMinutes: string;
  titleContains: string;
  analysers: AnalyserName[];
  trackers: TrackerDraft[];
  /** Kept as loaded so saving an edit doesn't reset them. */
  evidenceLimit?: number;
  topN?: number;
}

let nextKey = 0;
export const trackerKey = () => `tracker-${++nextKey}`;

export function trackerDraft(tracker: TrackerSettings): TrackerDraft {
  return { key: trackerKey(), name: tracker.name, phrases: formatPhraseLines(tracker.phrases) };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function emptyState(now = Date.now()): EditorState {
  return {
    name: '',
    windowKind: 'relative',
    lastDays: '30',
    from: isoDay(now - 29 * 86_400_000),
    to: isoDay(now),
    repEmails: '',
    externalOnly: 'no',
    minDurationMinutes: '',
    titleContains: '',
    analysers: ['trackers', 'questions', 'themes', 'talk'],
    trackers: [],
  };
}

export function stateFromView(view: AnalysisView, now = Date.now()): EditorState {
  const base = emptyState(now);
  return {
    ...base,
    name: view.name,
    windowKind: view.window.kind,
    lastDays: view.window.kind === 'relative' ? String(view.window.lastDays) : base.lastDays,
    from: view.window.kind === 'absolute' ? view.window.from : base.from,
    to: view.window.kind === 'absolute' ? view.window.to : base.to,
    repEmails: view.filters.repEmails.join(', '),
    externalOnly: view.filters.externalOnly ? 'yes' : 'no',
    minDurationMinutes: view.filters.minDurationMinutes > 0 ? String(view.filters.minDurationMinutes) : '',
    titleContains: view.filters.titleContains,
    analysers: [...view.settings.analysers],
    trackers: view.settings.trackers.map(trackerDraft),
    evidenceLimit: view.settings.evidenceLimit,
    topN: view.settings.topN,
  };
}

/** The procedure's input, as typed (the server parses it with the same schema). */
export function definitionOf(state: EditorState): AnalysisDefinitionInput {
  const usesTrackers = state.analysers.includes('trackers');
  return {
    name: state.name,
    window:
      state.windowKind === 'relative'
        ? { kind: 'relative', lastDays: state.lastDays }
        : { kind: 'absolute', from: state.from, to: state.to },
    filters: {
      repEmails: state.repEmails,
      externalOnly: state.externalOnly,
      minDurationMinutes: state.minDurationMinutes,
      titleContains: state.titleContains,
    },
    settings: {
      analysers: state.analysers,
      // Trackers are kept only when the tracker analyser runs: hidden, half-edited trackers must not block a save.
      trackers: usesTrackers
        ? state.trackers.map((t) => ({ name: t.name, phrases: parsePhraseLines(t.phrases).phrases }))
        : [],
      ...(state.evidenceLimit === undefined ? {} : { evidenceLimit: state.evidenceLimit }),
      ...(state.topN === undefined ? {} : { topN: state.topN }),
    },
  };
}

/** Field keys: name, lastDays, from, to, repEmails, …, analysers, trackers, trackers.<i>.name, trackers.<i>.phrases. */
export function fieldOfIssue(path: ReadonlyArray<PropertyKey>): string {
  const [top, second, third, fourth] = path.map(String);
  if (top === 'window') return second ?? 'lastDays';
  if (top === 'filters') return second ?? 'repEmails';
  if (top === 'settings') {
    if (second === 'trackers' && third !== undefined) {
      return fourth === 'name' ? `trackers.${third}.name` : `trackers.${third}.phrases`;
    }
    return second ?? 'analysers';
  }
  return top ?? 'name';
}

export type FieldErrors = Record<string, string>;

/** Validates with the procedure's schema; the first message per field wins, phrase errors name their line. */
export function validate(
  state: EditorState,
): { ok: true; data: AnalysisDefinitionInput } | { ok: false; errors: FieldErrors } {
  const input = definitionOf(state);
  const parsed = analysisDefinitionInput.safeParse(input);
  if (parsed.success) return { ok: true, data: input };
  return { ok: false, errors: errorsOf(state, parsed.error.issues) };
}

function errorsOf(state: EditorState, issues: ReadonlyArray<z.core.$ZodIssue>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path);
    if (errors[field]) continue;
    const [, , tracker, part, phraseIndex] = issue.path;
    let message = issue.message;
    if (part === 'phrases' && typeof phraseIndex === 'number' && typeof tracker === 'number') {
      const draft = state.trackers[tracker];
      const line = draft ? parsePhraseLines(draft.phrases).lines[phraseIndex] : undefined;
      if (line !== undefined) message = `Line ${line}: ${message}`;
    }
    errors[field] = message;
  }
  return errors;
}
