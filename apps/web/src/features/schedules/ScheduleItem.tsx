import type { ScheduleView } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { runHref } from '../runs/run-label.ts';
import { instantInBothZones } from './next-run.ts';
import { OccurrenceList } from './OccurrenceList.tsx';
import { resultBadge, resultLabel } from './occurrence-result.ts';
import { ScheduleEstimateWarnings } from './ScheduleEstimateWarnings.tsx';

/** One schedule: cadence, next run in both zones, last result, and its actions. */
export function ScheduleItem({ schedule, onEdit }: { schedule: ScheduleView; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showHistory, setShowHistory] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.schedules.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.schedules.get.queryKey({ id: schedule.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.schedules.estimate.queryKey({ id: schedule.id }) });
  };
  const estimate = useQuery(trpc.schedules.estimate.queryOptions({ id: schedule.id }));
  const pause = useMutation(trpc.schedules.pause.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.schedules.resume.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.schedules.delete.mutationOptions({ onSuccess: refresh }));
  const runNow = useMutation(trpc.schedules.runNow.mutationOptions({ onSuccess: refresh }));
  const failed = pause.error ?? resume.error ?? remove.error ?? runNow.error;
  const busy = pause.isPending || resume.isPending || remove.isPending || runNow.isPending;
  const next = schedule.nextRunAt ? instantInBothZones(schedule.nextRunAt, schedule.timeZone) : null;
  const last = schedule.lastOccurrence;
  const title = `${schedule.analysisName}: ${schedule.description}`;

  return (
    <li className="card" aria-label={title}>
      <h3>
        {schedule.analysisName}{' '}
        {schedule.paused ? <span className="badge badge-run-canceled">Paused</span> : null}
      </h3>
      <p>{schedule.description}</p>
      <p className="hint">
        {schedule.windowMode === 'analysis'
          ? 'Each run covers the analysis’s own window.'
          : 'Each run covers the time since the previous run.'}
      </p>
      <dl className="totals">
        <dt>Next run</dt>
        {next ? (
          <dd>
            <span>{next.local} your time</span>
            <br />
            <span className="hint">{next.inScheduleZone}</span>
          </dd>
        ) : (
          <dd>{schedule.paused ? 'None while paused' : 'This cron expression never fires again'}</dd>
        )}
        <dt>Last result</dt>
        <dd>
          {last ? (
            <>
              <span className={resultBadge(last.result)}>{resultLabel[last.result]}</span>{' '}
              {last.trigger === 'manual' ? 'Run now' : 'Slot'} of {new Date(last.slot).toLocaleString()}
              {last.caughtUp ? ' · caught up after downtime' : ''}
              {last.reason ? <span className="run-error"> · {last.reason}</span> : null}
              {last.runId ? (
                <>
                  {' '}
                  · <Link to={runHref(last.runId)}>View its run</Link>
                </>
              ) : null}
              {last.reportId ? (
                <>
                  {' '}
                  · <Link to={`/reports/${last.reportId}`}>Open its report</Link>
                </>
              ) : null}
            </>
          ) : (
            'Not run yet'
          )}
        </dd>
      </dl>
      {failed ? <Alert tone="error">{errorMessage(failed)}</Alert> : null}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => runNow.mutate({ id: schedule.id })}>
          Run now
        </button>
        {schedule.paused ? (
          <button type="button" disabled={busy} onClick={() => resume.mutate({ id: schedule.id })}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => pause.mutate({ id: schedule.id })}>
            Pause
          </button>
        )}
        <button type="button" disabled={busy} onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (window.confirm('Delete this schedule? Its past runs and reports stay.')) {
              remove.mutate({ id: schedule.id });
            }
          }}
        >
          Delete
        </button>
        <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
          {showHistory ? 'Hide history' : 'History'}
        </button>
      </div>
      <ScheduleEstimateWarnings estimate={estimate.data} />
      {showHistory ? <OccurrenceList scheduleId={schedule.id} /> : null}
    </li>
  );
}
