import type { ReportCallRow, ReportCallsInput, ReportCallsPage, ReportCallsSort } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { callFilter, filtersOf } from './report-filters.ts';
import { loadStoredReport } from './stored-report.ts';

// reports.calls: one page of the report's calls, narrowed by the view's filters and a search, in the chosen order.

type Input = Required<Pick<ReportCallsInput, 'reportId' | 'sort' | 'cursor' | 'limit'>> &
  Omit<ReportCallsInput, 'reportId' | 'sort' | 'cursor' | 'limit'>;

const ORDER: Record<ReportCallsSort, (a: ReportCallRow, b: ReportCallRow) => number> = {
  newest: (a, b) => b.started.localeCompare(a.started),
  oldest: (a, b) => a.started.localeCompare(b.started),
  mentions: (a, b) => b.mentions - a.mentions || b.started.localeCompare(a.started),
  title: (a, b) => a.title.localeCompare(b.title),
  rep: (a, b) => a.repName.localeCompare(b.repName) || b.started.localeCompare(a.started),
  duration: (a, b) => b.durationSeconds - a.durationSeconds,
};

export async function pageCalls(db: Db, workspaceId: string, input: Input): Promise<ReportCallsPage> {
  const { report, index } = await loadStoredReport(db, workspaceId, input.reportId);
  const filters = filtersOf(input);
  const keep = callFilter(filters, index);
  const counted = filters.tracker
    ? [index.trackerByCall.get(filters.tracker) ?? {}]
    : [...index.trackerByCall.values()];
  const search = input.search?.toLowerCase();
  const rows: ReportCallRow[] = [];
  for (const call of report.calls) {
    if (!keep(call)) continue;
    const repName = report.reps[call.repId] ?? call.repId;
    if (search && !call.title.toLowerCase().includes(search) && !repName.toLowerCase().includes(search))
      continue;
    rows.push({
      id: call.id,
      title: call.title,
      url: call.url,
      started: call.started,
      durationSeconds: call.durationSeconds,
      repId: call.repId,
      repName,
      mentions: counted.reduce((sum, byCall) => sum + (byCall[call.id] ?? 0), 0),
    });
  }
  rows.sort(ORDER[input.sort]);
  const page = rows.slice(input.cursor, input.cursor + input.limit);
  const next = input.cursor + page.length;
  return { items: page, total: rows.length, nextCursor: next < rows.length ? next : null };
}
