import type { AnalysisDefinitionInput } from '@callmine/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { FieldProps } from '../../lib/use-zod-form.ts';
import { AnalysersFields } from './AnalysersFields.tsx';
import { type EditorState, type FieldErrors, validate } from './editor-state.ts';
import { TrackersEditor } from './TrackersEditor.tsx';
import { WindowFields } from './WindowFields.tsx';

type StringField = 'name' | 'lastDays' | 'from' | 'to' | 'repEmails' | 'minDurationMinutes' | 'titleContains';

/**
 * The analysis editor. Nested trackers don't fit useZodForm's flat string forms, so the state is assembled into
 * analysisDefinitionInput and validated with that schema (see editor-state.ts); as there, the first field in
 * error takes focus after a failed save.
 */
export function AnalysisForm({
  initial,
  title,
  submitLabel,
  pending,
  serverError,
  serverErrors,
  onSave,
}: {
  initial: EditorState;
  title: string;
  submitLabel: string;
  pending: boolean;
  serverError: string | null;
  serverErrors: FieldErrors;
  onSave: (definition: AnalysisDefinitionInput) => void;
}) {
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<EditorState>) => setState((s) => ({ ...s, ...patch }));
  const clearError = (key: string) => setErrors(({ [key]: _gone, ...rest }) => rest);
  const shown = { ...serverErrors, ...errors };

  useEffect(() => {
    if (focusTick > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const field = (name: StringField): FieldProps => ({
    name,
    value: state[name],
    error: shown[name],
    onChange: (value) => {
      set({ [name]: value });
      clearError(name);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const result = validate(state);
    if (!result.ok) {
      setErrors(result.errors);
      setFocusTick((t) => t + 1);
      return;
    }
    setErrors({});
    onSave(result.data);
  };

  return (
    <form ref={formRef} noValidate aria-label={title} className="analysis-form" onSubmit={submit}>
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      <TextField label="Name" field={field('name')} placeholder="Competitor watch" />
      <WindowFields state={state} field={field} set={set} />
      <fieldset>
        <legend>Which calls</legend>
        <TextField
          label="Reps (optional)"
          field={field('repEmails')}
          placeholder="ana@example.com, bo@example.com"
          hint="Email addresses of the reps whose calls to include. Blank includes everyone."
        />
        <TextField label="Minimum duration in minutes (optional)" field={field('minDurationMinutes')} />
        <TextField label="Title contains (optional)" field={field('titleContains')} />
        <div className="field checkbox">
          <label>
            <input
              type="checkbox"
              name="externalOnly"
              checked={state.externalOnly === 'yes'}
              onChange={(e) => set({ externalOnly: e.target.checked ? 'yes' : 'no' })}
            />{' '}
            External calls only (at least one person from outside your company)
          </label>
        </div>
      </fieldset>
      <AnalysersFields
        selected={state.analysers}
        error={shown.analysers}
        onChange={(analysers) => {
          set({ analysers });
          clearError('analysers');
        }}
      />
      {state.analysers.includes('trackers') ? (
        <TrackersEditor
          trackers={state.trackers}
          errors={shown}
          onChange={(trackers) => {
            set({ trackers });
            clearError('trackers');
          }}
          clearError={clearError}
        />
      ) : null}
      <div className="actions">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
