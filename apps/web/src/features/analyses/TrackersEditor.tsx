import type { TrackerSettings } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import type { FieldProps } from '../../lib/use-zod-form.ts';
import { type TrackerDraft, trackerDraft, trackerKey } from './editor-state.ts';

/** The trackers: start from a template or blank, rename, edit phrases (one per line), remove. */
export function TrackersEditor({
  trackers,
  errors,
  onChange,
  clearError,
}: {
  trackers: TrackerDraft[];
  errors: Record<string, string>;
  onChange: (next: TrackerDraft[]) => void;
  clearError: (field: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const templates = useQuery(trpc.analyses.templates.queryOptions());
  const [template, setTemplate] = useState('');
  const ref = useRef<HTMLFieldSetElement>(null);
  // After adding, move focus to the new tracker's name so keyboard users can carry on typing.
  const focusLast = () =>
    setTimeout(() => {
      const all = ref.current?.querySelectorAll<HTMLInputElement>('.tracker input');
      all?.[all.length - 1]?.focus();
    }, 0);

  const add = (tracker: TrackerSettings) => {
    onChange([...trackers, trackerDraft(tracker)]);
    focusLast();
  };
  const update = (index: number, patch: Partial<TrackerDraft>) =>
    onChange(trackers.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const field = (index: number, part: 'name' | 'phrases'): FieldProps => {
    const key = `trackers.${index}.${part}`;
    return {
      name: key,
      value: trackers[index]?.[part] ?? '',
      error: errors[key],
      onChange: (value) => {
        update(index, { [part]: value });
        clearError(key);
      },
    };
  };
  const chosen = templates.data?.find((t) => t.name === template);

  return (
    <fieldset ref={ref} className="trackers">
      <legend>Trackers</legend>
      {errors.trackers ? <p className="field-error">{errors.trackers}</p> : null}
      {trackers.length === 0 ? (
        <p className="hint">No trackers yet. Start from a template or add a blank one.</p>
      ) : null}
      {trackers.map((tracker, index) => (
        <fieldset className="tracker card" key={tracker.key}>
          <legend>Tracker {index + 1}</legend>
          <TextField label="Tracker name" field={field(index, 'name')} />
          <TextAreaField
            label="Phrases"
            field={field(index, 'phrases')}
            rows={Math.min(10, Math.max(3, tracker.phrases.split('\n').length + 1))}
            placeholder={'Chorus: Chorus.ai, chorus ai\nClari'}
            hint="One phrase per line. Add other words for the same thing after a colon, separated by commas: “price: pricing, cost”. Matching ignores case and whole words only."
          />
          <div className="actions">
            <button
              type="button"
              onClick={() => onChange(trackers.filter((_, i) => i !== index))}
              aria-label={`Remove tracker ${tracker.name || index + 1}`}
            >
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <div className="field-row add-tracker">
        <div className="field">
          <label htmlFor={`${id}-template`}>Starter template</label>
          <select id={`${id}-template`} value={template} onChange={(e) => setTemplate(e.target.value)}>
            <option value="">Choose a template…</option>
            {templates.data?.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.phrases.length} phrases)
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={!chosen} onClick={() => chosen && add(chosen)}>
          Add from template
        </button>
        <button
          type="button"
          onClick={() => {
            onChange([...trackers, { key: trackerKey(), name: '', phrases: '' }]);
            focusLast();
          }}
        >
          Add blank tracker
        </button>
      </div>
      {templates.isError ? <Alert tone="error">{errorMessage(templates.error)}</Alert> : null}
    </fieldset>
  );
}
