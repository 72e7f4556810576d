import { isoWeek } from '@callmine/analysis';
import { REPORT_FILTER_KEYS, type ReportCall, type ReportFilters } from '@callmine/contracts';
import type { StoredReport } from './stored-report-type.ts';

// The report view's filters as predicates over the report's calls. Each filter is one entry of CALL_FILTERS; a new
// one is a key in contracts' reportFilters and one line here.

type CallPredicate = (call: ReportCall, value: string, index: ReportIndex) => boolean;

export interface ReportIndex {
  weekOf: ReadonlyMap<string, string>;
  /** Tracker name → call id → mentions. */
  trackerByCall: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Lower-cased phrase → ids of calls whose kept tracker evidence says it (or a synonym). */
  callsSaying: (phrase: string) => ReadonlySet<string>;
  /** Lower-cased words a phrase filter matches: the phrase and its synonyms. */
  phraseTerms: (phrase: string) => string[];
}

const CALL_FILTERS: Record<keyof ReportFilters, CallPredicate> = {
  rep: (call, rep) => call.repId === rep,
  week: (call, week, index) => index.weekOf.get(call.id) === week,
  tracker: (call, tracker, index) => (index.trackerByCall.get(tracker)?.[call.id] ?? 0) > 0,
  phrase: (call, phrase, index) => index.callsSaying(phrase).has(call.id),
  stage: (call, stage) => call.deal?.opportunity?.stage === stage,
  outcome: (call, outcome) => (call.deal?.opportunity?.outcome ?? 'none') === outcome,
};

export function indexReport(report: StoredReport): ReportIndex {
  const weekOf = new Map(report.calls.map((c) => [c.id, isoWeek(c.started)]));
  const trackers = report.result.trackers ?? [];
  const trackerByCall = new Map(trackers.map((t) => [t.name, t.byCall]));
  const synonyms = new Map<string, string[]>();
  for (const tracker of report.parameters.settings.trackers ?? []) {
    for (const p of tracker.phrases) {
      synonyms.set(
        p.phrase.toLowerCase(),
        [p.phrase, ...(p.synonyms ?? [])].map((w) => w.toLowerCase()),
      );
    }
  }
  const phraseTerms = (phrase: string) => synonyms.get(phrase.toLowerCase()) ?? [phrase.toLowerCase()];
  const saying = new Map<string, Set<string>>();
  const callsSaying = (phrase: string) => {
    const key = phrase.toLowerCase();
    let found = saying.get(key);
    if (!found) {
      const terms = phraseTerms(phrase);
      found = new Set(
        trackers
          .flatMap((t) => t.evidence)
          .filter((e) => saysAny(e.text, terms))
          .map((e) => e.callId),
      );
      saying.set(key, found);
    }
    return found;
  };
  return { weekOf, trackerByCall, callsSaying, phraseTerms };
}

export const saysAny = (text: string, terms: readonly string[]) => {
  const lower = text.toLowerCase();
  return terms.some((term) => lower.includes(term));
};

/** The calls' predicate for these filters, leaving out the keys in `ignore` (a trend ignores its own axis). */
export function callFilter(
  filters: ReportFilters,
  index: ReportIndex,
  ignore: ReadonlyArray<keyof ReportFilters> = [],
): (call: ReportCall) => boolean {
  const active = (Object.keys(CALL_FILTERS) as Array<keyof ReportFilters>).flatMap((key) => {
    const value = filters[key];
    return value && !ignore.includes(key) ? [[CALL_FILTERS[key], value] as const] : [];
  });
  return (call) => active.every(([predicate, value]) => predicate(call, value, index));
}

/** Just the filter keys of an input that also carries paging and other fields. */
export function filtersOf(input: ReportFilters): ReportFilters {
  return Object.fromEntries(
    REPORT_FILTER_KEYS.flatMap((key) => (input[key] === undefined ? [] : [[key, input[key]]])),
  ) as ReportFilters;
}
