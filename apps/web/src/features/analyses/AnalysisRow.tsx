import type { AnalysisView } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { runHref } from '../runs/run-label.ts';
import { UsageEstimateWarning } from '../usage/UsageEstimateWarning.tsx';

const analyserLabel = {
  trackers: 'Trackers',
  questions: 'Questions',
  themes: 'Themes',
  talk: 'Talk metrics',
};
const statusLabel = {
  queued: 'Queued',
  fetching: 'Fetching',
  analyzing: 'Analysing',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
};

export function windowLabel(window: AnalysisView['window']): string {
  return window.kind === 'relative'
    ? `Last ${window.lastDays} ${window.lastDays === 1 ? 'day' : 'days'}`
    : `${window.from} to ${window.to}`;
}

/** One saved analysis: what it looks at, its last run, and run / edit / delete (asking first). */
export function AnalysisRow({ analysis }: { analysis: AnalysisView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const run = useMutation(
    trpc.analyses.run.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        navigate(runHref(started.id));
      },
    }),
  );
  // What Run now would charge, its window resolved today; a warning under the buttons when the allowance is short.
  const estimate = useQuery(trpc.analyses.estimate.queryOptions({ id: analysis.id }));
  const remove = useMutation(
    trpc.analyses.delete.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.analyses.list.queryKey() }),
    }),
  );
  // Asked when the confirmation opens: the schedules deleted with it are named before anyone agrees.
  const schedules = useQuery({
    ...trpc.analyses.schedules.queryOptions({ id: analysis.id }),
    enabled: confirming,
  });
  const trackers = analysis.settings.analysers.includes('trackers') ? analysis.settings.trackers.length : 0;
  return (
    <tr>
      <th scope="row">
        <Link to={`/analyses/${analysis.id}`}>{analysis.name}</Link>
      </th>
      <td>{windowLabel(analysis.window)}</td>
      <td>
        {analysis.settings.analysers.map((a) => analyserLabel[a]).join(', ')}
        {trackers > 0 ? (
          <span className="hint block">{trackers === 1 ? '1 tracker' : `${trackers} trackers`}</span>
        ) : null}
      </td>
      <td>
        {analysis.lastRun ? (
          <>
            <span className={`badge badge-run-${analysis.lastRun.status}`}>
              {statusLabel[analysis.lastRun.status]}
            </span>{' '}
            <Link to={runHref(analysis.lastRun.id)}>
              {new Date(analysis.lastRun.createdAt).toLocaleString()}
            </Link>
          </>
        ) : (
          'Never run'
        )}
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={run.isPending}
            onClick={() => run.mutate({ id: analysis.id })}
            aria-label={`Run ${analysis.name} now`}
          >
            {run.isPending ? 'Starting…' : 'Run now'}
          </button>
          <Link to={`/analyses/${analysis.id}`} className="button" aria-label={`Edit ${analysis.name}`}>
            Edit
          </Link>
          {confirming ? (
            <fieldset className="confirm">
              <legend>Delete “{analysis.name}”? Its runs and reports stay.</legend>
              {schedules.data && schedules.data.length > 0 ? (
                <p>
                  {schedules.data.length === 1 ? 'Its schedule is' : 'Its schedules are'} deleted with it and
                  will not run again: {schedules.data.map((s) => s.description).join('; ')}.
                </p>
              ) : null}
              <button
                type="button"
                className="danger"
                disabled={remove.isPending || !schedules.data}
                onClick={() =>
                  remove.mutate({ id: analysis.id, deleteSchedules: (schedules.data?.length ?? 0) > 0 })
                }
              >
                Yes, delete
              </button>
              {/* biome-ignore lint/a11y/noAutofocus: focus moves to the safe choice when the question appears. */}
              <button type="button" autoFocus onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </fieldset>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} aria-label={`Delete ${analysis.name}`}>
              Delete
            </button>
          )}
        </div>
        <UsageEstimateWarning estimate={estimate.data} subject="Running this analysis now" />
        {run.isError ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      </td>
    </tr>
  );
}
