import type { ReportOverview } from '@callmine/contracts';
import { Alert } from '../../components/Alert.tsx';
import { n } from './format.ts';

const CONNECTION_NOTE = {
  same: null,
  replaced:
    'The Gong connection was replaced after this report was made; the report keeps what the earlier connection read.',
  disconnected: 'Gong has been disconnected since this report was made; the report keeps what it read then.',
  unknown: null,
} as const;

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Which schedule and slot made the run, and the window that schedule chose. */
function scheduleLine(schedule: NonNullable<ReportOverview['schedule']>): string {
  const made =
    schedule.trigger === 'manual'
      ? `“Run now” on the schedule ${schedule.description}, at ${utc(schedule.slot)}`
      : `The schedule ${schedule.description}, its ${utc(schedule.slot)} slot`;
  const window =
    schedule.windowMode === 'analysis' ? 'the analysis’s own window' : 'the time since the previous run';
  return `${made}; each of its runs covers ${window}.`;
}

/** What the report covers and where it came from: dates, calls, who ran it and when. */
export function ReportHeader({ report }: { report: ReportOverview }) {
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
          {selection.fromDateTime && selection.toDateTime
            ? ` (from ${utc(selection.fromDateTime)} up to ${utc(selection.toDateTime)})`
            : null}
        </dd>
        {report.schedule ? (
          <>
            <dt>Made by</dt>
            <dd>{scheduleLine(report.schedule)}</dd>
          </>
        ) : null}
        <dt>Calls analysed</dt>
        <dd>{n(report.callsAnalyzed)}</dd>
        <dt>Filters</dt>
        <dd>{filters.length > 0 ? filters.join('; ') : 'None'}</dd>
        <dt>Run by</dt>
        <dd>{report.createdBy ?? 'A former member or a schedule'}</dd>
        <dt>Made</dt>
        {/* In UTC, as the header's other times: a page's first toLocaleString loads ICU's date data, 50–150 ms of the
            first draw on a busy machine. */}
        <dd>{utc(report.createdAt)}</dd>
      </dl>
      {CONNECTION_NOTE[report.connection] ? (
        <p className="hint">{CONNECTION_NOTE[report.connection]}</p>
      ) : null}
      {report.partial ? (
        <Alert tone="info">
          <strong>Partial: quota reached.</strong> The run selected {n(report.partial.callsSelected)} calls
          but analysed {n(report.partial.callsAnalyzed)}; {n(report.partial.callsSkipped)} were skipped
          because the workspace had used {n(report.partial.used)} of its {n(report.partial.allowance)} calls
          this month.{' '}
          {report.partial.admitted === 'newest-first'
            ? 'The newest calls were kept: the ones skipped are the oldest of the selection.'
            : 'This report predates the newest-first rule: the calls kept were those with the lowest Gong ids.'}{' '}
          Weeks with skipped calls are marked as partial in the trends.
        </Alert>
      ) : null}
    </header>
  );
}
