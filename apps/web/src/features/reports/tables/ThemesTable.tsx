import type { ReportFilters, ReportOverview } from '@callmine/contracts';
import { useId } from 'react';
import { changeLabel, n, themeChange } from '../format.ts';
import { themeRows } from '../report-csv.ts';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { FIRST_ROWS, ReportTable } from './ReportTable.tsx';

type Theme = NonNullable<ReportOverview['result']['themes']>['themes'][number];

/** The customers' themes with their change against the previous period; the evidence follows the view's filters. */
export function ThemesTable({ report, filters }: { report: ReportOverview; filters: ReportFilters }) {
  const id = useId();
  const themes = report.result.themes;
  if (!themes) return null;
  const period = report.parameters.previousPeriod;
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Themes</h2>
        <ExportCsvButton
          reportName={report.name}
          from={report.from}
          to={report.to}
          table="themes"
          label="themes"
          rows={() => themeRows(report)}
        />
      </div>
      <p className="hint">
        Phrases of one to three words customers used most ({n(themes.customerWords)} customer words in all),
        weighed against how common they are across all calls. The change compares mentions per 1,000 customer
        words with the previous period of the same length.
      </p>
      {period ? (
        <p className="hint">
          {period.calls > 0
            ? `Previous period: ${period.from} to ${period.to}, ${n(period.calls)} ${period.calls === 1 ? 'call' : 'calls'} already in Callmine.`
            : `No calls from the previous period (${period.from} to ${period.to}) were in Callmine yet, so no change is shown.`}
        </p>
      ) : null}
      {themes.themes.length === 0 ? (
        <p className="empty">Customers said too little on these calls to find themes.</p>
      ) : (
        <ReportTable<Theme>
          caption="Customer themes"
          firstRows={FIRST_ROWS}
          rows={themes.themes}
          rowKey={(t) => t.phrase}
          rowLabel={(t) => t.phrase}
          defaultSort="weight"
          rowHeader={{ key: 'phrase', header: 'Theme', cell: (t) => t.phrase, sortValue: (t) => t.phrase }}
          columns={[
            { key: 'weight', header: 'Weight', cell: (t) => t.score.toFixed(2), sortValue: (t) => t.score },
            { key: 'mentions', header: 'Mentions', cell: (t) => n(t.count), sortValue: (t) => t.count },
            { key: 'calls', header: 'Calls', cell: (t) => n(t.callCount), sortValue: (t) => t.callCount },
            {
              key: 'rate',
              header: 'Per 1,000 words',
              cell: (t) => t.ratePerThousand.toFixed(2),
              sortValue: (t) => t.ratePerThousand,
            },
            {
              key: 'change',
              header: 'Change vs previous period',
              cell: (t) => changeLabel(t.ratePerThousand, t.previousRatePerThousand),
              sortValue: (t) => themeChange(t.ratePerThousand, t.previousRatePerThousand),
            },
          ]}
          evidence={{ section: 'themes', reportId: report.id, filters, keyOf: (t) => t.phrase }}
        />
      )}
    </section>
  );
}
