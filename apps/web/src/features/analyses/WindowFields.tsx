import { TextField } from '../../components/TextField.tsx';
import type { FieldProps } from '../../lib/use-zod-form.ts';
import type { EditorState } from './editor-state.ts';

const PRESETS = ['7', '14', '30', '90'];

/** Which days: "last N days" (resolved each time the analysis runs) or a fixed from/to range. */
export function WindowFields({
  state,
  field,
  set,
}: {
  state: EditorState;
  field: (name: 'lastDays' | 'from' | 'to') => FieldProps;
  set: (patch: Partial<EditorState>) => void;
}) {
  return (
    <fieldset>
      <legend>Calls from</legend>
      <div className="radio-row">
        <label>
          <input
            type="radio"
            name="windowKind"
            checked={state.windowKind === 'relative'}
            onChange={() => set({ windowKind: 'relative' })}
          />{' '}
          The last few days (counted back from the day it runs)
        </label>
        <label>
          <input
            type="radio"
            name="windowKind"
            checked={state.windowKind === 'absolute'}
            onChange={() => set({ windowKind: 'absolute' })}
          />{' '}
          A fixed range of days
        </label>
      </div>
      {state.windowKind === 'relative' ? (
        <>
          <fieldset className="presets">
            <legend className="visually-hidden">Common choices</legend>
            {PRESETS.map((days) => (
              <button
                key={days}
                type="button"
                aria-pressed={state.lastDays === days}
                onClick={() => set({ lastDays: days })}
              >
                {days} days
              </button>
            ))}
          </fieldset>
          <TextField
            label="Number of days"
            field={field('lastDays')}
            hint="Today (UTC) counts as one of them."
          />
        </>
      ) : (
        <div className="field-row">
          <TextField label="First day" type="date" field={field('from')} />
          <TextField label="Last day" type="date" field={field('to')} />
        </div>
      )}
    </fieldset>
  );
}
