import type { ReportCall, ReportView } from '@callmine/contracts';
import { useId } from 'react';
import { changeLabel, n } from '../format.ts';
import { themeRows } from '../report-csv.ts';
import { EvidenceRow } from './EvidenceRow.tsx';
import { useOpenRows } from './EvidenceToggle.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';

/** The phrases customers use most, with their change against the previous period of the same length. */
export function ThemesTable({
  report,
  calls,
}: {
  report: ReportView;
  calls: ReadonlyMap<string, ReportCall>;
}) {
  const id = useId();
  const rows = useOpenRows();
  const themes = report.result.themes;
  if (!themes) return null;
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
      <PreviousPeriod period={report.parameters.previousPeriod} />
      {themes.themes.length === 0 ? (
        <p className="empty">Customers said too little on these calls to find themes.</p>
      ) : (
        <table className="ranked">
          <caption className="visually-hidden">Customer themes by weight</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col">Mentions</th>
              <th scope="col">Calls</th>
              <th scope="col">Per 1,000 words</th>
              <th scope="col">Change vs previous period</th>
              <th scope="col">
                <span className="visually-hidden">Evidence</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {themes.themes.map((theme, i) => {
              const key = `${id}-th${i}`;
              return (
                <EvidenceRow
                  key={key}
                  rowId={key}
                  label={theme.phrase}
                  columns={6}
                  openRows={rows}
                  evidence={theme.evidence}
                  total={theme.count}
                  calls={calls}
                >
                  <td>{n(theme.count)}</td>
                  <td>{n(theme.callCount)}</td>
                  <td>{theme.ratePerThousand.toFixed(2)}</td>
                  <td>{changeLabel(theme.ratePerThousand, theme.previousRatePerThousand)}</td>
                </EvidenceRow>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What the change column compares with: calls of the previous period already in Callmine (no extra Gong requests). */
function PreviousPeriod({ period }: { period: ReportView['parameters']['previousPeriod'] }) {
  if (!period) return null;
  return (
    <p className="hint">
      {period.calls > 0
        ? `Previous period: ${period.from} to ${period.to}, ${n(period.calls)} ${period.calls === 1 ? 'call' : 'calls'} already in Callmine.`
        : `No calls from the previous period (${period.from} to ${period.to}) were in Callmine yet, so no change is shown.`}
    </p>
  );
}
