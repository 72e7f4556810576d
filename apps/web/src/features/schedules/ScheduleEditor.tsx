import { type ScheduleDetailView, scheduleFormInput, WEEKDAYS } from '@callmine/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { type FieldProps, useZodForm } from '../../lib/use-zod-form.ts';
import { windowLabel } from '../analyses/AnalysisRow.tsx';
import { knownTimeZones } from './next-run.ts';
import { ScheduleEstimateWarnings } from './ScheduleEstimateWarnings.tsx';

const kindOptions = [
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
  { value: 'cron', label: 'Cron expression (advanced)' },
];
const weekdayOptions = WEEKDAYS.map((d) => ({ value: d, label: d.charAt(0).toUpperCase() + d.slice(1) }));

type FormValues = {
  analysisId: string;
  kind: 'daily' | 'weekly' | 'monthly' | 'cron';
  time: string;
  weekday: string;
  dayOfMonth: string;
  cron: string;
  timeZone: string;
  windowMode: 'analysis' | 'since-previous';
};

function initialValues(existing: ScheduleDetailView | undefined, defaultZone: string): FormValues {
  const c = existing?.cadence;
  return {
    analysisId: existing?.analysisId ?? '',
    kind: c?.kind ?? 'weekly',
    time: c && c.kind !== 'cron' ? c.time : '09:00',
    weekday: c?.kind === 'weekly' ? c.weekday : 'monday',
    dayOfMonth: c?.kind === 'monthly' ? String(c.day) : '1',
    cron: c?.kind === 'cron' ? c.expression : '',
    timeZone: existing?.timeZone ?? defaultZone,
    windowMode: existing?.windowMode ?? 'analysis',
  };
}

/**
 * Create or edit a schedule. Validated by contracts' scheduleFormInput (the same schema schedules.create/update
 * parse); what only the server can check (a cron expression's meaning, the analysis still existing) comes back as a
 * field error.
 */
export function ScheduleEditor({
  existing,
  defaultZone,
  onDone,
}: {
  existing?: ScheduleDetailView;
  defaultZone: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const analyses = useQuery(trpc.analyses.list.queryOptions());
  const form = useZodForm(scheduleFormInput, initialValues(existing, defaultZone));
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.schedules.list.queryKey() });
    onDone();
  };
  const onError = (error: unknown) => form.showErrors(serverFieldErrors(error));
  const create = useMutation(trpc.schedules.create.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.schedules.update.mutationOptions({ onSuccess, onError }));
  const saving = create.isPending || update.isPending;
  const failed = create.error ?? update.error;
  const kind = form.values.kind;
  // Estimated while editing, once the fields parse; the server still checks what only it can (cron, analysis).
  const typed = form.values as FormValues;
  const complete = scheduleFormInput.safeParse(typed).success;
  const estimate = useQuery(
    trpc.schedules.estimateDraft.queryOptions(
      existing ? { id: existing.id, schedule: typed } : { schedule: typed },
      { enabled: complete, placeholderData: keepPreviousData },
    ),
  );
  const title = existing ? 'Edit schedule' : 'New schedule';
  const chosen = analyses.data?.find((a) => a.id === form.values.analysisId);
  const windowOptions = [
    {
      value: 'analysis',
      label: `The analysis’s own window${chosen ? ` (${windowLabel(chosen.window).toLowerCase()})` : ''}`,
    },
    { value: 'since-previous', label: 'The time since the previous run' },
  ];

  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label={title}
      className="card"
      onSubmit={form.handleSubmit(() => {
        if (saving) return;
        // The procedure parses the same schema: send the fields as typed.
        if (existing) update.mutate({ id: existing.id, schedule: typed });
        else create.mutate(typed);
      })}
    >
      <h2>{title}</h2>
      {failed ? <Alert tone="error">{errorMessage(failed)}</Alert> : null}
      {analyses.isError ? <Alert tone="error">{errorMessage(analyses.error)}</Alert> : null}
      {analyses.data?.length === 0 ? (
        <p className="hint">No saved analyses yet: save one on the Runs page first, then schedule it here.</p>
      ) : null}
      <SelectField
        label="Analysis"
        field={form.field('analysisId')}
        options={[
          { value: '', label: 'Choose an analysis…' },
          ...(analyses.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <SelectField label="Repeats" field={form.field('kind')} options={kindOptions} />
      {kind === 'weekly' ? (
        <SelectField label="Day of the week" field={form.field('weekday')} options={weekdayOptions} />
      ) : null}
      {kind === 'monthly' ? (
        <TextField
          label="Day of the month"
          field={form.field('dayOfMonth')}
          hint="1 to 31. In shorter months, days 29–31 run on the month’s last day."
        />
      ) : null}
      {kind === 'cron' ? (
        <TextField
          label="Cron expression"
          field={form.field('cron')}
          placeholder="0 9 * * 1-5"
          hint="Five fields: minute hour day-of-month month day-of-week, at most every 15 minutes."
        />
      ) : (
        <TextField label="At (24-hour time)" field={form.field('time')} placeholder="09:00" />
      )}
      <TimeZoneField field={form.field('timeZone')} />
      <SelectField label="Each run covers" field={form.field('windowMode')} options={windowOptions} />
      {complete ? <ScheduleEstimateWarnings estimate={estimate.data} /> : null}
      <div className="actions">
        <SubmitButton pending={saving} pendingLabel="Saving…">
          {existing ? 'Save schedule' : 'Create schedule'}
        </SubmitButton>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A text input with the browser's zone list as suggestions: typing "Berl" finds Europe/Berlin. */
export function TimeZoneField({ field, label = 'Time zone' }: { field: FieldProps; label?: string }) {
  const listId = useId();
  return (
    <>
      <TextField label={label} field={field} placeholder="Europe/Berlin" listId={listId} />
      <datalist id={listId}>
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
