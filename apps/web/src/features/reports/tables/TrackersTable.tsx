import type { ReportCall, ReportView } from '@callmine/contracts';
import { useId } from 'react';
import { n, percent } from '../format.ts';
import { trackerRows } from '../report-csv.ts';
import { EvidenceRow } from './EvidenceRow.tsx';
import { useOpenRows } from './EvidenceToggle.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';

/** Trackers ranked by mentions, each followed by its phrases, with the counts split by who said them. */
export function TrackersTable({
  report,
  calls,
}: {
  report: ReportView;
  calls: ReadonlyMap<string, ReportCall>;
}) {
  const id = useId();
  const rows = useOpenRows();
  const trackers = [...(report.result.trackers ?? [])].sort((a, b) => b.mentions - a.mentions);
  return (
    <section aria-labelledby={`${id}-h`} className="report-section">
      <div className="section-head">
        <h2 id={`${id}-h`}>Trackers</h2>
        <ExportCsvButton
          reportName={report.name}
          from={report.from}
          to={report.to}
          table="trackers"
          label="trackers"
          rows={() => trackerRows(report)}
        />
      </div>
      {trackers.length === 0 ? (
        <p className="empty">This analysis had no trackers.</p>
      ) : (
        <table className="ranked">
          <caption className="visually-hidden">Trackers by mentions, with their phrases</caption>
          <thead>
            <tr>
              <th scope="col">Tracker / phrase</th>
              <th scope="col">Mentions</th>
              <th scope="col">By your team</th>
              <th scope="col">By customers</th>
              <th scope="col">Calls mentioning</th>
              <th scope="col">Share of calls</th>
              <th scope="col">
                <span className="visually-hidden">Evidence</span>
              </th>
            </tr>
          </thead>
          {trackers.map((tracker, i) => (
            <tbody key={tracker.name} className="keep-together">
              <EvidenceRow
                rowId={`${id}-t${i}`}
                label={tracker.name}
                columns={7}
                openRows={rows}
                evidence={tracker.evidence}
                total={tracker.mentions}
                calls={calls}
                hasEvidence={tracker.mentions > 0}
                className="group-row"
                subRows={tracker.phrases.map((phrase) => (
                  <tr key={phrase.phrase} className="sub-row">
                    <th scope="row">{phrase.phrase}</th>
                    <td>{n(phrase.mentions)}</td>
                    <td>{n(phrase.bySide.internal)}</td>
                    <td>{n(phrase.bySide.external)}</td>
                    <td>{n(phrase.callsMentioning)}</td>
                    <td />
                    <td />
                  </tr>
                ))}
              >
                <td>{n(tracker.mentions)}</td>
                <td>{n(tracker.bySide.internal)}</td>
                <td>{n(tracker.bySide.external)}</td>
                <td>{n(tracker.callsMentioning)}</td>
                <td>{percent(tracker.shareOfCalls)}</td>
              </EvidenceRow>
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
