import type { ReportCall } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { isAdmin, useSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { TalkRatioChart } from './charts/TalkRatioChart.tsx';
import { TrackerCharts } from './charts/TrackerCharts.tsx';
import { ReportHeader } from './ReportHeader.tsx';
import { SummaryTiles } from './SummaryTiles.tsx';
import { QuestionsTable } from './tables/QuestionsTable.tsx';
import { TalkTable } from './tables/TalkTable.tsx';
import { ThemesTable } from './tables/ThemesTable.tsx';
import { TrackersTable } from './tables/TrackersTable.tsx';

/** One report: header, tiles, charts, ranked tables with evidence and CSV export; prints cleanly. */
export function ReportPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const report = useQuery({ ...trpc.reports.get.queryOptions({ id }), retry: false });
  const calls = useMemo(
    () => new Map<string, ReportCall>((report.data?.calls ?? []).map((call) => [call.id, call])),
    [report.data],
  );
  if (report.isPending) return <p>Loading the report…</p>;
  if (report.isError) {
    return (
      <section>
        <h1>Report</h1>
        <Alert tone="error">{errorMessage(report.error)}</Alert>
        <p>
          <Link to="/reports">Back to all reports</Link>
        </p>
      </section>
    );
  }
  const data = report.data;
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">← All reports</Link>
      </p>
      <ReportHeader report={data} />
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <DeleteReport id={data.id} name={data.name} />
      </div>
      <SummaryTiles report={data} />
      {data.result.calls.total === 0 ? (
        <p className="empty">No calls matched this report’s selection, so there is nothing to show.</p>
      ) : (
        <>
          <div className="charts">
            <TrackerCharts report={data} />
            <TalkRatioChart report={data} />
          </div>
          {data.result.trackers ? <TrackersTable report={data} calls={calls} /> : null}
          <QuestionsTable report={data} calls={calls} />
          <ThemesTable report={data} calls={calls} />
          <TalkTable report={data} calls={calls} />
        </>
      )}
    </article>
  );
}

/** Admins only (the server checks too); asks before deleting, then returns to the list. */
function DeleteReport({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.reports.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.reports.list.queryKey() });
        navigate('/reports', { replace: true });
      },
    }),
  );
  if (!isAdmin(session.data)) return null;
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete report
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>Delete “{name}” for everyone? This can’t be undone.</legend>
      <button
        type="button"
        className="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ id })}
      >
        {remove.isPending ? 'Deleting…' : 'Yes, delete it'}
      </button>
      {/* biome-ignore lint/a11y/noAutofocus: focus moves to the safe choice when the question appears. */}
      <button type="button" autoFocus onClick={() => setConfirming(false)}>
        Keep it
      </button>
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
    </fieldset>
  );
}
