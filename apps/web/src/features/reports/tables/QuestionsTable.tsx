import type { ReportCall, ReportView } from '@callmine/contracts';
import { useId } from 'react';
import { n } from '../format.ts';
import { questionRows } from '../report-csv.ts';
import { EvidenceRow } from './EvidenceRow.tsx';
import { useOpenRows } from './EvidenceToggle.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';

/** Customer questions, near-duplicates grouped, ranked by how many calls ask them. */
export function QuestionsTable({
  report,
  calls,
}: {
  report: ReportView;
  calls: ReadonlyMap<string, ReportCall>;
}) {
  const id = useId();
  const rows = useOpenRows();
  const questions = report.result.questions;
  if (!questions) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Customer questions</h2>
        <ExportCsvButton
          reportName={report.name}
          from={report.from}
          to={report.to}
          table="customer-questions"
          label="customer questions"
          rows={() => questionRows(report)}
        />
      </div>
      <p className="hint">
        {n(questions.total)} questions asked by customers; similar wordings are grouped and ranked by the
        number of calls that ask them.
      </p>
      {questions.groups.length === 0 ? (
        <p className="empty">Customers asked no questions on these calls.</p>
      ) : (
        <table className="ranked">
          <caption className="visually-hidden">Customer questions by calls asking</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Calls asking</th>
              <th scope="col">Times asked</th>
              <th scope="col">
                <span className="visually-hidden">Evidence</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {questions.groups.map((group, i) => {
              const key = `${id}-q${i}`;
              const others = group.wordings.filter((w) => w !== group.question);
              return (
                <EvidenceRow
                  key={key}
                  rowId={key}
                  label={group.question}
                  heading={
                    <>
                      {group.question}
                      {others.length > 0 ? (
                        <span className="hint block">Also asked as: {others.slice(0, 3).join(' · ')}</span>
                      ) : null}
                    </>
                  }
                  columns={4}
                  openRows={rows}
                  evidence={group.evidence}
                  total={group.askedCount}
                  calls={calls}
                >
                  <td>{n(group.callCount)}</td>
                  <td>{n(group.askedCount)}</td>
                </EvidenceRow>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
