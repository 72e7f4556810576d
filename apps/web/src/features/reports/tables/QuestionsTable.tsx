import type { ReportFilters, ReportOverview } from '@callmine/contracts';
import { useId } from 'react';
import { n } from '../format.ts';
import { questionRows } from '../report-csv.ts';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { FIRST_ROWS, ReportTable } from './ReportTable.tsx';

type Group = NonNullable<ReportOverview['result']['questions']>['groups'][number];

/** The customers' questions, grouped with their other wordings; the evidence follows the view's filters. */
export function QuestionsTable({ report, filters }: { report: ReportOverview; filters: ReportFilters }) {
  const id = useId();
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
          table="questions"
          label="questions"
          rows={() => questionRows(report)}
        />
      </div>
      <p className="hint">
        {n(questions.total)} questions from customers. Counts cover the whole report; the evidence follows the
        filters.
      </p>
      {questions.groups.length === 0 ? (
        <p className="empty">Customers asked no questions on these calls.</p>
      ) : (
        <ReportTable<Group>
          caption="Customer questions"
          firstRows={FIRST_ROWS}
          rows={questions.groups}
          rowKey={(g) => g.question}
          rowLabel={(g) => g.question}
          defaultSort="calls"
          rowHeader={{
            key: 'question',
            header: 'Question',
            sortValue: (g) => g.question,
            cell: (g) => {
              const others = g.wordings.filter((w) => w !== g.question);
              return (
                <>
                  {g.question}
                  {others.length > 0 ? (
                    <span className="hint block">Also asked as: {others.slice(0, 3).join(' · ')}</span>
                  ) : null}
                </>
              );
            },
          }}
          columns={[
            {
              key: 'calls',
              header: 'Calls asking',
              cell: (g) => n(g.callCount),
              sortValue: (g) => g.callCount,
            },
            {
              key: 'asked',
              header: 'Times asked',
              cell: (g) => n(g.askedCount),
              sortValue: (g) => g.askedCount,
            },
          ]}
          evidence={{ section: 'questions', reportId: report.id, filters, keyOf: (g) => g.question }}
        />
      )}
    </section>
  );
}
