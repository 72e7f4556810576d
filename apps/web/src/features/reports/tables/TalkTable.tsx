import { type ReportFilters, type ReportOverview, TALK_METRIC_EXPLANATIONS } from '@callmine/contracts';
import { Fragment, useId } from 'react';
import { callTime, decimal, n, percent } from '../format.ts';
import { talkRows } from '../report-csv.ts';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { ReportTable } from './ReportTable.tsx';

type Rep = NonNullable<ReportOverview['result']['talk']>[number];

const metrics = [
  ['talkRatio', 'Talk ratio'],
  ['longestMonologue', 'Longest monologue'],
  ['longestCustomerStory', 'Longest customer story'],
  ['interactivity', 'Interactivity'],
  ['questionRate', 'Question rate'],
] as const;

/** Talk metrics per rep (the rep filter keeps one), each metric explained; the longest stretches drill down. */
export function TalkTable({ report, filters }: { report: ReportOverview; filters: ReportFilters }) {
  const id = useId();
  const talk = report.result.talk;
  if (!talk) return null;
  const repName = (repId: string) => report.reps[repId] ?? 'A rep no longer in Gong';
  const rows = talk.filter((rep) => !filters.rep || rep.repId === filters.rep);
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Talk metrics</h2>
        <ExportCsvButton
          reportName={report.name}
          from={report.from}
          to={report.to}
          table="talk-metrics"
          label="talk metrics"
          rows={() => talkRows(report)}
        />
      </div>
      <p className="hint">
        Only calls with a transcript count here (talk is measured from it), so a rep’s calls can be fewer than
        in the tracker tables, which count every call analysed.
      </p>
      <dl className="explanations">
        {metrics.map(([key, label]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{TALK_METRIC_EXPLANATIONS[key]}</dd>
          </Fragment>
        ))}
      </dl>
      {rows.length === 0 ? (
        <p className="empty">No rep had a call with a transcript.</p>
      ) : (
        <ReportTable<Rep>
          caption="Talk metrics per rep"
          rows={rows}
          rowKey={(r) => r.repId}
          rowLabel={(r) => repName(r.repId)}
          defaultSort="calls"
          rowHeader={{
            key: 'rep',
            header: 'Rep',
            cell: (r) => repName(r.repId),
            sortValue: (r) => repName(r.repId),
          }}
          columns={[
            { key: 'calls', header: 'Calls', cell: (r) => n(r.calls), sortValue: (r) => r.calls },
            {
              key: 'talkRatio',
              header: 'Talk ratio',
              cell: (r) => percent(r.talkRatio),
              sortValue: (r) => r.talkRatio,
            },
            {
              key: 'longestMonologue',
              header: 'Longest monologue',
              cell: (r) => callTime(r.longestMonologueMs),
              sortValue: (r) => r.longestMonologueMs,
            },
            {
              key: 'longestCustomerStory',
              header: 'Longest customer story',
              cell: (r) => callTime(r.longestCustomerStoryMs),
              sortValue: (r) => r.longestCustomerStoryMs,
            },
            {
              key: 'interactivity',
              header: 'Interactivity',
              cell: (r) => (r.interactivity === null ? '—' : `${decimal(r.interactivity)} / min`),
              sortValue: (r) => r.interactivity,
            },
            {
              key: 'questionRate',
              header: 'Question rate',
              cell: (r) => (r.questionRate === null ? '—' : `${decimal(r.questionRate)} / h`),
              sortValue: (r) => r.questionRate,
            },
          ]}
          evidence={{
            section: 'talk',
            reportId: report.id,
            filters: {},
            keyOf: (r) => (r.longestMonologue || r.longestCustomerStory ? r.repId : null),
            note: <p className="hint">Where the longest monologue and the longest customer story start.</p>,
          }}
        />
      )}
    </section>
  );
}
