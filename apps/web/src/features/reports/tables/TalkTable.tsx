import { type ReportCall, type ReportView, TALK_METRIC_EXPLANATIONS } from '@callmine/contracts';
import { Fragment, useId } from 'react';
import { callTime, decimal, n, percent } from '../format.ts';
import { talkRows } from '../report-csv.ts';
import { EvidenceRow } from './EvidenceRow.tsx';
import { useOpenRows } from './EvidenceToggle.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';

const metrics = [
  ['talkRatio', 'Talk ratio'],
  ['longestMonologue', 'Longest monologue'],
  ['longestCustomerStory', 'Longest customer story'],
  ['interactivity', 'Interactivity'],
  ['questionRate', 'Question rate'],
] as const;

/** Talk metrics per rep, each metric explained above the table; the longest stretches drill down to where they start. */
export function TalkTable({ report, calls }: { report: ReportView; calls: ReadonlyMap<string, ReportCall> }) {
  const id = useId();
  const rows = useOpenRows();
  const talk = report.result.talk;
  if (!talk) return null;
  const repName = (repId: string) => report.reps[repId] ?? 'A rep no longer in Gong';
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
      <dl className="explanations">
        {metrics.map(([key, label]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{TALK_METRIC_EXPLANATIONS[key]}</dd>
          </Fragment>
        ))}
      </dl>
      {talk.length === 0 ? (
        <p className="empty">No rep had a call with a transcript.</p>
      ) : (
        <table className="ranked">
          <caption className="visually-hidden">Talk metrics per rep</caption>
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">Calls</th>
              {metrics.map(([key, label]) => (
                <th scope="col" key={key}>
                  {label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Evidence</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {talk.map((rep, i) => {
              const stretches = [rep.longestMonologue, rep.longestCustomerStory].filter((e) => e !== null);
              return (
                <EvidenceRow
                  key={rep.repId}
                  rowId={`${id}-r${i}`}
                  label={repName(rep.repId)}
                  columns={8}
                  openRows={rows}
                  evidence={stretches}
                  total={stretches.length}
                  calls={calls}
                  hasEvidence={stretches.length > 0}
                  note={
                    <p className="hint">Where the longest monologue and the longest customer story start.</p>
                  }
                >
                  <td>{n(rep.calls)}</td>
                  <td>{percent(rep.talkRatio)}</td>
                  <td>{callTime(rep.longestMonologueMs)}</td>
                  <td>{callTime(rep.longestCustomerStoryMs)}</td>
                  <td>{rep.interactivity === null ? '—' : `${decimal(rep.interactivity)} / min`}</td>
                  <td>{rep.questionRate === null ? '—' : `${decimal(rep.questionRate)} / h`}</td>
                </EvidenceRow>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
