import type { DealBucket, ReportFilters, ReportOverview } from '@callmine/contracts';
import { compareText } from './compare-text.ts';
import { n } from './format.ts';
import type { ReportFilterState } from './use-report-filters.ts';

// The report's filters as selects. Each filter is one entry of filterFields: its label and its choices from the
// report (a filter with no choices, e.g. deal stage on a report without deal data, is not shown).

type Choice = { value: string; label: string };
type Field = {
  key: keyof ReportFilters;
  label: string;
  choices: (report: ReportOverview, f: ReportFilters) => Choice[];
};

/** The stage analysis gives calls without an opportunity in deals.stage. */
const NO_DEAL_STAGE = 'No deal';
const outcomeChoices: Array<{ value: DealBucket; label: string }> = [
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
  { value: 'open', label: 'Open' },
  { value: 'none', label: 'No deal' },
];

const filterFields: Field[] = [
  {
    key: 'rep',
    label: 'Rep',
    choices: (r) =>
      r.trends.reps
        .map((rep) => ({ value: rep.repId, label: r.reps[rep.repId] ?? rep.repId }))
        .sort((a, b) => compareText(a.label, b.label)),
  },
  {
    key: 'week',
    label: 'Week',
    choices: (r) =>
      r.trends.weeks.map((w) => ({
        value: w.week,
        label: `${w.week} (${w.from} to ${w.to})${w.coverage === 'full' ? '' : ', partial'}`,
      })),
  },
  {
    key: 'tracker',
    label: 'Tracker',
    choices: (r) => (r.result.trackers ?? []).map((t) => ({ value: t.name, label: t.name })),
  },
  {
    key: 'phrase',
    label: 'Phrase',
    choices: (r, f) =>
      (r.result.trackers ?? [])
        .filter((t) => !f.tracker || t.name === f.tracker)
        .flatMap((t) => t.phrases.map((p) => ({ value: p.phrase, label: p.phrase }))),
  },
  {
    key: 'stage',
    label: 'Deal stage',
    choices: (r) =>
      Object.keys(r.result.deals?.stage ?? {})
        // "No deal" is the outcome filter's job; a stage is an opportunity's.
        .filter((stage) => stage !== NO_DEAL_STAGE)
        .sort(compareText)
        .map((stage) => ({ value: stage, label: stage })),
  },
  {
    key: 'outcome',
    label: 'Outcome',
    // Offered when some call has CRM context (the counts there are of transcribed calls, so none shown here).
    choices: (r) => (r.result.deals ? outcomeChoices : []),
  },
];

export function FilterBar({
  report,
  filter,
  matching,
}: {
  report: ReportOverview;
  filter: ReportFilterState;
  /** The calls the chosen filters match; null while the server's answer is awaited and the page can't tell. */
  matching: number | null;
}) {
  const active = Object.keys(filter.filters).length > 0;
  return (
    <form className="filters no-print" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {filterFields.map((field) => {
        const choices = field.choices(report, filter.filters);
        const value = filter.filters[field.key];
        if (choices.length === 0 && !value) return null;
        return (
          <label key={field.key}>
            {field.label}{' '}
            <select value={value ?? ''} onChange={(e) => filter.set(field.key, e.target.value || undefined)}>
              <option value="">All</option>
              {value && !choices.some((c) => c.value === value) ? (
                <option value={value}>{value}</option>
              ) : null}
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {active ? (
        <>
          <button type="button" onClick={filter.clear}>
            Clear filters
          </button>
          <p className="hint" aria-live="polite">
            {matching === null ? 'Updating…' : `${n(matching)} of ${n(report.callsAnalyzed)} calls match.`}
          </p>
        </>
      ) : null}
    </form>
  );
}
