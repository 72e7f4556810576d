import { type RunSelectionInput, runSelectionInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { EstimateWarning } from './EstimateWarning.tsx';

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

/** The call selection, validated by the same schema as runs.start. */
export function StartRunForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = new Date();
  const form = useZodForm(runSelectionInput, {
    from: isoDay(new Date(today.getTime() - 30 * 86_400_000)),
    to: isoDay(today),
    repEmails: '',
    externalOnly: 'no',
    minDurationMinutes: '',
    titleContains: '',
  });
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() }),
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  const external = form.field('externalOnly');
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label="Start a run"
      className="card"
      onSubmit={form.handleSubmit(() => {
        if (start.isPending) return;
        start.mutate(selectionOf(form.values));
      })}
    >
      <h2>Start a run</h2>
      {start.isError ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
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
      <div className="actions">
        <SubmitButton pending={start.isPending} pendingLabel="Starting…">
          Start run
        </SubmitButton>
      </div>
    </form>
  );
}
