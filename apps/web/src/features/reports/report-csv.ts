// Each ranked table of a report as CSV rows: the same figures the page shows, one row per item, ready for toCsv.
import type { ReportOverview } from '@callmine/contracts';
import type { CsvCell } from '../../lib/csv.ts';
import { themeChange } from './format.ts';

type Rows = CsvCell[][];

const ratio = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * One row per phrase, under its tracker, with the counts split by who said it. Under a call filter the trackers'
 * mentions, calls and share are the filtered calls' ("in view"), as the table shows them.
 */
export function trackerRows(report: ReportOverview): Rows {
  const filtered = new Map((report.filteredTrackers ?? []).map((t) => [t.name, t]));
  const suffix = report.filteredTrackers ? ' (in view)' : '';
  const rows: Rows = [
    [
      'Tracker',
      'Phrase',
      `Mentions${suffix}`,
      'By your team',
      'By customers',
      'By unknown speakers',
      `Calls mentioning${suffix}`,
      `Share of calls${suffix}`,
    ],
  ];
  for (const tracker of report.result.trackers ?? []) {
    const view = filtered.get(tracker.name) ?? tracker;
    rows.push([
      tracker.name,
      '(all phrases)',
      view.mentions,
      tracker.bySide.internal,
      tracker.bySide.external,
      tracker.bySide.unknown,
      view.callsMentioning,
      ratio(view.shareOfCalls),
    ]);
    for (const phrase of tracker.phrases) {
      rows.push([
        tracker.name,
        phrase.phrase,
        phrase.mentions,
        phrase.bySide.internal,
        phrase.bySide.external,
        phrase.bySide.unknown,
        phrase.callsMentioning,
        null,
      ]);
    }
  }
  return rows;
}

export function questionRows(report: ReportOverview): Rows {
  const rows: Rows = [['Question', 'Calls asking', 'Times asked', 'Other wordings']];
  for (const group of report.result.questions?.groups ?? []) {
    const others = group.wordings.filter((w) => w !== group.question);
    rows.push([group.question, group.callCount, group.askedCount, others.join(' | ')]);
  }
  return rows;
}

export function themeRows(report: ReportOverview): Rows {
  const rows: Rows = [
    ['Theme', 'Mentions', 'Calls', 'Per 1,000 customer words', 'Previous period per 1,000', 'Change (%)'],
  ];
  for (const theme of report.result.themes?.themes ?? []) {
    rows.push([
      theme.phrase,
      theme.count,
      theme.callCount,
      Math.round(theme.ratePerThousand * 100) / 100,
      theme.previousRatePerThousand === null ? null : Math.round(theme.previousRatePerThousand * 100) / 100,
      themeChange(theme.ratePerThousand, theme.previousRatePerThousand),
    ]);
  }
  return rows;
}

export function talkRows(report: ReportOverview): Rows {
  const rows: Rows = [
    [
      'Rep',
      'Calls',
      'Talk ratio',
      'Longest monologue (s)',
      'Longest customer story (s)',
      'Interactivity (switches/min)',
      'Questions per hour',
    ],
  ];
  for (const rep of report.result.talk ?? []) {
    rows.push([
      report.reps[rep.repId] ?? rep.repId,
      rep.calls,
      ratio(rep.talkRatio),
      seconds(rep.longestMonologueMs),
      seconds(rep.longestCustomerStoryMs),
      ratio(rep.interactivity),
      ratio(rep.questionRate),
    ]);
  }
  return rows;
}
