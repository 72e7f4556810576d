import { type RunSelectionInput, runSelectionInput } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { EstimateWarning } from './EstimateWarning.tsx';
import { type RunSubject, RunSubjectFields } from './RunSubjectFields.tsx';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The fields as typed (the procedures parse the same schema), not the parsed output. */
const selectionOf = (v: Record<string, string | undefined>): RunSelectionInput => ({
  from: v.from ?? '',
  to: v.to ?? '',
  repEmails: v.repEmails ?? '',
  externalOnly: v.externalOnly === 'yes' ? 'yes' : 'no',
  minDurationMinutes: v.minDurationMinutes ?? '',
  titleContains: v.titleContains ?? '',
});

/**
 * An ad-hoc run: the trackers it counts (shown and chosen, starting from the templates) over a call selection
 * validated by the same schema as runs.start; or a saved analysis, started with analyses.run.
 */
export function StartRunForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.analyses.templates.queryOptions());
  const [subject, setSubject] = useState<RunSubject | null>(null);
  const [subjectError, setSubjectError] = useState<string | undefined>();
  // Until the member changes it, the choice is every template, shown ticked.
  useEffect(() => {
    if (!subject && templates.data)
      setSubject({ kind: 'trackers', names: templates.data.map((t) => t.name) });
  }, [subject, templates.data]);
  const form = useSelectionForm();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess,
      onError: (error) => {
        const fields = serverFieldErrors(error);
        form.showErrors(fields);
        setSubjectError(fields.trackers);
      },
    }),
  );
  const runAnalysis = useMutation(trpc.analyses.run.mutationOptions({ onSuccess }));
  const pending = start.isPending || runAnalysis.isPending;
  const failed = start.error ?? runAnalysis.error;
  const submitTrackers = form.handleSubmit(() => {
    if (pending || subject?.kind !== 'trackers') return;
    const trackers = (templates.data ?? []).filter((t) => subject.names.includes(t.name));
    if (trackers.length === 0) {
      setSubjectError('Choose at least one tracker, or run a saved analysis.');
      return;
    }
    start.mutate({ ...selectionOf(form.values), trackers });
  });
  const onSubmit = (event: FormEvent) => {
    if (subject?.kind !== 'analysis') return submitTrackers(event);
    event.preventDefault();
    if (!pending && subject.id) runAnalysis.mutate({ id: subject.id });
  };
  const byAnalysis = subject?.kind === 'analysis';
  return (
    <form ref={form.formRef} noValidate aria-label="Start a run" className="card" onSubmit={onSubmit}>
      <h2>Start a run</h2>
      {failed ? <Alert tone="error">{errorMessage(failed)}</Alert> : null}
      {templates.isError ? <Alert tone="error">{errorMessage(templates.error)}</Alert> : null}
      {subject ? (
        <RunSubjectFields
          subject={subject}
          error={subjectError}
          onChange={(next) => {
            setSubject(next);
            setSubjectError(undefined);
          }}
        />
      ) : null}
      {byAnalysis ? null : <SelectionFields form={form} />}
      <div className="actions">
        {/* Until the trackers are shown there is nothing to send: a click then would do nothing. */}
        <SubmitButton pending={pending} pendingLabel="Starting…" disabled={!subject}>
          Start run
        </SubmitButton>
      </div>
    </form>
  );
}

/** The days and filters of a trackers run (a saved analysis brings its own). */
function SelectionFields({ form }: { form: ReturnType<typeof useSelectionForm> }) {
  const external = form.field('externalOnly');
  return (
    <>
      <div className="field-row">
        <TextField label="First day" type="date" field={form.field('from')} />
        <TextField label="Last day" type="date" field={form.field('to')} />
      </div>
      <TextField
        label="Reps (optional)"
        field={form.field('repEmails')}
        placeholder="ana@example.com, bo@example.com"
        hint="Email addresses of the reps whose calls to include. Blank includes everyone."
      />
      <TextField label="Minimum duration in minutes (optional)" field={form.field('minDurationMinutes')} />
      <TextField label="Title contains (optional)" field={form.field('titleContains')} />
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="externalOnly"
            checked={external.value === 'yes'}
            onChange={(e) => external.onChange(e.target.checked ? 'yes' : 'no')}
          />{' '}
          External calls only (at least one person from outside your company)
        </label>
      </div>
      <EstimateWarning selection={selectionOf(form.values)} />
    </>
  );
}

function useSelectionForm() {
  const today = new Date();
  return useZodForm(runSelectionInput, {
    from: isoDay(new Date(today.getTime() - 30 * 86_400_000)),
    to: isoDay(today),
    repEmails: '',
    externalOnly: 'no',
    minDurationMinutes: '',
    titleContains: '',
  });
}
