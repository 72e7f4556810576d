import type {
  Evidence,
  ReportEvidenceInput,
  ReportEvidenceItem,
  ReportEvidencePage,
} from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { callFilter, filtersOf, saysAny } from './report-filters.ts';
import { loadStoredReport, type StoredReport } from './stored-report.ts';

// reports.evidence: one page of the sentences behind a section's counts (or one row's), narrowed by the view's
// filters and a search, newest call first, each with its call's title, date and rep.

type Input = Required<Pick<ReportEvidenceInput, 'reportId' | 'section' | 'cursor' | 'limit'>> &
  Omit<ReportEvidenceInput, 'reportId' | 'section' | 'cursor' | 'limit'>;

function sectionEvidence(report: StoredReport, section: Input['section'], key?: string): Evidence[] {
  const { result } = report;
  const pick = <T extends { evidence: Evidence[] }>(rows: T[] | undefined, keyOf: (row: T) => string) =>
    (rows ?? []).filter((row) => key === undefined || keyOf(row) === key).flatMap((row) => row.evidence);
  switch (section) {
    case 'trackers':
      return pick(result.trackers ?? [], (t) => t.name);
    case 'questions':
      return pick(result.questions?.groups, (g) => g.question);
    case 'themes':
      return pick(result.themes?.themes, (t) => t.phrase);
    case 'talk':
      return (result.talk ?? [])
        .filter((rep) => key === undefined || rep.repId === key)
        .flatMap((rep) => [rep.longestMonologue, rep.longestCustomerStory])
        .filter((e): e is Evidence => e !== null);
  }
}

export async function pageEvidence(db: Db, workspaceId: string, input: Input): Promise<ReportEvidencePage> {
  const { report, index } = await loadStoredReport(db, workspaceId, input.reportId);
  const filters = filtersOf(input);
  const calls = new Map(report.calls.map((c) => [c.id, c]));
  // The row's tracker is the tracker filter for its evidence; a phrase filter keeps the sentences that say it.
  const tracker = input.section === 'trackers' ? (input.key ?? filters.tracker) : filters.tracker;
  const keep = callFilter({ ...filters, ...(tracker ? { tracker } : {}) }, index, ['phrase']);
  const terms = filters.phrase ? index.phraseTerms(filters.phrase) : null;
  const search = input.search?.toLowerCase();
  const seen = new Set<string>();
  const items: ReportEvidenceItem[] = [];
  for (const e of sectionEvidence(report, input.section, input.key)) {
    const call = calls.get(e.callId);
    if (!call || !keep(call)) continue;
    const id = `${e.callId}:${e.sentenceIndex}`;
    if (seen.has(id)) continue;
    if (
      terms &&
      !(input.section === 'trackers'
        ? saysAny(e.text, terms)
        : index.callsSaying(filters.phrase!).has(e.callId))
    )
      continue;
    if (search && !e.text.toLowerCase().includes(search) && !call.title.toLowerCase().includes(search))
      continue;
    seen.add(id);
    items.push({
      ...e,
      callTitle: call.title,
      callStarted: call.started,
      callUrl: call.url,
      repId: call.repId,
      repName: report.reps[call.repId] ?? call.repId,
    });
  }
  items.sort((a, b) => b.callStarted.localeCompare(a.callStarted) || a.sentenceIndex - b.sentenceIndex);
  const page = items.slice(input.cursor, input.cursor + input.limit);
  const next = input.cursor + page.length;
  return { items: page, total: items.length, nextCursor: next < items.length ? next : null };
}
