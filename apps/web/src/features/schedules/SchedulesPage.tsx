import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { GongNotice } from './GongNotice.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { ScheduleItem } from './ScheduleItem.tsx';

const POLL_MS = 5000;

/** Schedules: saved analyses on a cadence. Create, edit, pause, resume, delete, run now; next run in both zones. */
export function SchedulesPage() {
  const trpc = useTRPC();
  // Polled: the worker claims slots and runs move on without anyone clicking.
  const schedules = useQuery({ ...trpc.schedules.list.queryOptions(), refetchInterval: POLL_MS });
  const zone = useQuery(trpc.schedules.workspaceTimeZone.queryOptions());
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const editingSchedule = useQuery({
    ...trpc.schedules.get.queryOptions({ id: editing ?? '' }),
    enabled: editing !== null && editing !== 'new',
  });

  return (
    <section>
      <h1>Schedules</h1>
      <p className="hint">
        A schedule runs a saved analysis on a cadence. Each run analyses the calls since the previous one (a
        weekly schedule: the last 7 days). After downtime, the newest missed run happens once when the worker
        starts again; older missed ones are skipped.
      </p>
      <GongNotice />
      {editing === 'new' && zone.data ? (
        <ScheduleEditor defaultZone={zone.data.timeZone} onDone={() => setEditing(null)} />
      ) : null}
      {editing && editing !== 'new' && editingSchedule.data && zone.data ? (
        <ScheduleEditor
          key={editing}
          existing={editingSchedule.data}
          defaultZone={zone.data.timeZone}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {editing === null ? (
        <div className="actions">
          <button type="button" onClick={() => setEditing('new')}>
            New schedule
          </button>
        </div>
      ) : null}
      {schedules.isError ? <Alert tone="error">{errorMessage(schedules.error)}</Alert> : null}
      {schedules.isPending ? <p>Loading schedules…</p> : null}
      {schedules.data?.length === 0 ? (
        <div className="empty">
          <p>No schedules yet.</p>
          <p>Schedules run an analysis on a cadence, such as every Monday at 9:00, once Gong is connected.</p>
        </div>
      ) : null}
      <ul className="runs" aria-label="Schedules">
        {schedules.data?.map((s) => (
          <ScheduleItem key={s.id} schedule={s} onEdit={() => setEditing(s.id)} />
        ))}
      </ul>
    </section>
  );
}
