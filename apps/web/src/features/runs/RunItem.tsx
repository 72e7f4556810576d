import type { RunView } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { WithGongCardLink } from '../settings/integrations/gong/GongCardLink.tsx';
import { RunQuotaNote } from './RunQuotaNote.tsx';
import { runOrigin, runTitle } from './run-label.ts';
import { formatDuration, runProgress } from './run-progress.ts';

const statusLabel: Record<RunView['status'], string> = {
  queued: 'Queued',
  fetching: 'Fetching',
  analyzing: 'Analysing',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
};

const n = (value: number) => value.toLocaleString('en-US');

/**
 * One run: what it selected, a live progress bar, elapsed time and estimate, its result or its error.
 * `highlighted` when a link named it (/runs?run=<id>, e.g. a schedule's "View its run"): scrolled into view.
 */
export function RunItem({
  run,
  now,
  highlighted = false,
}: {
  run: RunView;
  now: number;
  highlighted?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.runs.cancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() }),
    }),
  );
  const progress = runProgress(run, now);
  const active = run.status === 'queued' || run.status === 'fetching' || run.status === 'analyzing';
  const title = runTitle({ name: run.name, from: run.selection.from, to: run.selection.to });
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    if (highlighted) item.current?.scrollIntoView?.({ block: 'center' });
  }, [highlighted]);
  return (
    <li
      ref={item}
      className={highlighted ? 'card run-highlighted' : 'card'}
      aria-label={title}
      aria-current={highlighted ? 'true' : undefined}
      id={`run-${run.id}`}
    >
      <h3>
        {title} <span className={`badge badge-run-${run.status}`}>{statusLabel[run.status]}</span>
        {/* As the Reports list tags it: a run the allowance cut short is done, but not whole. */}
        {run.status === 'done' && run.quota?.partial ? (
          <>
            {' '}
            <span className="badge badge-partial">Partial</span>
          </>
        ) : null}
      </h3>
      <p className="hint">
        {runOrigin(run)} · {new Date(run.createdAt).toLocaleString()}
        {run.credentialVersion !== null ? ` · Gong key version ${run.credentialVersion}` : ''}
      </p>
      <progress
        aria-label={`${title} progress`}
        max={1}
        value={progress.fraction}
        aria-valuetext={progress.label}
      />
      <p>
        {progress.label}
        {progress.elapsedMs > 0 ? ` · ${formatDuration(progress.elapsedMs)} elapsed` : ''}
        {progress.remainingMs !== undefined ? ` · about ${formatDuration(progress.remainingMs)} left` : ''}
      </p>
      {run.pausedUntil ? (
        <Alert tone="info">
          Today’s Gong request budget is used up; this run continues at{' '}
          {new Date(run.pausedUntil).toLocaleString()}.
        </Alert>
      ) : null}
      {/* Not an Alert: an error alert takes focus, and history must not steal it on every visit. */}
      {run.error ? (
        <p className="run-error">
          <WithGongCardLink text={run.error} />
        </p>
      ) : null}
      <RunQuotaNote quota={run.quota} />
      {cancel.isError ? <Alert tone="error">{errorMessage(cancel.error)}</Alert> : null}
      {run.totals ? (
        <dl className="totals">
          <dt>Calls analysed</dt>
          <dd>{n(run.totals.callsAnalyzed)}</dd>
          <dt>Transcripts</dt>
          <dd>{n(run.totals.transcripts)}</dd>
          <dt>Total duration</dt>
          <dd>{formatDuration(run.totals.durationSeconds * 1000)}</dd>
          <dt>Sentences by your team</dt>
          <dd>{n(run.totals.sentencesInternal)}</dd>
          <dt>Sentences by customers</dt>
          <dd>{n(run.totals.sentencesExternal)}</dd>
        </dl>
      ) : null}
      {run.reportId ? (
        <p>
          <Link to={`/reports/${run.reportId}`}>Open the report</Link>
        </p>
      ) : null}
      {active ? (
        <div className="actions">
          <button
            type="button"
            onClick={() => cancel.mutate({ id: run.id })}
            disabled={cancel.isPending || run.cancelRequested}
          >
            {run.cancelRequested ? 'Canceling…' : 'Cancel run'}
          </button>
        </div>
      ) : null}
    </li>
  );
}
