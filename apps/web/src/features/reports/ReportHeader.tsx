import type { ReportView } from '@callmine/contracts';
import { Alert } from '../../components/Alert.tsx';
import { n } from './format.ts';

/** What the report covers and where it came from: dates, calls, who ran it, when, with which Gong key version. */
export function ReportHeader({ report }: { report: ReportView }) {
  const { selection } = report.parameters;
  const filters = [
    selection.repEmails.length > 0 ? `reps ${selection.repEmails.join(', ')}` : null,
    selection.externalOnly ? 'external calls only' : null,
    selection.minDurationMinutes > 0 ? `at least ${selection.minDurationMinutes} minutes` : null,
    selection.titleContains ? `title contains “${selection.titleContains}”` : null,
  ].filter(Boolean);
  return (
    <header className="report-header">
      <h1>{report.name}</h1>
      <dl className="facts">
        <dt>Calls from</dt>
        <dd>
          {report.from} to {report.to}
        </dd>
        <dt>Calls analysed</dt>
        <dd>{n(report.callsAnalyzed)}</dd>
        <dt>Filters</dt>
        <dd>{filters.length > 0 ? filters.join('; ') : 'None'}</dd>
        <dt>Run by</dt>
        <dd>{report.createdBy ?? 'A former member or a schedule'}</dd>
        <dt>Made</dt>
        <dd>{new Date(report.createdAt).toLocaleString()}</dd>
        <dt>Gong key version</dt>
        <dd>{report.credentialVersion ?? 'Unknown'}</dd>
      </dl>
      {report.partial ? (
        <Alert tone="info">
          <strong>Partial: quota reached.</strong> The run selected {n(report.partial.callsSelected)} calls
          but analysed {n(report.partial.callsAnalyzed)}; {n(report.partial.callsSkipped)} were skipped
          because the workspace had used {n(report.partial.used)} of its {n(report.partial.allowance)} calls
          this month.
        </Alert>
      ) : null}
    </header>
  );
}
