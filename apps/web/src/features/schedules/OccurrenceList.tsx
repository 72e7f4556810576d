import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { runHref } from '../runs/run-label.ts';
import { WithGongCardLink } from '../settings/integrations/gong/GongCardLink.tsx';
import { resultBadge, resultLabel } from './occurrence-result.ts';

const day = (iso: string) => new Date(iso).toLocaleString();

/** A schedule's recent occurrences: each slot, what happened, the window it analysed, and a link to its run. */
export function OccurrenceList({ scheduleId }: { scheduleId: string }) {
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.schedules.get.queryOptions({ id: scheduleId }), refetchInterval: 2000 });
  if (detail.isError) return <Alert tone="error">{errorMessage(detail.error)}</Alert>;
  if (!detail.data) return <p>Loading history…</p>;
  if (detail.data.occurrences.length === 0) return <p className="hint">No occurrences yet.</p>;
  return (
    <ol className="occurrences" aria-label="Occurrences">
      {detail.data.occurrences.map((o) => (
        <li key={o.id}>
          <span className={resultBadge(o.result)}>{resultLabel[o.result]}</span>{' '}
          {o.trigger === 'manual' ? 'Run now at' : 'Slot'} {day(o.slot)}
          {o.caughtUp ? ' · caught up after downtime' : ''}
          {o.result === 'skipped' ? ' · missed while no worker was running' : ''}
          {o.windowFrom && o.windowTo ? ` · calls from ${day(o.windowFrom)} to ${day(o.windowTo)}` : ''}
          {o.reason ? (
            <span className="run-error">
              {' '}
              · <WithGongCardLink text={o.reason} />
            </span>
          ) : null}
          {o.runId ? (
            <>
              {' '}
              · <Link to={runHref(o.runId)}>View run</Link>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
